package dev.flowdesk.sla;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code flowdesk.sla.*}: the business calendar that turns SLA targets in business minutes into due instants. */
@ConfigurationProperties("flowdesk.sla")
public record SlaProperties(ZoneId zone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workDays,
                            List<LocalDate> holidays) {

    public SlaProperties {
        zone = zone == null ? ZoneId.of("Europe/Berlin") : zone;
        workStart = workStart == null ? LocalTime.of(8, 0) : workStart;
        workEnd = workEnd == null ? LocalTime.of(18, 0) : workEnd;
        workDays = workDays == null || workDays.isEmpty()
                ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(workDays);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        if (!workEnd.isAfter(workStart)) {
            throw new IllegalArgumentException("flowdesk.sla.work-end must be after flowdesk.sla.work-start");
        }
    }
}
