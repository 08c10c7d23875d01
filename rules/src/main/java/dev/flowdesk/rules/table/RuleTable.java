package dev.flowdesk.rules.table;

import java.util.List;

/**
 * A rule set written as decision tables instead of DRL: the low-code way to edit categorization, priority, routing
 * and SLA rules. The tables run in the order given, each after the previous one (a priority table sees the category
 * a categorization table set), and the server generates the DRL from them ({@link TableDrl}), so a designer never
 * writes code and the rule set still goes through the one compile, test, replay and activate lifecycle.
 * Every part is kept as the designer wrote it (fields, operators and hit policies as text): {@link TableCheck} then
 * says which row and column is wrong instead of a parser refusing the whole document.
 *
 * @param tables the decision tables of the rule set, in evaluation order
 */
public record RuleTable(List<DecisionTable> tables) {

    public RuleTable {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /**
     * One decision table.
     *
     * @param name       short name, unique in the rule set (lower-case letters, digits, '-'), e.g. "queue"
     * @param hitPolicy  FIRST (the first matching row wins), PRIORITY (the matching row with the highest precedence
     *                   wins) or COLLECT (every matching row applies, in row order)
     * @param conditions the condition columns, over {@code TicketFacts} and what earlier rule sets decided
     * @param actions    the action columns, over the {@code Decision}
     * @param rows       the rules, one per row
     */
    public record DecisionTable(String name, String hitPolicy, List<ConditionColumn> conditions,
                                List<ActionColumn> actions, List<Row> rows) {
        public DecisionTable {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            actions = actions == null ? List.of() : List.copyOf(actions);
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    /**
     * A condition column: a field of the facts and an operator (see {@link ConditionField} for which operators a
     * field offers).
     *
     * @param field    e.g. "impact", "requester.tenant", "text", "category"
     * @param operator e.g. "eq", "in", "mentions", "&gt;=", "&lt;=", "between", "is", "is-set"
     * @param language for "mentions": the language of the keyword list ("de", "en" ...); the keyword columns of a
     *                 row are alternatives, so a desk keeps one list per language
     * @param zone     for "between" on the time of day: the time zone (default UTC)
     */
    public record ConditionColumn(String field, String operator, String language, String zone) {
        public ConditionColumn(String field, String operator) {
            this(field, operator, null, null);
        }
    }

    /** An action column: what a cell does to the decision, e.g. "queue" sets the queue (see {@link ActionKind}). */
    public record ActionColumn(String action) {
    }

    /**
     * One rule.
     *
     * @param name        the rule's name, a sentence ("VIP requester raises priority one step"); unique in the rule
     *                    base, because decisions cite the rules that fired by name
     * @param precedence  for the hit policy PRIORITY: higher wins; ignored otherwise
     * @param when        one cell per condition column; an empty cell matches anything
     * @param then        one cell per action column; an empty cell does nothing
     * @param explanation why the rule applies, one line: the reason recorded on each decision
     */
    public record Row(String name, Integer precedence, List<String> when, List<String> then, String explanation) {
        public Row {
            when = when == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(when));
            then = then == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(then));
        }
    }
}
