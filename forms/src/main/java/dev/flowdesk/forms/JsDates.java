package dev.flowdesk.forms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date strings formio's datetime component produces and JavaScript's {@code new Date(string)} accepts: ISO 8601
 * dates and date-times with or without offset. Other strings V8 happens to accept (e.g. "January 2, 2024") are
 * treated as invalid; the builder never produces them.
 */
final class JsDates {

    private static final Pattern ISO = Pattern.compile(
            "^([+-]\\d{6}|\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?"
                    + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?$");

    private JsDates() {
    }

    /** Whether {@code new Date(s)} in V8 gives a valid date: ISO strings plus the common legacy forms. */
    static boolean isValid(String s) {
        if (s.length() > 64) {
            return false;
        }
        String t = s.strip();
        return parse(t) != null || legacy(t);
    }

    private static final Pattern NUMBER = Pattern.compile("^[+-]?\\d+(\\.\\d+)?$");
    private static final Pattern SLASHED = Pattern.compile("^(\\d{1,4})/(\\d{1,2})/(\\d{1,4})$");
    private static final Pattern LOOSE_ISO = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern NAMED_MONTH = Pattern.compile("(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?"
            + "(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{1,4})"
            + "|(\\d{1,2})\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?\\s+(\\d{1,4}))"
            + "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?(?:\\s+(?:GMT|UTC|Z)?(?:[+-]\\d{4})?(?:\\s*\\([^)]*\\))?)?$");

    /** V8's legacy date parser, for the shapes people type; anything else counts as invalid. */
    private static boolean legacy(String t) {
        if (NUMBER.matcher(t).matches()) {
            double n = Double.parseDouble(t);
            // a lone number is a month (1-12, in 2001), 13-31 is nothing, from 32 on it is a year
            return !(n >= 13 && n < 32);
        }
        Matcher m = SLASHED.matcher(t);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            int c = Integer.parseInt(m.group(3));
            if (m.group(1).length() >= 3) {
                return b >= 1 && b <= 12 && c >= 1 && c <= 31;
            }
            return a >= 1 && a <= 12 && b >= 1 && b <= 31;
        }
        m = LOOSE_ISO.matcher(t);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 59;
        }
        m = NAMED_MONTH.matcher(t);
        if (m.matches()) {
            int day = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
            return day >= 1 && day <= 31;
        }
        return false;
    }

    /** The instant a JavaScript Date would hold (date-only strings are UTC, local date-times taken as UTC). */
    static Instant parse(String s) {
        if (s.length() > 64) {
            return null;
        }
        Matcher m = ISO.matcher(s.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            if (hour == 24 && minute == 0 && second == 0) {
                hour = 0;
                LocalDateTime next = LocalDate.of(year, month, day).plusDays(1).atStartOfDay();
                return next.toInstant(offset(m.group(8)));
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, Integer.parseInt(fraction));
            return local.toInstant(offset(m.group(8)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String z = zone.length() == 3 ? zone + ":00" : zone.length() == 5 ? zone.substring(0, 3) + ":"
                + zone.substring(3) : zone;
        return ZoneOffset.of(z);
    }

    /** The calendar date written in the string (in its own offset), for date-only datetime components. */
    static LocalDate localDate(String s) {
        try {
            return OffsetDateTime.parse(s.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            Matcher m = ISO.matcher(s.strip());
            if (m.matches() && m.group(2) != null && m.group(3) != null) {
                try {
                    return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                            Integer.parseInt(m.group(3)));
                } catch (RuntimeException ignored) {
                    return null;
                }
            }
            return null;
        }
    }
}
