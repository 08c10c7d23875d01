package dev.flowdesk.rules.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule table as CSV (RFC 4180: commas, double quotes, quotes doubled inside), so a desk can keep its keyword lists
 * in any spreadsheet: blocks as {@link TableGrid} lays them out, separated by an empty line. A cell that a
 * spreadsheet would run as a formula (starting with =, + or @) is written with a leading apostrophe, which reading
 * removes again.
 */
public final class TableCsv {

    /** Reading refuses larger files: a rule table is a few hundred rows, not a data dump. */
    public static final int MAX_CHARS = 2_000_000;

    private TableCsv() {
    }

    public static String write(RuleTable table) {
        StringBuilder csv = new StringBuilder();
        List<List<List<String>>> blocks = TableGrid.blocks(table);
        for (int b = 0; b < blocks.size(); b++) {
            if (b > 0) {
                csv.append("\r\n");
            }
            for (List<String> line : blocks.get(b)) {
                for (int c = 0; c < line.size(); c++) {
                    if (c > 0) {
                        csv.append(',');
                    }
                    csv.append(field(line.get(c)));
                }
                csv.append("\r\n");
            }
        }
        return csv.toString();
    }

    /** Reads a CSV file; errors name the line and column of the file. */
    public static RuleTable read(String csv) throws TableValidationException {
        if (csv.length() > MAX_CHARS) {
            throw new TableValidationException(List.of(new TableProblem("", 0, null, "file", "the file is larger"
                    + " than " + MAX_CHARS + " characters")));
        }
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<TableGrid.Block> blocks = new ArrayList<>();
        List<List<String>> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int lineNumber = 1;
        int lineStart = 1;
        for (int i = 0; i <= text.length(); i++) {
            char ch = i < text.length() ? text.charAt(i) : '\n';
            boolean end = i == text.length();
            if (quoted && !end) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        lineNumber++;
                    }
                    cell.append(ch);
                }
            } else if (quoted) {
                throw new TableValidationException(List.of(new TableProblem("", 0, null, "file", "line " + lineStart
                        + ", column " + (line.size() + 1) + ": a quoted cell is not closed")));
            } else if (ch == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                line.add(unescape(cell.toString(), wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            } else if (ch == '\n' || ch == '\r') {
                line.add(unescape(cell.toString(), wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
                boolean blank = line.stream().allMatch(String::isBlank);
                if (blank) {
                    if (!lines.isEmpty()) {
                        blocks.add(new TableGrid.Block(lines, numbers, null));
                        lines = new ArrayList<>();
                        numbers = new ArrayList<>();
                    }
                } else {
                    lines.add(line);
                    numbers.add(lineStart);
                }
                line = new ArrayList<>();
                lineNumber++;
                lineStart = lineNumber;
            } else {
                cell.append(ch);
            }
        }
        if (!lines.isEmpty()) {
            blocks.add(new TableGrid.Block(lines, numbers, null));
        }
        return TableGrid.read(blocks);
    }

    private static String field(String value) {
        String safe = formulaSafe(value);
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0 || !safe.equals(safe.strip());
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    /** A leading apostrophe keeps spreadsheets from running a cell as a formula (CSV injection). */
    static String formulaSafe(String value) {
        return !value.isEmpty() && "=+@'".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    static String unescape(String value, boolean quoted) {
        String text = quoted ? value : value.strip();
        return text.length() > 1 && text.charAt(0) == '\'' && "=+@'".indexOf(text.charAt(1)) >= 0
                ? text.substring(1) : text;
    }
}
