package dev.flowdesk.rules.table;

import java.util.ArrayList;
import java.util.List;

import dev.flowdesk.rules.table.RuleTable.ActionColumn;
import dev.flowdesk.rules.table.RuleTable.ConditionColumn;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;

/**
 * A rule table as spreadsheet cells, shared by the CSV and XLSX forms: one block per decision table, whose first
 * line is {@code table | <name> | <hit policy>}, whose second line is the header ({@code name}, for PRIORITY
 * {@code precedence}, {@code when <field> <operator> [<language or zone>]} per condition, {@code then <action>} per
 * action, {@code explanation}) and whose other lines are the rows. Reading says at which line and column of the file
 * the layout is wrong; what the cells mean is {@link TableCheck}'s business.
 */
final class TableGrid {

    static final String TABLE = "table";
    static final String NAME = "name";
    static final String PRECEDENCE = "precedence";
    static final String WHEN = "when";
    static final String THEN = "then";
    static final String EXPLANATION = "explanation";

    /**
     * The lines of one block and where they are in the file.
     *
     * @param lines      the cells of each line
     * @param lineNumber the 1-based line (row) number in the file of each line
     * @param sheet      the sheet name (XLSX) or null (CSV)
     */
    record Block(List<List<String>> lines, List<Integer> lineNumber, String sheet) {
    }

    private TableGrid() {
    }

    static List<List<List<String>>> blocks(RuleTable table) {
        List<List<List<String>>> blocks = new ArrayList<>();
        for (DecisionTable decisionTable : table.tables()) {
            List<List<String>> lines = new ArrayList<>();
            lines.add(List.of(TABLE, nullToEmpty(decisionTable.name()), nullToEmpty(decisionTable.hitPolicy())));
            boolean precedence = "PRIORITY".equalsIgnoreCase(String.valueOf(decisionTable.hitPolicy()).strip());
            List<String> header = new ArrayList<>();
            header.add(NAME);
            if (precedence) {
                header.add(PRECEDENCE);
            }
            for (ConditionColumn column : decisionTable.conditions()) {
                StringBuilder label = new StringBuilder(WHEN).append(' ').append(column.field()).append(' ')
                        .append(column.operator());
                String option = column.language() != null ? column.language() : column.zone();
                if (option != null && !option.isBlank()) {
                    label.append(' ').append(option);
                }
                header.add(label.toString());
            }
            decisionTable.actions().forEach(action -> header.add(THEN + " " + action.action()));
            header.add(EXPLANATION);
            lines.add(header);
            for (Row row : decisionTable.rows()) {
                List<String> line = new ArrayList<>();
                line.add(nullToEmpty(row.name()));
                if (precedence) {
                    line.add(row.precedence() == null ? "" : String.valueOf(row.precedence()));
                }
                for (int c = 0; c < decisionTable.conditions().size(); c++) {
                    line.add(c < row.when().size() ? nullToEmpty(row.when().get(c)) : "");
                }
                for (int c = 0; c < decisionTable.actions().size(); c++) {
                    line.add(c < row.then().size() ? nullToEmpty(row.then().get(c)) : "");
                }
                line.add(nullToEmpty(row.explanation()));
                lines.add(line);
            }
            blocks.add(lines);
        }
        return blocks;
    }

    static RuleTable read(List<Block> blocks) throws TableValidationException {
        List<TableProblem> problems = new ArrayList<>();
        List<DecisionTable> tables = new ArrayList<>();
        if (blocks.isEmpty()) {
            problems.add(new TableProblem("", 0, null, "file", "the file holds no table: start a table with a line"
                    + " \"table, <name>, FIRST\""));
        }
        for (Block block : blocks) {
            DecisionTable table = table(block, problems);
            if (table != null) {
                tables.add(table);
            }
        }
        if (!problems.isEmpty()) {
            throw new TableValidationException(problems);
        }
        return new RuleTable(tables);
    }

