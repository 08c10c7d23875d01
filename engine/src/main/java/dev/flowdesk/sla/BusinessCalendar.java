package dev.flowdesk.sla;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Working hours, working days and holidays in one time zone. {@link #addBusinessMinutes} answers "when is this due"
 * for a target expressed in business minutes, skipping nights, weekends and holidays (DST-safe: it walks local days).
 */
@Component
public class BusinessCalendar {

    private final SlaProperties properties;

    public BusinessCalendar(SlaProperties properties) {
        this.properties = properties;
    }

    public Instant addBusinessMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("minutes must not be negative");
        }
        ZonedDateTime cursor = start.atZone(properties.zone());
        long remaining = minutes;
        for (int guard = 0; guard < 3700; guard++) { // ten years of days: a calendar without working days fails loudly
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(properties.workStart()).atZone(properties.zone());
                ZonedDateTime close = day.atTime(properties.workEnd()).atZone(properties.zone());
                ZonedDateTime from = cursor.isBefore(open) ? open : cursor;
                if (from.isBefore(close)) {
                    long available = Duration.between(from, close).toMinutes();
                    if (remaining <= available) {
                        return from.plusMinutes(remaining).toInstant();
                    }
                    remaining -= available;
                }
            }
            cursor = day.plusDays(1).atStartOfDay(properties.zone());
        }
        throw new IllegalStateException("The business calendar has no working time within ten years");
    }

    /** Working minutes between two instants (0 when end is not after start). */
    public long businessMinutesBetween(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        ZonedDateTime from = start.atZone(properties.zone());
        ZonedDateTime to = end.atZone(properties.zone());
        long minutes = 0;
        for (LocalDate day = from.toLocalDate(); !day.isAfter(to.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            ZonedDateTime open = day.atTime(properties.workStart()).atZone(properties.zone());
            ZonedDateTime close = day.atTime(properties.workEnd()).atZone(properties.zone());
            ZonedDateTime a = from.isAfter(open) ? from : open;
            ZonedDateTime b = to.isBefore(close) ? to : close;
            if (b.isAfter(a)) {
                minutes += Duration.between(a, b).toMinutes();
            }
        }
        return minutes;
    }

    public boolean isWorkingDay(LocalDate day) {
        return properties.workDays().contains(day.getDayOfWeek()) && !properties.holidays().contains(day);
    }
}
