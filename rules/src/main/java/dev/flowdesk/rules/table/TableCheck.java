package dev.flowdesk.rules.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.flowdesk.rules.table.RuleTable.ActionColumn;
import dev.flowdesk.rules.table.RuleTable.ConditionColumn;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;

/**
 * Checks a rule table cell by cell before any DRL is generated: unknown fields, operators a field does not offer,
 * unknown actions, bad values (a priority that is not P1..P5, a number that is not one, an unknown category), rows
 * with more cells than columns and rule names used twice are errors naming the table, row and column. Rows that can
 * match the same ticket where only one may win, and rows an earlier row always beats, are warnings
 * ({@link RowOverlaps}): the table still works, but probably not as meant.
 */
public final class TableCheck {

    static final int MAX_TABLES = 20;
    static final int MAX_COLUMNS = 30;
    static final int MAX_ROWS = 1000;
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** What the check found: errors keep the table from being stored, warnings do not. */
    public static final class Result {
        private final List<TableProblem> errors;
        private final List<TableProblem> warnings;
        private final Checked checked;

        Result(List<TableProblem> errors, List<TableProblem> warnings, Checked checked) {
            this.errors = errors;
            this.warnings = warnings;
            this.checked = checked;
        }

        public List<TableProblem> errors() {
            return errors;
        }

        public List<TableProblem> warnings() {
            return warnings;
        }

        public boolean ok() {
            return errors.isEmpty();
        }

        /** The parsed table, for the generator; null when there are errors. */
        Checked checked() {
            return checked;
        }
    }

    private final TableContext context;
    private final List<TableProblem> errors = new ArrayList<>();

    private TableCheck(TableContext context) {
        this.context = context;
    }

    /** Checks the table against the categories the rule base knows (plus those the table sets itself). */
    public static Result check(RuleTable table, TableContext context) {
        return new TableCheck(context.with(categoriesSetBy(table))).run(table);
    }

    private Result run(RuleTable ruleTable) {
        if (ruleTable == null || ruleTable.tables().isEmpty()) {
            errors.add(new TableProblem("", 0, null, "tables", "the rule set has no table"));
            return new Result(List.copyOf(errors), List.of(), null);
        }
        if (ruleTable.tables().size() > MAX_TABLES) {
            errors.add(new TableProblem("", 0, null, "tables", "at most " + MAX_TABLES + " tables per rule set"));
            return new Result(List.copyOf(errors), List.of(), null);
        }
        List<Checked.Table> tables = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        Set<String> ruleNames = new HashSet<>();
        for (int t = 0; t < ruleTable.tables().size(); t++) {
            Checked.Table checked = table(t, ruleTable.tables().get(t), tableNames, ruleNames);
            if (checked != null) {
                tables.add(checked);
            }
        }
        if (!errors.isEmpty()) {
            return new Result(List.copyOf(errors), List.of(), null);
        }
        Checked checked = new Checked(List.copyOf(tables));
        return new Result(List.of(), RowOverlaps.warnings(checked), checked);
    }

