package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.forms.Validator.Failure;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * formio's server-side date limits: {@code validateMinimumDate}/{@code validateMaximumDate} (datetime, only
 * {@code widget.minDate}/{@code widget.maxDate}) and {@code validateMinimumDay}/{@code validateMaximumDay} (day,
 * {@code minDate}/{@code maxDate}). formio parses with dayjs in the server's local time zone; Flowdesk's server zone
 * is UTC (the conformance run pins {@code TZ=UTC}), so local times here are UTC. A limit that dayjs cannot parse is
 * evaluated by formio as JavaScript (e.g. {@code moment().add(1, 'day')}); the definition parser refuses those.
 */
final class DateLimits {

    /** A date string JavaScript accepts but whose instant we do not compute (rare legacy shapes): not checked. */
    static final Instant UNKNOWN = Instant.MIN;

    private static final Pattern DAYJS = Pattern.compile(
            "^(\\d{4})[-/]?(\\d{1,2})?[-/]?(\\d{0,2})[Tt\\s]*(\\d{1,2})?:?(\\d{1,2})?:?(\\d{1,2})?[.:]?(\\d+)?\\z");
    private static final Pattern LONE_NUMBER = Pattern.compile("^\\d{1,4}\\z");
    private static final Pattern SLASHED = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})\\z");
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d\\d");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    private static final DateTimeFormatter DAYJS_STRING =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.ofPattern(
            "EEE MMM dd yyyy HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ENGLISH);

    private DateLimits() {
    }

    /** Whether formio's getDateSetting would try JavaScript on this limit (a string dayjs cannot parse). */
    static boolean isScript(JsonNode setting) {
        if (setting == null || setting.isNull() || setting.isMissingNode() || setting.isNumber()) {
            return false;
        }
        if (!setting.isTextual()) {
            return true;
        }
        String s = setting.textValue();
        if (s.isEmpty()) {
            return false;
        }
        if (s.contains("moment(")) {
            return true;
        }
        Instant i = dayjs(s);
        return i == null || i == UNKNOWN;
    }

    /** formio's getDateSetting for a JSON limit: null when there is no limit. */
    static Instant setting(JsonNode setting) {
        if (setting == null || setting.isNull() || setting.isMissingNode()) {
            return null;
        }
        if (setting.isNumber()) {
            double d = setting.doubleValue();
            return Double.isNaN(d) || Math.abs(d) > 8.64e15 ? null : Instant.ofEpochMilli((long) d);
        }
        if (!setting.isTextual() || setting.textValue().isEmpty() || setting.textValue().contains("moment(")) {
            return null;
        }
        Instant i = dayjs(setting.textValue());
        return i == UNKNOWN ? null : i;
    }

    /** {@code dayjs(string)}: its own local-time pattern (with roll-over), else {@code new Date(string)}. */
    static Instant dayjs(String s) {
        if (s.length() > 64) {
            return null;
        }
        if (!(s.endsWith("Z") || s.endsWith("z"))) {
            Matcher m = DAYJS.matcher(s);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int month = m.group(2) == null ? 0 : Integer.parseInt(m.group(2)) - 1;
                int day = m.group(3) == null || m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3));
                String ms = m.group(7) == null ? "0" : m.group(7).substring(0, Math.min(3, m.group(7).length()));
                return local(year, month, day).plusHours(num(m.group(4))).plusMinutes(num(m.group(5)))
                        .plusSeconds(num(m.group(6))).plus(Integer.parseInt(ms), ChronoUnit.MILLIS)
                        .toInstant(ZoneOffset.UTC);
            }
        }
        Instant iso = JsDates.parse(s);
        if (iso != null) {
            return iso;
        }
        if (!JsDates.isValid(s) || s.equalsIgnoreCase("invalid date")) {
            return null;
        }
        String t = s.strip();
        if (LONE_NUMBER.matcher(t).matches()) {
            int n = Integer.parseInt(t);
            if (n >= 1 && n <= 12) {
                return LocalDateTime.of(2001, n, 1, 0, 0).toInstant(ZoneOffset.UTC);
            }
            if (n >= 32 && n < 50) {
                return LocalDateTime.of(2000 + n, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
            }
            if (n >= 100) {
                return LocalDateTime.of(n, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
            }
            return UNKNOWN;
        }
        Matcher m = SLASHED.matcher(t);
        if (m.matches()) {
            return LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), 0, 0).toInstant(ZoneOffset.UTC);
        }
        return UNKNOWN;
    }

    /** {@code new Date(y, monthIndex, day)} in UTC, with JavaScript's roll-over and two-digit years. */
    private static LocalDateTime local(int year, int monthIndex, int day) {
        return LocalDateTime.of(year < 100 ? 1900 + year : year, 1, 1, 0, 0).plusMonths(monthIndex)
                .plusDays(day - 1L);
    }

    private static int num(String s) {
        return s == null || s.isEmpty() ? 0 : Integer.parseInt(s);
    }

    // ---- datetime -------------------------------------------------------------------------------------------

    static boolean dateApplies(Component c, JsonNode value, String name) {
        JsonNode widget = c.get("widget");
        return c.type.equals("datetime") && JsValues.truthy(value) && widget.isObject() && widget.has(name)
                && setting(widget.get(name)) != null;
    }

    static Failure date(Component c, JsonNode value, String name) {
        if (!value.isTextual()) {
            return null; // formio throws a ProcessorError, which it logs and ignores
        }
        JsonNode widget = c.get("widget");
        Instant limit = setting(widget.get(name));
        if (limit == null) {
            return null;
        }
        boolean max = name.equals("maxDate");
        if (!JsValues.truthy(widget.get("enableTime"))) {
            Instant start = limit.truncatedTo(ChronoUnit.DAYS);
            limit = max ? start.plus(1, ChronoUnit.DAYS).minusMillis(1) : start;
        }
        Instant date = dayjs(value.textValue());
        if (date == UNKNOWN) {
            return null;
        }
        if (date != null && (max ? !date.isAfter(limit) : !date.isBefore(limit))) {
            return null;
        }
        JsonNode format = widget.get("format");
        String pattern = JsValues.truthy(format) ? JsValues.toJsString(format) : "yyyy-MM-dd hh:mm a";
        String shown = format(limit, convertFormat(pattern)) + " UTC";
        return new Failure(name, Map.of(name, shown, "setting", DAYJS_STRING.format(limit.atZone(ZoneOffset.UTC))));
    }

    /** formio's convertFormatToMoment. */
    private static String convertFormat(String format) {
        return format.replace('y', 'Y').replace('d', 'D').replace('E', 'd').replace('a', 'A').replace('U', 'X');
    }

    private static final Pattern FORMAT_TOKENS = Pattern.compile(
            "\\[([^\\]]+)]|Y{1,4}|M{1,4}|D{1,2}|d{1,4}|H{1,2}|h{1,2}|a|A|m{1,2}|s{1,2}|Z{1,2}|SSS");
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday"};

    /** dayjs's format for the common tokens, in UTC; formats with other letters are approximated literally. */
    static String format(Instant instant, String pattern) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        Matcher m = FORMAT_TOKENS.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String tok = m.group();
            int h12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            String day = DAYS[t.getDayOfWeek().getValue() % 7];
            String r = m.group(1) != null ? m.group(1) : switch (tok) {
                case "YY" -> pad(t.getYear(), 4).substring(pad(t.getYear(), 4).length() - 2);
                case "YYYY" -> pad(t.getYear(), 4);
                case "M" -> String.valueOf(t.getMonthValue());
                case "MM" -> pad(t.getMonthValue(), 2);
                case "MMM" -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
                case "MMMM" -> MONTHS[t.getMonthValue() - 1];
                case "D" -> String.valueOf(t.getDayOfMonth());
                case "DD" -> pad(t.getDayOfMonth(), 2);
                case "d" -> String.valueOf(t.getDayOfWeek().getValue() % 7);
                case "dd" -> day.substring(0, 2);
                case "ddd" -> day.substring(0, 3);
                case "dddd" -> day;
                case "H" -> String.valueOf(t.getHour());
                case "HH" -> pad(t.getHour(), 2);
                case "h" -> String.valueOf(h12);
                case "hh" -> pad(h12, 2);
                case "a" -> t.getHour() < 12 ? "am" : "pm";
                case "A" -> t.getHour() < 12 ? "AM" : "PM";
                case "m" -> String.valueOf(t.getMinute());
                case "mm" -> pad(t.getMinute(), 2);
                case "s" -> String.valueOf(t.getSecond());
                case "ss" -> pad(t.getSecond(), 2);
                case "SSS" -> pad(t.getNano() / 1_000_000, 3);
                case "Z" -> "+00:00";
                default -> "+0000"; // dayjs answers an unknown token (Y, YYY, ZZ) with the zone
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String pad(int n, int width) {
        String s = String.valueOf(Math.abs(n));
        while (s.length() < width) {
            s = "0" + s;
        }
        return n < 0 ? "-" + s : s;
    }

    // ---- day --------------------------------------------------------------------------------------------------

    static boolean dayApplies(Component c, JsonNode value, String name) {
        if (!c.type.equals("day") || !c.json.has(name) || !value.isTextual() || value.textValue().isEmpty()) {
            return false;
        }
        String[] parts = value.textValue().split("/", -1);
        boolean dayFirst = c.flag("dayFirst");
        int dayIdx = dayFirst ? 0 : 1;
        int monthIdx = dayFirst ? 1 : 0;
        if (is(parts, dayIdx, "00") || is(parts, monthIdx, "00") || is(parts, 2, "0000")) {
            return false;
        }
        return setting(c.json.get(name)) != null;
    }

    private static boolean is(String[] parts, int i, String s) {
        return i < parts.length && parts[i].equals(s);
    }

    static Failure day(Component c, JsonNode value, String name) {
        Instant limit = setting(c.json.get(name));
        if (limit == null) {
            return null;
        }
        limit = limit.truncatedTo(ChronoUnit.DAYS);
        Instant date = parseDay(value.textValue(), c.flag("dayFirst"));
        if (date == UNKNOWN) {
            return null;
        }
        boolean max = name.equals("maxDate");
        if (date != null && (max ? !date.isAfter(limit) : !date.isBefore(limit))) {
            return null;
        }
        return new Failure(name, Map.of(name, format(limit, dayFormat(c)),
                "setting", DATE_STRING.format(limit.atZone(ZoneOffset.UTC))));
    }

    /** dayjs customParseFormat with 'MM-DD-YYYY' (or 'DD-MM-YYYY'): unanchored token matches, non-strict. */
    private static Instant parseDay(String input, boolean dayFirst) {
        String[] tokens = dayFirst ? new String[] {"DD", "-", "MM", "-", "YYYY"}
                : new String[] {"MM", "-", "DD", "-", "YYYY"};
        int start = 0;
        int day = 0;
        int month = 0;
        int year = 0;
        for (String token : tokens) {
            if (token.equals("-")) {
                start += 1;
                continue;
            }
            String part = start >= input.length() ? "" : input.substring(start);
            Matcher m = (token.equals("YYYY") ? FOUR_DIGITS : TWO_DIGITS).matcher(part);
            if (!m.find()) {
                return null;
            }
            String v = m.group();
            int n = Integer.parseInt(v);
            switch (token) {
                case "DD" -> day = n;
                case "MM" -> month = n;
                default -> year = n;
            }
            int at = input.indexOf(v);
            input = input.substring(0, at) + input.substring(at + v.length());
        }
        if (year == 0) {
            return UNKNOWN; // dayjs would take the current year (or day): not deterministic, not checked
        }
        int d = day != 0 ? day : 1;
        int monthIndex = month > 0 ? month - 1 : 0;
        return local(year, monthIndex, d).toInstant(ZoneOffset.UTC);
    }

    /** formio's getDayFormat. */
    private static String dayFormat(Component c) {
        JsonNode fields = c.get("fields");
        boolean showDay = !JsValues.truthy(fields.path("day").get("hide"));
        boolean showMonth = !JsValues.truthy(fields.path("month").get("hide"));
        boolean showYear = !JsValues.truthy(fields.path("year").get("hide"));
        boolean dayFirst = c.flag("dayFirst");
        StringBuilder f = new StringBuilder();
        if (dayFirst && showDay) {
            f.append("D/");
        }
        if (showMonth) {
            f.append("M/");
        }
        if (!dayFirst && showDay) {
            f.append("D/");
        }
        if (showYear) {
            return f.append("YYYY").toString();
        }
        return f.length() > 0 ? f.substring(0, f.length() - 1) : "";
    }
}
