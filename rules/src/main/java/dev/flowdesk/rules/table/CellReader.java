package dev.flowdesk.rules.table;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.Priority;

/**
 * Reads one cell of a decision table into normalized values, or says in one sentence why it cannot. The patterns are
 * deliberately narrow: a cell's value ends up as a quoted literal in generated DRL, and a value that cannot hold a
 * quote, a backslash or a line break cannot break out of one, however the generator escapes.
 */
final class CellReader {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern FORBIDDEN = Pattern.compile("[\"\\\\\\p{Cntrl}]");
    private static final Pattern KEYWORD = Pattern.compile("\\*?[\\p{L}\\p{N}][\\p{L}\\p{N} .&+/_'-]{0,63}\\*?");
    private static final Pattern TIME_RANGE = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");
    private static final Pattern CATEGORY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,59}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    static final int MAX_MINUTES = 525_600;

    /** A cell that could not be read; the message is for the designer. */
    static final class BadCell extends Exception {
        BadCell(String message) {
            super(message);
        }
    }

    private CellReader() {
    }

    static Checked.Cell condition(ConditionField field, Operator operator, String raw, TableContext context)
            throws BadCell {
        String text = raw.strip();
        switch (operator) {
            case IS, IS_SET -> {
                String flag = yesNo(text);
                if (flag == null) {
                    throw new BadCell("write yes or no (true or false), not \"" + shorten(text) + "\"");
                }
                return new Checked.Cell(List.of(flag), Set.of(flag), 0, 0);
            }
            case BETWEEN -> {
                Matcher range = TIME_RANGE.matcher(text);
                if (!range.matches()) {
                    throw new BadCell("a time of day range is written 08:00-17:00, not \"" + shorten(text) + "\"");
                }
                int from = minute(range.group(1), range.group(2));
                int to = minute(range.group(3), range.group(4));
                if (from < 0 || to < 0) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a time of day (00:00 to 23:59)");
                }
                if (from == to) {
                    throw new BadCell("the range " + text + " is empty; leave the cell empty to match any time");
                }
                String literal = String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", from / 60, from % 60, to / 60,
                        to % 60);
                return new Checked.Cell(List.of(literal), Set.of(literal), from, to);
            }
            case MENTIONS -> {
                List<String> keywords = new ArrayList<>();
                for (String part : text.split(",")) {
                    String keyword = part.strip().toLowerCase(Locale.ROOT);
                    if (keyword.isEmpty()) {
                        continue;
                    }
                    if (!KEYWORD.matcher(keyword).matches()) {
                        throw new BadCell("\"" + shorten(keyword) + "\" is not a keyword: letters, digits, spaces and"
                                + " . & + / _ ' - with an optional * at either end, at most 64 characters");
                    }
                    keywords.add(keyword);
                }
                if (keywords.isEmpty()) {
                    throw new BadCell("no keyword in \"" + shorten(text) + "\"; separate keywords with commas");
                }
                return new Checked.Cell(List.copyOf(keywords), new LinkedHashSet<>(keywords), 0, 0);
            }
            case AT_LEAST, AT_MOST -> {
                String value = value(field.valueType(), text, context);
                List<String> order = order(field.valueType());
                int at = order.indexOf(value);
                List<String> admitted = operator == Operator.AT_LEAST ? order.subList(at, order.size())
                        : order.subList(0, at + 1);
                return new Checked.Cell(List.of(value), new LinkedHashSet<>(admitted), 0, 0);
            }
            case EQ -> {
                String value = value(field.valueType(), text, context);
                return new Checked.Cell(List.of(value), Set.of(value), 0, 0);
            }
            case IN -> {
                List<String> values = new ArrayList<>();
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        String value = value(field.valueType(), part.strip(), context);
                        if (!values.contains(value)) {
                            values.add(value);
                        }
                    }
                }
                if (values.isEmpty()) {
                    throw new BadCell("no value in \"" + shorten(text) + "\"; separate values with commas");
                }
                return new Checked.Cell(List.copyOf(values), new LinkedHashSet<>(values), 0, 0);
            }
            default -> throw new IllegalStateException("operator without a reader: " + operator);
        }
    }

    /** The values an enum-like type can take in order, for &gt;= and &lt;=. */
    static List<String> order(ConditionField.ValueType type) {
        return switch (type) {
            case LEVEL -> java.util.Arrays.stream(Level.values()).map(Enum::name).toList();
            case PRIORITY -> java.util.Arrays.stream(Priority.values()).map(Enum::name).toList();
            default -> List.of();
        };
    }

    private static String value(ConditionField.ValueType type, String text, TableContext context) throws BadCell {
        switch (type) {
            case CODE -> {
                if (!CODE.matcher(text).matches()) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a code: letters, digits, '_', '-' or '.'");
                }
                return text;
            }
            case NAME -> {
                if (text.isEmpty() || text.length() > 200 || FORBIDDEN.matcher(text).find()) {
                    throw new BadCell("a name is 1 to 200 characters without quotes, backslashes or line breaks");
                }
                return text;
            }
            case DOMAIN -> {
                if (!DOMAIN.matcher(text).matches()) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a mail domain such as example.com");
                }
                return text.toLowerCase(Locale.ROOT);
            }
            case LEVEL -> {
                for (Level level : Level.values()) {
                    if (level.name().equalsIgnoreCase(text)) {
                        return level.name();
                    }
                }
                throw new BadCell("\"" + shorten(text) + "\" is not a level: LOW, MEDIUM or HIGH");
            }
            case PRIORITY -> {
                return priority(text);
            }
            case CATEGORY -> {
                String category = text.toLowerCase(Locale.ROOT);
                if (!context.categories().contains(category)) {
                    throw new BadCell("unknown category \"" + shorten(text) + "\"; the rules know "
                            + String.join(", ", context.categories()));
                }
                return category;
            }
            default -> throw new IllegalStateException("no single values for " + type);
        }
    }

    /** Reads an action cell; null for an empty cell (or "no" in a switch column). */
    static String action(ActionKind kind, String raw) throws BadCell {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        switch (kind) {
            case CATEGORY_FROM_FORM, RAISE_PRIORITY, PRIORITY_FLOOR_FROM_FORM -> {
                String flag = yesNo(text);
                if (flag == null) {
                    throw new BadCell("write yes to apply it, or leave the cell empty; not \"" + shorten(text) + "\"");
                }
                return flag.equals("true") ? "yes" : null;
            }
            case CATEGORY -> {
                String category = text.toLowerCase(Locale.ROOT);
                if (!CATEGORY_NAME.matcher(category).matches()) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a category name: lower-case letters,"
                            + " digits, '-' or '_', at most 60 characters");
                }
                return category;
            }
            case PRIORITY -> {
                return priority(text);
            }
            case QUEUE, APPROVER_GROUP -> {
                if (!GROUP.matcher(text).matches()) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a group id: letters, digits, '_', '-' or"
                            + " '.', at most 64 characters");
                }
                return text;
            }
            case FIRST_RESPONSE_MINUTES, RESOLUTION_MINUTES -> {
                return String.valueOf(number(text, 1, MAX_MINUTES, "business minutes"));
            }
            case DIVIDE_TARGETS -> {
                return String.valueOf(number(text, 2, 100, "a divisor"));
            }
            case TAG -> {
                String tag = text.toLowerCase(Locale.ROOT);
                if (!TAG.matcher(tag).matches()) {
                    throw new BadCell("\"" + shorten(text) + "\" is not a tag: lower-case letters, digits, '-' or '_'");
                }
                return tag;
            }
            default -> throw new IllegalStateException("action without a reader: " + kind);
        }
    }

    static boolean isLanguage(String text) {
        return LANGUAGE.matcher(text).matches();
    }

    static boolean isZone(String text) {
        try {
            ZoneId.of(text);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static String priority(String text) throws BadCell {
        for (Priority priority : Priority.values()) {
            if (priority.name().equalsIgnoreCase(text)) {
                return priority.name();
            }
        }
        throw new BadCell("\"" + shorten(text) + "\" is not a priority: P1, P2, P3, P4 or P5");
    }

    private static int number(String text, int min, int max, String what) throws BadCell {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadCell("\"" + shorten(text) + "\" is not a whole number (" + what + ")");
        }
        if (value < min || value > max) {
            throw new BadCell(what + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static String yesNo(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "x" -> "true";
            case "no", "false", "n" -> "false";
            default -> null;
        };
    }

    private static int minute(String hours, String minutes) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        return h > 23 || m > 59 ? -1 : h * 60 + m;
    }

    static String shorten(String text) {
        String single = text.replaceAll("\\p{Cntrl}", " ");
        return single.length() > 60 ? single.substring(0, 60) + "..." : single;
    }
}
