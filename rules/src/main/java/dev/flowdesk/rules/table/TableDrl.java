package dev.flowdesk.rules.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generates the DRL of a rule set from its decision tables; the result goes through {@code RuleSetCompiler} like any
 * uploaded DRL. Everything in the output is fixed text of this class except literals: the values of checked cells
 * (which cannot hold a quote or a backslash, and are escaped all the same), rule names and explanations (escaped).
 * So a table is code-free whoever writes it, and needs no DRL permission.
 * <p>
 * One row is one rule. Tables run in order and rows in row order (salience falls with both; PRIORITY sorts by
 * precedence first). Each rule records its key in {@code DecisionDraft.hits} and does not fire when its key is
 * there, so a row fires at most once per ticket; under FIRST and PRIORITY the table's key, set by the winning row,
 * keeps the other rows of the table from firing.
 */
public final class TableDrl {

    private static final int TABLE_STEP = 10_000;
    private static final int TOP = 1_000_000;

    private TableDrl() {
    }

    /**
     * The DRL of the rule set; the table must have passed {@link TableCheck} (with the same context).
     *
     * @throws TableValidationException with every error when it has not
     */
    public static String generate(String ruleSet, RuleTable table, TableContext context)
            throws TableValidationException {
        TableCheck.Result result = TableCheck.check(table, context);
        if (!result.ok()) {
            throw new TableValidationException(result.errors());
        }
        return generate(ruleSet, result.checked());
    }

    static String generate(String ruleSet, Checked checked) {
        StringBuilder drl = new StringBuilder();
        drl.append("/*\n * Generated from the decision tables of the rule set \"").append(ruleSet)
                .append("\"; edit the tables, not this text.\n */\n");
        drl.append("package dev.flowdesk.rules.generated.").append(ruleSet.replaceAll("[^a-z0-9]", "_"))
                .append(";\n\n");
        drl.append("import java.util.Locale;\n");
        drl.append("import dev.flowdesk.rules.TicketFacts;\n");
        drl.append("import dev.flowdesk.rules.DecisionDraft;\n");
        drl.append("import dev.flowdesk.rules.Level;\n");
        drl.append("import dev.flowdesk.rules.Priority;\n\n");
        drl.append("agenda-group ").append(quote(ruleSet)).append("\n");
        for (Checked.Table table : checked.tables()) {
            List<Checked.Row> order = new ArrayList<>(table.rows());
            if (table.hitPolicy() == HitPolicy.PRIORITY) {
                order.sort(Comparator.comparingInt(Checked.Row::precedence).reversed()
                        .thenComparingInt(Checked.Row::index));
            }
            String tableKey = ruleSet + "/" + table.name();
            for (int rank = 0; rank < order.size(); rank++) {
                int salience = TOP - table.index() * TABLE_STEP - rank;
                rule(drl, table, order.get(rank), tableKey, salience);
            }
        }
        return drl.toString();
    }

    private static void rule(StringBuilder drl, Checked.Table table, Checked.Row row, String tableKey, int salience) {
        List<String> ticket = new ArrayList<>();
        List<String> draft = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        List<String> explains = new ArrayList<>();
        String rowKey = tableKey + "/" + (row.index() + 1);
        draft.add("hits not contains " + quote(rowKey));
        if (table.hitPolicy() != HitPolicy.COLLECT) {
            draft.add("hits not contains " + quote(tableKey));
        }
        conditions(table, row, ticket, draft);
        String explanation = row.explanation();
        for (int c = 0; c < table.actions().size(); c++) {
            String value = row.then().get(c);
            if (value != null) {
                action(table.actions().get(c), value, explanation, ticket, draft, changes, explains);
            }
        }
        changes.add("markHit(" + quote(rowKey) + ")");
        if (table.hitPolicy() != HitPolicy.COLLECT) {
            changes.add("markHit(" + quote(tableKey) + ")");
        }
        drl.append("\nrule ").append(quote(row.name())).append('\n');
        drl.append("    @reason(").append(quote(explanation.isEmpty() ? "row " + (row.index() + 1) + " of table "
                + table.name() : explanation)).append(")\n");
        drl.append("    salience ").append(salience).append('\n');
        drl.append("when\n");
        if (!ticket.isEmpty()) {
            drl.append("    TicketFacts( ").append(String.join(", ", ticket)).append(" )\n");
        }
        drl.append("    $d : DecisionDraft( ").append(String.join(", ", draft)).append(" )\n");
        drl.append("then\n");
        if (!explains.isEmpty()) {
            drl.append("    $d.explain(").append(String.join(" + \"; \" + ", explains)).append(");\n");
        }
        drl.append("    modify($d) { ").append(String.join(", ", changes)).append(" }\n");
        drl.append("end\n");
    }

