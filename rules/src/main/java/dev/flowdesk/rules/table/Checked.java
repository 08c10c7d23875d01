package dev.flowdesk.rules.table;

import java.util.List;
import java.util.Set;

/**
 * A rule table after {@link TableCheck} read it: fields, operators, hit policies and actions resolved, every cell
 * parsed into normalized values. Only a table without errors becomes one, so the generator and the overlap analysis
 * never see a value they would have to guess about.
 */
record Checked(List<Table> tables) {

    record Table(int index, String name, HitPolicy hitPolicy, List<Condition> conditions, List<ActionKind> actions,
                 List<Row> rows) {
    }

    record Condition(ConditionField field, Operator operator, String language, String zone, String label) {
    }

    /**
     * @param when one cell per condition column, null where the cell is empty (matches anything)
     * @param then one value per action column, null where the cell is empty; "yes" for switches
     */
    record Row(int index, String name, int precedence, List<Cell> when, List<String> then, String explanation) {

        boolean matchesAnything() {
            return when.stream().allMatch(cell -> cell == null);
        }

        boolean hasConditionalAction(List<ActionKind> actions) {
            for (int i = 0; i < actions.size(); i++) {
                if (then.get(i) != null && actions.get(i).isConditional()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One parsed condition cell.
     *
     * @param literal the value as the generator writes it (normalized: P2, HIGH, 08:00-17:00 ...)
     * @param values  the values the cell admits (a keyword list for mentions; the admitted enum constants for
     *                &gt;= and &lt;=), for the overlap analysis
     * @param from    for time ranges: minute of the day the range starts
     * @param to      for time ranges: minute of the day it ends (exclusive)
     */
    record Cell(List<String> literal, Set<String> values, int from, int to) {
    }
}
