package dev.flowdesk.text;

import dev.flowdesk.error.DomainException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RFC 4180 CSV as spreadsheets write it: a header row, comma or semicolon separated (whichever the header uses;
 * German Excel writes semicolons), quoted fields with doubled quotes and line breaks inside, CRLF or LF, an optional
 * byte-order mark. Each row becomes a map from the lower-cased header to the stripped value, with its line number.
 */
public final class CsvRows {

    /** One data row: the line it starts on (the header is line 1) and its values by column. */
    public record Row(int line, Map<String, String> values) {
        public String get(String column) {
            String value = values.get(column.toLowerCase(Locale.ROOT));
            return value == null || value.isBlank() ? null : value;
        }
    }

    private CsvRows() {
    }

    public static List<Row> parse(String text, int maxRows) {
        if (text == null || text.isBlank()) {
            throw DomainException.badRequest("The CSV is empty; the first row names the columns.");
        }
        if (text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int headerEnd = text.indexOf('\n');
        String headerLine = headerEnd < 0 ? text : text.substring(0, headerEnd);
        char separator = headerLine.indexOf(';') >= 0 && headerLine.indexOf(',') < 0 ? ';' : ',';
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                current.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                current.add(field.toString());
                field.setLength(0);
                records.add(current);
                lines.add(recordLine);
                current = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw DomainException.badRequest("Line " + recordLine + " opens a quote that never closes.");
        }
        if (!field.isEmpty() || !current.isEmpty()) {
            current.add(field.toString());
            records.add(current);
            lines.add(recordLine);
        }
        List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> values = records.get(r);
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue; // an empty line
            }
            if (rows.size() == maxRows) {
                throw DomainException.badRequest("At most " + maxRows + " rows per import; split the file.");
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                byColumn.put(header.get(c), c < values.size() ? values.get(c).strip() : "");
            }
            if (values.size() > header.size()) {
                byColumn.put("#extra", String.valueOf(values.size() - header.size()));
            }
            rows.add(new Row(lines.get(r), byColumn));
        }
        return rows;
    }
}
