package dev.flowdesk.rules.table;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.flowdesk.rules.table.Operator.AT_LEAST;
import static dev.flowdesk.rules.table.Operator.AT_MOST;
import static dev.flowdesk.rules.table.Operator.BETWEEN;
import static dev.flowdesk.rules.table.Operator.EQ;
import static dev.flowdesk.rules.table.Operator.IN;
import static dev.flowdesk.rules.table.Operator.IS;
import static dev.flowdesk.rules.table.Operator.IS_SET;
import static dev.flowdesk.rules.table.Operator.MENTIONS;

/**
 * The fields a condition column may test: the {@code TicketFacts} the rules read, and the two things earlier rule
 * sets decided that later ones read (category, priority). Each field has a value type, which fixes the operators it
 * offers and how a cell is read, and the DRL path the generator writes; nothing a designer types ever becomes a path.
 */
public enum ConditionField {
    TYPE("type", Fact.TICKET, "type", ValueType.CODE, EQ, IN),
    CHANNEL("channel", Fact.TICKET, "channel", ValueType.CODE, EQ, IN),
    TEXT("text", Fact.TICKET, null, ValueType.KEYWORDS, MENTIONS),
    REQUESTER_DOMAIN("requester.domain", Fact.TICKET, "requester.domain", ValueType.DOMAIN, EQ, IN),
    REQUESTER_ORGANIZATION("requester.organization", Fact.TICKET, "requester.organization", ValueType.NAME, EQ, IN),
    REQUESTER_TENANT("requester.tenant", Fact.TICKET, "requester.tenant", ValueType.NAME, EQ, IN),
    REQUESTER_TIER("requester.tier", Fact.TICKET, "requester.tier", ValueType.CODE, EQ, IN),
    REQUESTER_VIP("requester.vip", Fact.TICKET, "requester.vip", ValueType.BOOLEAN, IS),
    CI_CRITICALITY("configurationItem.criticality", Fact.TICKET, "configurationItem!.criticality", ValueType.CODE,
            EQ, IN),
    CI_MANY_DEPENDANTS("configurationItem.manyDependants", Fact.TICKET, "configurationItem!.manyDependants",
            ValueType.BOOLEAN, IS),
    IMPACT("impact", Fact.TICKET, "impact", ValueType.LEVEL, EQ, IN, AT_LEAST, AT_MOST),
    URGENCY("urgency", Fact.TICKET, "urgency", ValueType.LEVEL, EQ, IN, AT_LEAST, AT_MOST),
    CATEGORY_HINT("categoryHint", Fact.TICKET, "categoryHint", ValueType.NAME, IS_SET),
    PRIORITY_FLOOR("priorityFloor", Fact.TICKET, "priorityFloor", ValueType.PRIORITY, IS_SET, EQ, IN),
    TIME_OF_DAY("now", Fact.TICKET, "now", ValueType.TIME_RANGE, BETWEEN),
    CATEGORY("category", Fact.DECISION, "category", ValueType.CATEGORY, EQ, IN),
    PRIORITY("priority", Fact.DECISION, "priority", ValueType.PRIORITY, EQ, IN, AT_LEAST, AT_MOST);

    /** Which working-memory fact a field belongs to. */
    enum Fact { TICKET, DECISION }

    /** How a cell of the field is read and checked. */
    enum ValueType {
        /** An upper-case code such as INCIDENT or GOLD: letters, digits, '_', '-', '.'. */
        CODE,
        /** A free name (tenant, organisation): any text without quotes, backslashes or line breaks. */
        NAME,
        /** A mail domain, compared ignoring case. */
        DOMAIN,
        /** A comma-separated keyword list. */
        KEYWORDS,
        BOOLEAN,
        /** LOW, MEDIUM, HIGH. */
        LEVEL,
        /** P1..P5. */
        PRIORITY,
        /** A category some categorization rule can set. */
        CATEGORY,
        /** "HH:mm-HH:mm". */
        TIME_RANGE
    }

    private final String key;
    private final Fact fact;
    private final String path;
    private final ValueType valueType;
    private final Set<Operator> operators;

    ConditionField(String key, Fact fact, String path, ValueType valueType, Operator first, Operator... more) {
        this.key = key;
        this.fact = fact;
        this.path = path;
        this.valueType = valueType;
        this.operators = EnumSet.of(first, more);
    }

    /** How a table names the field, e.g. "requester.tenant". */
    public String key() {
        return key;
    }

    Fact fact() {
        return fact;
    }

    /** The DRL path of the field in its fact pattern (fixed here, never taken from a table). */
    String path() {
        return path;
    }

    ValueType valueType() {
        return valueType;
    }

    /** The operators this field offers, for messages and the table editor. */
    public List<String> operators() {
        return operators.stream().map(Operator::symbol).toList();
    }

    boolean offers(Operator operator) {
        return operators.contains(operator);
    }

    static ConditionField parse(String text) {
        if (text == null) {
            return null;
        }
        for (ConditionField field : values()) {
            if (field.key.equals(text.strip())) {
                return field;
            }
        }
        return null;
    }
}
