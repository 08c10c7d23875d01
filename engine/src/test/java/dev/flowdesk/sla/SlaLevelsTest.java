package dev.flowdesk.sla;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The YELLOW and RED instants in working time of a calendar with 09:00–17:00 Monday to Thursday and 09:00–13:00 on
 * Friday (Europe/Berlin) and Monday 7 December 2026 as a holiday; expected instants worked out by hand.
 */
class SlaLevelsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final BusinessCalendar calendar = new BusinessCalendar("short-fridays", BERLIN, hours(),
            Set.of(LocalDate.of(2026, 12, 7)));
    private final SlaLevels levels = new SlaLevels(new SlaLevelProperties(Map.of(
            "P1", new SlaLevelProperties.Thresholds("25%", "60m"),
            "P2", new SlaLevelProperties.Thresholds(null, "2h"))));

    private static Map<DayOfWeek, BusinessCalendar.Hours> hours() {
        Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY)) {
            hours.put(d, new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        hours.put(DayOfWeek.FRIDAY, new BusinessCalendar.Hours(LocalTime.of(9, 0), LocalTime.of(13, 0)));
        return hours;
    }

    @Test
    void defaultThresholdsAreHalfAndEightyPercentOfTheWorkingTimeAcrossWeekendAndHoliday() {
        // Friday 4 Dec 11:00, 600 working minutes (P3: defaults): 120 on Friday, weekend and Monday (holiday) off,
        // then Tuesday 09:00 onwards. 50 % = 300 min → Tuesday 12:00; 80 % = 480 → Tuesday 15:00; due Tuesday 17:00
        SlaLevels.Schedule s = levels.schedule(calendar, at(2026, 12, 4, 11, 0), 600, "P3", List.of());
        assertThat(s.yellowAt()).isEqualTo(at(2026, 12, 8, 12, 0));
        assertThat(s.redAt()).isEqualTo(at(2026, 12, 8, 15, 0));
        assertThat(s.due()).isEqualTo(at(2026, 12, 8, 17, 0));
    }

    @Test
    void thresholdsPerPriorityAsShareOrWorkingTimeBeforeDue() {
        // P1, 240 minutes from Thursday 3 Dec 15:00: 25 % = 60 min → 16:00; red 60 min before due = 180 min used:
        // 120 on Thursday + 60 on Friday → Friday 10:00; due Friday 11:00
        SlaLevels.Schedule p1 = levels.schedule(calendar, at(2026, 12, 3, 15, 0), 240, "P1", List.of());
        assertThat(p1.yellowAt()).isEqualTo(at(2026, 12, 3, 16, 0));
        assertThat(p1.redAt()).isEqualTo(at(2026, 12, 4, 10, 0));
        assertThat(p1.due()).isEqualTo(at(2026, 12, 4, 11, 0));
        // P2 with red "2h" before due but default yellow 50 %: a 180-minute target turns red before yellow would;
        // red never comes before yellow, both at the later share
        SlaLevels.Schedule p2 = levels.schedule(calendar, at(2026, 12, 3, 9, 0), 180, "P2", List.of());
        assertThat(p2.yellowAt()).isEqualTo(at(2026, 12, 3, 10, 30));
        assertThat(p2.redAt()).isEqualTo(p2.yellowAt());
    }

    @Test
    void aPauseMovesOnlyTheInstantsNotReachedWhenItBegan() {
        Instant start = at(2026, 12, 8, 9, 0); // Tuesday, 480 minutes: yellow 13:00, red 15:24, due 17:00
        SlaLevels.Schedule before = levels.schedule(calendar, start, 480, "P3", List.of());
        assertThat(before.yellowAt()).isEqualTo(at(2026, 12, 8, 13, 0));
        // paused from 14:00 for 120 working minutes: yellow was reached and stays; red and due move by two hours
        SlaLevels.Schedule after = levels.schedule(calendar, start, 480, "P3",
                List.of(new SlaLevels.Pause(at(2026, 12, 8, 14, 0), 120)));
        assertThat(after.yellowAt()).isEqualTo(before.yellowAt());
        assertThat(after.redAt()).isEqualTo(at(2026, 12, 9, 9, 24));
        assertThat(after.due()).isEqualTo(at(2026, 12, 9, 11, 0));
    }

    @Test
    void theLevelIsAComparisonWithTheStoredInstantsAndStandsStillWhilePaused() {
        Instant y = at(2026, 12, 8, 12, 0);
        Instant r = at(2026, 12, 8, 15, 0);
        Instant due = at(2026, 12, 9, 10, 0);
        assertThat(SlaLevel.of(y, r, due, null, null, y.minusSeconds(1))).isEqualTo(SlaLevel.GREEN);
        assertThat(SlaLevel.of(y, r, due, null, null, y)).isEqualTo(SlaLevel.YELLOW);
        assertThat(SlaLevel.of(y, r, due, null, null, r)).isEqualTo(SlaLevel.RED);
        assertThat(SlaLevel.of(y, r, due, null, null, due)).isEqualTo(SlaLevel.RED);
        assertThat(SlaLevel.of(y, r, due, null, null, due.plusSeconds(1))).isEqualTo(SlaLevel.BREACHED);
        assertThat(SlaLevel.of(y, r, due, null, y.minusSeconds(60), due.plusSeconds(1))).isEqualTo(SlaLevel.GREEN);
        assertThat(SlaLevel.of(y, r, due, due, null, due.plusSeconds(99))).isEqualTo(SlaLevel.MET);
        assertThat(SlaLevel.of(y, r, due, due.plusSeconds(1), null, due)).isEqualTo(SlaLevel.BREACHED);
        assertThat(SlaLevel.of(y, r, null, null, null, due)).isNull();
    }

    @Test
    void thresholdsAreParsedOrRefused() {
        assertThat(Threshold.parse("50%")).isEqualTo(new Threshold(50, null));
        assertThat(Threshold.parse("90m")).isEqualTo(new Threshold(null, 90L));
        assertThat(Threshold.parse("4h")).isEqualTo(new Threshold(null, 240L));
        assertThatThrownBy(() -> Threshold.parse("soon")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Threshold.parse("150%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaLevelProperties(Map.of("P1",
                new SlaLevelProperties.Thresholds("80%", "50%")))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Instant at(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, BERLIN).toInstant();
    }
}