    private static DecisionTable table(Block block, List<TableProblem> problems) {
        List<String> first = block.lines().get(0);
        String name = cell(first, 1);
        if (!cell(first, 0).equalsIgnoreCase(TABLE) || name.isEmpty()) {
            problems.add(problem(block, name, 0, 1, "a table starts with the line \"table, <name>, <hit policy>\""));
            return null;
        }
        if (block.lines().size() < 2) {
            problems.add(problem(block, name, 0, 1, "the table has no header line after its first line"));
            return null;
        }
        List<String> header = block.lines().get(1);
        List<ConditionColumn> conditions = new ArrayList<>();
        List<ActionColumn> actions = new ArrayList<>();
        int nameColumn = -1;
        int precedenceColumn = -1;
        int explanationColumn = -1;
        List<Integer> whenColumns = new ArrayList<>();
        List<Integer> thenColumns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String label = header.get(c).strip();
            String[] parts = label.split("\\s+");
            String kind = parts[0].toLowerCase(java.util.Locale.ROOT);
            if (label.isEmpty()) {
                continue;
            } else if (kind.equals(NAME) && parts.length == 1) {
                nameColumn = c;
            } else if (kind.equals(PRECEDENCE) && parts.length == 1) {
                precedenceColumn = c;
            } else if (kind.equals(EXPLANATION) && parts.length == 1) {
                explanationColumn = c;
            } else if (kind.equals(WHEN) && (parts.length == 3 || parts.length == 4)) {
                String option = parts.length == 4 ? parts[3] : null;
                boolean keywords = parts[2].equalsIgnoreCase(Operator.MENTIONS.symbol());
                conditions.add(new ConditionColumn(parts[1], parts[2], keywords ? option : null,
                        keywords ? null : option));
                whenColumns.add(c);
            } else if (kind.equals(THEN) && parts.length == 2) {
                actions.add(new ActionColumn(parts[1]));
                thenColumns.add(c);
            } else {
                problems.add(problem(block, name, 1, c + 1, "\"" + CellReader.shorten(label) + "\" is no column:"
                        + " write name, precedence, \"when <field> <operator>\", \"then <action>\" or explanation"));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int l = 2; l < block.lines().size(); l++) {
            List<String> line = block.lines().get(l);
            if (line.stream().allMatch(String::isBlank)) {
                continue;
            }
            for (int c = header.size(); c < line.size(); c++) {
                if (!line.get(c).isBlank()) {
                    problems.add(problem(block, name, l, c + 1, "the cell is right of the last column"));
                }
            }
            Integer precedence = null;
            String rawPrecedence = precedenceColumn < 0 ? "" : cell(line, precedenceColumn);
            if (!rawPrecedence.isEmpty()) {
                try {
                    precedence = Integer.valueOf(rawPrecedence);
                } catch (NumberFormatException e) {
                    problems.add(problem(block, name, l, precedenceColumn + 1, "precedence \""
                            + CellReader.shorten(rawPrecedence) + "\" is not a whole number"));
                }
            }
            List<String> when = new ArrayList<>();
            whenColumns.forEach(c -> when.add(cell(line, c)));
            List<String> then = new ArrayList<>();
            thenColumns.forEach(c -> then.add(cell(line, c)));
            rows.add(new Row(nameColumn < 0 ? "" : cell(line, nameColumn), precedence, when, then,
                    explanationColumn < 0 ? "" : cell(line, explanationColumn)));
        }
        return new DecisionTable(name, cell(first, 2), conditions, actions, rows);
    }

    private static TableProblem problem(Block block, String table, int lineIndex, int column, String message) {
        int line = block.lineNumber().get(Math.min(lineIndex, block.lineNumber().size() - 1));
        String where = (block.sheet() == null ? "" : "sheet " + block.sheet() + ", ") + "line " + line + ", column "
                + column;
        return new TableProblem(table, 0, null, "file", where + ": " + message);
    }

    private static String cell(List<String> line, int column) {
        return column < line.size() && line.get(column) != null ? line.get(column).strip() : "";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
