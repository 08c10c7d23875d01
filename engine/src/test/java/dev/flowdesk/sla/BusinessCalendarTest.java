package dev.flowdesk.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Working hours 08:00–18:00, Monday to Friday, Europe/Berlin, with 24 December 2026 as a holiday. */
class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final BusinessCalendar calendar = new BusinessCalendar(new SlaProperties(BERLIN, LocalTime.of(8, 0),
            LocalTime.of(18, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            List.of(LocalDate.of(2026, 12, 24))));

    @Test
    void minutesWithinOneWorkingDay() {
        assertThat(calendar.addBusinessMinutes(at(2026, 11, 25, 9, 0), 240)).isEqualTo(at(2026, 11, 25, 13, 0));
    }

    @Test
    void nightsAndWeekendsDoNotCount() {
        // Friday 17:00 + 2 h = Monday 09:00
        assertThat(calendar.addBusinessMinutes(at(2026, 11, 27, 17, 0), 120)).isEqualTo(at(2026, 11, 30, 9, 0));
        // Saturday: starts Monday 08:00
        assertThat(calendar.addBusinessMinutes(at(2026, 11, 28, 12, 0), 15)).isEqualTo(at(2026, 11, 30, 8, 15));
    }

    @Test
    void holidaysDoNotCount() {
        // Wednesday 23 Dec 17:00 + 2 h: the 24th is a holiday, so Friday 25th 09:00
        assertThat(calendar.addBusinessMinutes(at(2026, 12, 23, 17, 0), 120)).isEqualTo(at(2026, 12, 25, 9, 0));
    }

    @Test
    void minutesBetweenIsTheInverseOfAdding() {
        Instant start = at(2026, 11, 27, 16, 30);
        for (long minutes : new long[] {0, 1, 90, 600, 601, 3000, 4321}) {
            Instant due = calendar.addBusinessMinutes(start, minutes);
            assertThat(calendar.businessMinutesBetween(start, due)).as("%d minutes", minutes).isEqualTo(minutes);
        }
        assertThat(calendar.businessMinutesBetween(at(2026, 11, 30, 9, 0), at(2026, 11, 30, 8, 0))).isZero();
        // any seven days hold five working days
        assertThat(calendar.businessMinutesBetween(at(2026, 11, 18, 11, 17), at(2026, 11, 25, 11, 17)))
                .isEqualTo(5 * 600);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, BERLIN).toInstant();
    }
}