    private Checked.Table table(int t, DecisionTable table, Set<String> tableNames, Set<String> ruleNames) {
        String path = "tables[" + t + "]";
        if (table == null) {
            errors.add(new TableProblem("#" + (t + 1), 0, null, path, "the table is empty"));
            return null;
        }
        String name = table.name() == null ? "" : table.name().strip();
        int before = errors.size();
        if (!TABLE_NAME.matcher(name).matches()) {
            errors.add(new TableProblem(name.isEmpty() ? "#" + (t + 1) : CellReader.shorten(name), 0, null,
                    path + ".name", "a table name is lower-case letters, digits or '-', starting with a letter,"
                    + " at most 31 characters"));
        } else if (!tableNames.add(name)) {
            errors.add(new TableProblem(name, 0, null, path + ".name", "another table of this rule set has this"
                    + " name"));
        }
        HitPolicy hitPolicy = HitPolicy.parse(table.hitPolicy());
        if (hitPolicy == null) {
            errors.add(new TableProblem(name, 0, null, path + ".hitPolicy", "the hit policy is FIRST, PRIORITY or"
                    + " COLLECT, not \"" + CellReader.shorten(String.valueOf(table.hitPolicy())) + "\""));
        }
        List<Checked.Condition> conditions = conditions(name, path, table.conditions());
        List<ActionKind> actions = actions(name, path, table.actions());
        if (table.rows().size() > MAX_ROWS) {
            errors.add(new TableProblem(name, 0, null, path + ".rows", "at most " + MAX_ROWS + " rows per table"));
        }
        if (errors.size() > before) {
            return null;
        }
        List<Checked.Row> rows = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            Checked.Row row = row(name, path + ".rows[" + r + "]", r, table.rows().get(r), conditions, actions,
                    hitPolicy, ruleNames);
            if (row != null) {
                rows.add(row);
            }
        }
        return new Checked.Table(t, name, hitPolicy, conditions, actions, List.copyOf(rows));
    }

    private List<Checked.Condition> conditions(String table, String path, List<ConditionColumn> columns) {
        List<Checked.Condition> conditions = new ArrayList<>();
        if (columns.size() > MAX_COLUMNS) {
            errors.add(new TableProblem(table, 0, null, path + ".conditions", "at most " + MAX_COLUMNS
                    + " condition columns"));
            return conditions;
        }
        for (int c = 0; c < columns.size(); c++) {
            ConditionColumn column = columns.get(c);
            String where = path + ".conditions[" + c + "]";
            String label = column == null ? "#" + (c + 1) : conditionLabel(column);
            ConditionField field = column == null ? null : ConditionField.parse(column.field());
            if (field == null) {
                errors.add(new TableProblem(table, 0, label, where + ".field", "unknown field \""
                        + CellReader.shorten(column == null ? "" : String.valueOf(column.field()))
                        + "\"; a condition may test " + Arrays.stream(ConditionField.values())
                        .map(ConditionField::key).collect(Collectors.joining(", "))));
                continue;
            }
            Operator operator = Operator.parse(column.operator());
            if (operator == null || !field.offers(operator)) {
                errors.add(new TableProblem(table, 0, label, where + ".operator", "the field " + field.key()
                        + " offers the operators " + String.join(", ", field.operators()) + ", not \""
                        + CellReader.shorten(String.valueOf(column.operator())) + "\""));
                continue;
            }
            String language = blankToNull(column.language());
            if (language != null && (operator != Operator.MENTIONS || !CellReader.isLanguage(language))) {
                errors.add(new TableProblem(table, 0, label, where + ".language", "a language (two or three"
                        + " lower-case letters, e.g. de) belongs to a keyword column only"));
                continue;
            }
            String zone = blankToNull(column.zone());
            if (zone != null && (operator != Operator.BETWEEN || !CellReader.isZone(zone))) {
                errors.add(new TableProblem(table, 0, label, where + ".zone", "a time zone (e.g. Europe/Berlin)"
                        + " belongs to a time-of-day column only, and must be a known zone"));
                continue;
            }
            conditions.add(new Checked.Condition(field, operator, language,
                    operator == Operator.BETWEEN && zone == null ? "UTC" : zone, label));
        }
        return conditions;
    }

    private List<ActionKind> actions(String table, String path, List<ActionColumn> columns) {
        List<ActionKind> actions = new ArrayList<>();
        if (columns.isEmpty()) {
            errors.add(new TableProblem(table, 0, null, path + ".actions", "a table needs at least one action"
                    + " column"));
        }
        if (columns.size() > MAX_COLUMNS) {
            errors.add(new TableProblem(table, 0, null, path + ".actions", "at most " + MAX_COLUMNS
                    + " action columns"));
            return actions;
        }
        for (int c = 0; c < columns.size(); c++) {
            ActionColumn column = columns.get(c);
            String raw = column == null ? "" : String.valueOf(column.action());
            ActionKind kind = ActionKind.parse(raw);
            String where = path + ".actions[" + c + "]";
            if (kind == null) {
                errors.add(new TableProblem(table, 0, "then " + CellReader.shorten(raw), where + ".action",
                        "unknown action \"" + CellReader.shorten(raw) + "\"; an action is one of "
                        + Arrays.stream(ActionKind.values()).map(ActionKind::key).collect(Collectors.joining(", "))));
            } else if (kind != ActionKind.TAG && actions.contains(kind)) {
                errors.add(new TableProblem(table, 0, "then " + kind.key(), where + ".action", "the action "
                        + kind.key() + " has two columns; one row sets it once"));
            } else {
                actions.add(kind);
            }
        }
        return actions;
    }

    private Checked.Row row(String table, String path, int r, Row row, List<Checked.Condition> conditions,
                            List<ActionKind> actions, HitPolicy hitPolicy, Set<String> ruleNames) {
        int number = r + 1;
        if (row == null) {
            errors.add(new TableProblem(table, number, null, path, "the row is empty"));
            return null;
        }
        int before = errors.size();
        String name = row.name() == null || row.name().isBlank() ? table + " row " + number : row.name().strip();
        if (name.length() > 200 || CONTROL.matcher(name).find()) {
            errors.add(new TableProblem(table, number, "name", path + ".name", "a rule name is one line of at most"
                    + " 200 characters"));
        } else if (!ruleNames.add(name)) {
            errors.add(new TableProblem(table, number, "name", path + ".name", "another row already has the name \""
                    + CellReader.shorten(name) + "\"; decisions cite rules by name"));
        }
        String explanation = row.explanation() == null ? "" : row.explanation().strip();
        if (explanation.length() > 500 || CONTROL.matcher(explanation).find()) {
            errors.add(new TableProblem(table, number, "explanation", path + ".explanation", "an explanation is one"
                    + " line of at most 500 characters"));
        }
        int precedence = row.precedence() == null ? 0 : row.precedence();
        if (hitPolicy == HitPolicy.PRIORITY && Math.abs(precedence) > 1000) {
            errors.add(new TableProblem(table, number, "precedence", path + ".precedence", "precedence must be"
                    + " between -1000 and 1000"));
        }
        if (row.when().size() > conditions.size()) {
            errors.add(new TableProblem(table, number, null, path + ".when", "the row has " + row.when().size()
                    + " condition cells but the table only " + conditions.size() + " condition columns"));
        }
        if (row.then().size() > actions.size()) {
            errors.add(new TableProblem(table, number, null, path + ".then", "the row has " + row.then().size()
                    + " action cells but the table only " + actions.size() + " action columns"));
        }
        if (errors.size() > before) {
            return null;
        }
        List<Checked.Cell> when = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            String raw = c < row.when().size() ? row.when().get(c) : null;
            Checked.Condition condition = conditions.get(c);
            if (raw == null || raw.isBlank() || raw.strip().equals("-")) {
                when.add(null);
                continue;
            }
            try {
                when.add(CellReader.condition(condition.field(), condition.operator(), raw, context));
            } catch (CellReader.BadCell e) {
                errors.add(new TableProblem(table, number, condition.label(), path + ".when[" + c + "]",
                        e.getMessage()));
                when.add(null);
            }
        }
        List<String> then = new ArrayList<>();
        for (int c = 0; c < actions.size(); c++) {
            String raw = c < row.then().size() ? row.then().get(c) : null;
            try {
                then.add(CellReader.action(actions.get(c), raw));
            } catch (CellReader.BadCell e) {
                errors.add(new TableProblem(table, number, "then " + actions.get(c).key(), path + ".then[" + c + "]",
                        e.getMessage()));
                then.add(null);
            }
        }
        conflictingActions(table, number, path, actions, then);
        return errors.size() > before ? null
                : new Checked.Row(r, name, precedence, java.util.Collections.unmodifiableList(when),
                java.util.Collections.unmodifiableList(then), explanation);
    }

    /** Actions that would fight over one field in one row. */
    private void conflictingActions(String table, int number, String path, List<ActionKind> actions,
                                    List<String> then) {
        Set<ActionKind> used = new HashSet<>();
        for (int c = 0; c < actions.size(); c++) {
            if (then.get(c) != null) {
                used.add(actions.get(c));
            }
        }
        if (used.contains(ActionKind.CATEGORY) && used.contains(ActionKind.CATEGORY_FROM_FORM)) {
            errors.add(new TableProblem(table, number, "then category-from-form", path + ".then", "a row sets the"
                    + " category or takes it from the form, not both"));
        }
        long priorityActions = used.stream().filter(kind -> kind == ActionKind.PRIORITY
                || kind == ActionKind.RAISE_PRIORITY || kind == ActionKind.PRIORITY_FLOOR_FROM_FORM).count();
        if (priorityActions > 1) {
            errors.add(new TableProblem(table, number, "then priority", path + ".then", "a row sets, raises or"
                    + " floors the priority: only one of them"));
        }
        if (used.contains(ActionKind.DIVIDE_TARGETS) && (used.contains(ActionKind.FIRST_RESPONSE_MINUTES)
                || used.contains(ActionKind.RESOLUTION_MINUTES))) {
            errors.add(new TableProblem(table, number, "then divide-targets", path + ".then", "a row sets the SLA"
                    + " targets or divides those set before, not both"));
        }
    }

    static String conditionLabel(ConditionColumn column) {
        StringBuilder label = new StringBuilder().append(column.field()).append(' ').append(column.operator());
        if (column.language() != null && !column.language().isBlank()) {
            label.append(' ').append(column.language().strip());
        }
        if (column.zone() != null && !column.zone().isBlank()) {
            label.append(' ').append(column.zone().strip());
        }
        return label.toString();
    }

    private static Set<String> categoriesSetBy(RuleTable table) {
        Set<String> categories = new HashSet<>();
        if (table == null) {
            return categories;
        }
        for (DecisionTable decisionTable : table.tables()) {
            if (decisionTable == null) {
                continue;
            }
            for (int c = 0; c < decisionTable.actions().size(); c++) {
                ActionColumn column = decisionTable.actions().get(c);
                if (column == null || ActionKind.parse(column.action()) != ActionKind.CATEGORY) {
                    continue;
                }
                for (Row row : decisionTable.rows()) {
                    if (row != null && c < row.then().size() && row.then().get(c) != null
                            && !row.then().get(c).isBlank()) {
                        categories.add(row.then().get(c).strip().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }
        return categories;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
