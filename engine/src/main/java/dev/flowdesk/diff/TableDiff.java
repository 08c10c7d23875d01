package dev.flowdesk.diff;

import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The difference of two rule-set tables by row, as a designer reads a decision table: rows are matched by their
 * name (unique in the rule base, because decisions cite the rules that fired by name), and a changed row lists the
 * cells that differ by column heading ({@code impact eq}, {@code queue}), so moving a column does not show every
 * cell as changed. A row that only moved is reported with its old and new position.
 */
public final class TableDiff {

    public enum Change { ADDED, REMOVED, CHANGED, MOVED }

    /** One differing cell: its column (a heading, or "precedence"/"explanation") and both values. */
    public record Cell(String column, String from, String to) {
    }

    /** A row that differs; positions are 1-based, null on the side where the row does not exist. */
    public record RowChange(String table, String row, Change change, Integer fromPosition, Integer toPosition,
                            List<Cell> cells) {
    }

    /** A table-level change: a table added or removed, its hit policy or its columns changed. */
    public record TableChange(String table, Change change, String detail) {
    }

    public record Result(List<TableChange> tables, List<RowChange> rows) {
        public boolean changed() {
            return !tables.isEmpty() || !rows.isEmpty();
        }
    }

    private TableDiff() {
    }

    public static Result diff(RuleTable from, RuleTable to) {
        Map<String, DecisionTable> before = byName(from);
        Map<String, DecisionTable> after = byName(to);
        List<TableChange> tables = new ArrayList<>();
        List<RowChange> rows = new ArrayList<>();
        before.forEach((name, table) -> {
            if (!after.containsKey(name)) {
                tables.add(new TableChange(name, Change.REMOVED, table.rows().size() + " rows"));
                table.rows().forEach(r -> rows.add(new RowChange(name, r.name(), Change.REMOVED,
                        table.rows().indexOf(r) + 1, null, List.of())));
            }
        });
        after.forEach((name, table) -> {
            DecisionTable old = before.get(name);
            if (old == null) {
                tables.add(new TableChange(name, Change.ADDED, table.rows().size() + " rows"));
                table.rows().forEach(r -> rows.add(new RowChange(name, r.name(), Change.ADDED, null,
                        table.rows().indexOf(r) + 1, List.of())));
                return;
            }
            if (!Objects.equals(old.hitPolicy(), table.hitPolicy())) {
                tables.add(new TableChange(name, Change.CHANGED, "hit policy " + old.hitPolicy() + " → "
                        + table.hitPolicy()));
            }
            List<String> oldColumns = headings(old);
            List<String> newColumns = headings(table);
            if (!oldColumns.equals(newColumns)) {
                tables.add(new TableChange(name, Change.CHANGED, "columns " + oldColumns + " → " + newColumns));
            }
            rows.addAll(rows(name, old, table));
        });
        return new Result(tables, rows);
    }

    /**
     * A row counts as moved when its place among the rows both versions share changed: inserting or deleting a row
     * above it does not move it, swapping it with its neighbour does (under hit policy FIRST that changes decisions).
     */
    private static List<RowChange> rows(String table, DecisionTable old, DecisionTable now) {
        Map<String, Integer> oldPositions = positions(old);
        Map<String, Integer> newPositions = positions(now);
        List<String> oldShared = old.rows().stream().map(TableDiff::key).filter(newPositions::containsKey).toList();
        List<String> newShared = now.rows().stream().map(TableDiff::key).filter(oldPositions::containsKey).toList();
        List<RowChange> changes = new ArrayList<>();
        for (Row row : old.rows()) {
            if (!newPositions.containsKey(key(row))) {
                changes.add(new RowChange(table, row.name(), Change.REMOVED, oldPositions.get(key(row)), null,
                        List.of()));
            }
        }
        for (Row row : now.rows()) {
            Integer was = oldPositions.get(key(row));
            Integer is = newPositions.get(key(row));
            if (was == null) {
                changes.add(new RowChange(table, row.name(), Change.ADDED, null, is, List.of()));
                continue;
            }
            List<Cell> cells = cells(old, old.rows().get(was - 1), now, row);
            if (!cells.isEmpty()) {
                changes.add(new RowChange(table, row.name(), Change.CHANGED, was, is, cells));
            } else if (oldShared.indexOf(key(row)) != newShared.indexOf(key(row))) {
                changes.add(new RowChange(table, row.name(), Change.MOVED, was, is, List.of()));
            }
        }
        return changes;
    }

    private static List<Cell> cells(DecisionTable oldTable, Row old, DecisionTable newTable, Row now) {
        Map<String, String> before = cellsByHeading(oldTable, old);
        Map<String, String> after = cellsByHeading(newTable, now);
        List<Cell> cells = new ArrayList<>();
        before.forEach((column, value) -> {
            String other = after.getOrDefault(column, "");
            if (!value.equals(other)) {
                cells.add(new Cell(column, value, other));
            }
        });
        after.forEach((column, value) -> {
            if (!before.containsKey(column) && !value.isEmpty()) {
                cells.add(new Cell(column, "", value));
            }
        });
        return cells;
    }

    private static Map<String, String> cellsByHeading(DecisionTable table, Row row) {
        Map<String, String> cells = new LinkedHashMap<>();
        List<String> conditions = conditionHeadings(table);
        for (int i = 0; i < conditions.size(); i++) {
            cells.merge(conditions.get(i), cell(row.when(), i), (a, b) -> a + " | " + b);
        }
        for (int i = 0; i < table.actions().size(); i++) {
            cells.merge("then " + table.actions().get(i).action(), cell(row.then(), i), (a, b) -> a + " | " + b);
        }
        cells.put("precedence", row.precedence() == null ? "" : row.precedence().toString());
        cells.put("explanation", row.explanation() == null ? "" : row.explanation());
        return cells;
    }

    private static List<String> headings(DecisionTable table) {
        List<String> headings = new ArrayList<>(conditionHeadings(table));
        table.actions().forEach(a -> headings.add("then " + a.action()));
        return headings;
    }

    private static List<String> conditionHeadings(DecisionTable table) {
        return table.conditions().stream().map(c -> c.field() + " " + c.operator()
                + (c.language() == null ? "" : " (" + c.language() + ")")
                + (c.zone() == null ? "" : " [" + c.zone() + "]")).toList();
    }

    private static String cell(List<String> cells, int index) {
        String value = index < cells.size() ? cells.get(index) : null;
        return value == null ? "" : value.strip();
    }

    private static Map<String, DecisionTable> byName(RuleTable table) {
        Map<String, DecisionTable> byName = new LinkedHashMap<>();
        if (table != null) {
            table.tables().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return byName;
    }

    private static Map<String, Integer> positions(DecisionTable table) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < table.rows().size(); i++) {
            positions.putIfAbsent(key(table.rows().get(i)), i + 1);
        }
        return positions;
    }

    private static String key(Row row) {
        return row.name() == null ? "" : row.name().strip();
    }
}