    private static void conditions(Checked.Table table, Checked.Row row, List<String> ticket, List<String> draft) {
        List<String> keywords = new ArrayList<>();
        for (int c = 0; c < table.conditions().size(); c++) {
            Checked.Cell cell = row.when().get(c);
            if (cell == null) {
                continue;
            }
            Checked.Condition condition = table.conditions().get(c);
            ConditionField field = condition.field();
            List<String> target = field.fact() == ConditionField.Fact.TICKET ? ticket : draft;
            String path = field.path();
            String value = cell.literal().get(0);
            switch (condition.operator()) {
                case MENTIONS -> keywords.addAll(cell.literal());
                case BETWEEN -> {
                    String[] range = value.split("-");
                    target.add("timeOfDayBetween(" + quote(range[0]) + ", " + quote(range[1]) + ", "
                            + quote(condition.zone()) + ")");
                }
                case IS -> target.add(path + " == " + value);
                case IS_SET -> {
                    boolean set = value.equals("true");
                    if (field.valueType() == ConditionField.ValueType.NAME) {
                        target.add(set ? path + " != null, " + path + ".isBlank() == false"
                                : "(" + path + " == null || " + path + ".isBlank())");
                    } else {
                        target.add(path + (set ? " != null" : " == null"));
                    }
                }
                case EQ -> target.add(equal(field, path, value));
                case IN -> target.add(cell.literal().size() == 1 ? equal(field, path, value)
                        : field.valueType() == ConditionField.ValueType.DOMAIN
                        ? path + " matches " + quote("(?i)(" + cell.literal().stream().map(TableDrl::regexLiteral)
                        .collect(Collectors.joining("|")) + ")")
                        : path + " in (" + cell.literal().stream().map(v -> literal(field, v))
                        .collect(Collectors.joining(", ")) + ")");
                case AT_LEAST -> target.add(path + " != null, " + path + " >= " + literal(field, value));
                case AT_MOST -> target.add(path + " != null, " + path + " <= " + literal(field, value));
                default -> throw new IllegalStateException("no DRL for " + condition.operator());
            }
        }
        if (!keywords.isEmpty()) {
            ticket.add("mentions(" + quote(String.join(", ", keywords)) + ")");
        }
    }

    private static String equal(ConditionField field, String path, String value) {
        if (field.valueType() == ConditionField.ValueType.DOMAIN) {
            return path + " matches " + quote("(?i)" + regexLiteral(value));
        }
        return path + " == " + literal(field, value);
    }

    private static String literal(ConditionField field, String value) {
        return switch (field.valueType()) {
            case LEVEL -> "Level." + value;
            case PRIORITY -> "Priority." + value;
            default -> quote(value);
        };
    }

    private static void action(ActionKind kind, String value, String explanation, List<String> ticket,
                               List<String> draft, List<String> changes, List<String> explains) {
        String because = explanation.isEmpty() ? kind.key() : explanation;
        switch (kind) {
            case CATEGORY -> changes.add("setCategory(" + quote(value) + ")");
            case CATEGORY_FROM_FORM -> {
                ticket.add("$hint : categoryHint != null, categoryHint.isBlank() == false");
                changes.add("setCategory($hint.strip().toLowerCase(Locale.ROOT))");
            }
            case PRIORITY -> changes.add("setPriority(Priority." + value + ")");
            case RAISE_PRIORITY -> {
                draft.add("$p : priority != null, priority != Priority.P1, priorityRaised == false");
                explains.add(quote(because + ": ") + " + $p + \" -> \" + $p.oneStepMoreUrgent()");
                changes.add("setPriority($p.oneStepMoreUrgent()), setPriorityRaised(true)");
            }
            case PRIORITY_FLOOR_FROM_FORM -> {
                ticket.add("$floor : priorityFloor != null");
                draft.add("$p : priority != null, priority > $floor");
                explains.add(quote(because + " ") + " + $floor + \": \" + $p + \" -> \" + $floor");
                changes.add("setPriority($floor)");
            }
            case QUEUE -> changes.add("setQueue(" + quote(value) + ")");
            case APPROVER_GROUP -> changes.add("setApproverGroup(" + quote(value) + ")");
            case FIRST_RESPONSE_MINUTES -> changes.add("setFirstResponseMinutes(" + Integer.parseInt(value) + ")");
            case RESOLUTION_MINUTES -> changes.add("setResolutionMinutes(" + Integer.parseInt(value) + ")");
            case DIVIDE_TARGETS -> {
                int divisor = Integer.parseInt(value);
                draft.add("$respond : firstResponseMinutes != null, $resolve : resolutionMinutes != null");
                explains.add(quote(because + ": respond ") + " + $respond + \" -> \" + ($respond / " + divisor
                        + ") + \", resolve \" + $resolve + \" -> \" + ($resolve / " + divisor + ")");
                changes.add("setFirstResponseMinutes($respond / " + divisor + "), setResolutionMinutes($resolve / "
                        + divisor + ")");
            }
            case TAG -> changes.add("addTag(" + quote(value) + ")");
            default -> throw new IllegalStateException("no DRL for " + kind);
        }
    }

    /** A DRL (Java) string literal of any text: quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(' ');
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A domain as a regular expression matching exactly itself ('.' escaped; the checked domain has no more). */
    private static String regexLiteral(String domain) {
        return domain.replace(".", "\\.");
    }
}
