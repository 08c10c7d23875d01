package dev.flowdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Working hours per weekday and holidays in one time zone. {@link #addBusinessMinutes} answers "when is this due"
 * for a target expressed in business minutes, skipping nights, weekends and holidays (DST-safe: it walks local days).
 * A value: the calendar of the {@code flowdesk.sla.*} properties or one of the {@code business_calendar} rows, as
 * {@link BusinessCalendars} hands them out.
 *
 * @param name     the calendar's name, or null for the properties calendar
 * @param hours    the opening hours of each working weekday (days not in the map are closed)
 * @param holidays days closed all day
 */
public record BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, Hours> hours, Set<LocalDate> holidays) {

    /** The opening hours of one weekday, {@code start} before {@code end}. */
    public record Hours(LocalTime start, LocalTime end) {
        public Hours {
            if (start == null || end == null || !end.isAfter(start)) {
                throw new IllegalArgumentException("the end of working hours must be after their start");
            }
        }
    }

    public BusinessCalendar {
        hours = hours.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(hours));
        holidays = Set.copyOf(holidays);
    }

    /** The calendar of the {@code flowdesk.sla.*} properties: the same hours on each working day. */
    public BusinessCalendar(SlaProperties properties) {
        this(null, properties.zone(), sameHours(properties), Set.copyOf(properties.holidays()));
    }

    private static Map<DayOfWeek, Hours> sameHours(SlaProperties properties) {
        Map<DayOfWeek, Hours> hours = new EnumMap<>(DayOfWeek.class);
        properties.workDays().forEach(day -> hours.put(day, new Hours(properties.workStart(), properties.workEnd())));
        return hours;
    }

    public Instant addBusinessMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative");
        }
        ZonedDateTime cursor = start.atZone(zone);
        long remaining = minutes;
        for (int guard = 0; guard < 3700; guard++) { // ten years of days: a calendar without working days fails loudly
            LocalDate day = cursor.toLocalDate();
            Hours open = openOn(day);
            if (open != null) {
                ZonedDateTime from = cursor.isBefore(opens(day, open)) ? opens(day, open) : cursor;
                ZonedDateTime close = closes(day, open);
                if (from.isBefore(close)) {
                    long available = Duration.between(from, close).toMinutes();
                    if (remaining <= available) {
                        return from.plusMinutes(remaining).toInstant();
                    }
                    remaining -= available;
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("The business calendar has no working time within ten years");
    }

    /** Working minutes between two instants (0 when end is not after start). */
    public long businessMinutesBetween(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        long minutes = 0;
        for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
            Hours open = openOn(day);
            if (open == null) {
                continue;
            }
            ZonedDateTime a = from.isAfter(opens(day, open)) ? from : opens(day, open);
            ZonedDateTime b = to.isBefore(closes(day, open)) ? to : closes(day, open);
            if (b.isAfter(a)) {
                minutes += Duration.between(a, b).toMinutes();
            }
        }
        return minutes;
    }

    public boolean isWorkingDay(LocalDate day) {
        return openOn(day) != null;
    }

    private Hours openOn(LocalDate day) {
        return holidays.contains(day) ? null : hours.get(day.getDayOfWeek());
    }

    private ZonedDateTime opens(LocalDate day, Hours open) {
        return day.atTime(open.start()).atZone(zone);
    }

    private ZonedDateTime closes(LocalDate day, Hours open) {
        return day.atTime(open.end()).atZone(zone);
    }
}
