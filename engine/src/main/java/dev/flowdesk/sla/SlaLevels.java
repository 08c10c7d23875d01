package dev.flowdesk.sla;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Computes when a resolution target turns YELLOW, RED and due, in working time of the ticket's calendar and with the
 * thresholds of its priority ({@link SlaLevelProperties}). A pure function of the SLA's start, target, priority,
 * calendar and pauses, which the ticket's events record: computing it again from them gives the same instants.
 */
@Component
public class SlaLevels {

    private final SlaLevelProperties properties;

    public SlaLevels(SlaLevelProperties properties) {
        this.properties = properties;
    }

    /** A pause of the SLA clock that began at {@code pausedAt} and lasted {@code workingMinutes}. */
    public record Pause(Instant pausedAt, long workingMinutes) {
    }

    /** The instants at which the resolution target turns YELLOW, RED and is due. */
    public record Schedule(Instant yellowAt, Instant redAt, Instant due) {
    }

    /**
     * The instants of a target of {@code targetMinutes} working minutes started at {@code start}. A pause moves an
     * instant by its working minutes only when it began before that instant: a level reached before the pause stays
     * reached (so a ticket never falls back from RED to YELLOW, nor from BREACHED, by pausing).
     */
    public Schedule schedule(BusinessCalendar calendar, Instant start, long targetMinutes, String priority,
                             List<Pause> pauses) {
        SlaLevelProperties.Thresholds t = properties.of(priority);
        long yellow = t.yellowThreshold().usedMinutes(targetMinutes);
        long red = Math.max(yellow, t.redThreshold().usedMinutes(targetMinutes));
        return new Schedule(at(calendar, start, Math.min(yellow, targetMinutes), pauses),
                at(calendar, start, Math.min(red, targetMinutes), pauses),
                at(calendar, start, targetMinutes, pauses));
    }

    private static Instant at(BusinessCalendar calendar, Instant start, long minutes, List<Pause> pauses) {
        Instant at = calendar.addBusinessMinutes(start, minutes);
        for (Pause pause : pauses) {
            if (pause.pausedAt().isBefore(at) && pause.workingMinutes() > 0) {
                at = calendar.addBusinessMinutes(at, pause.workingMinutes());
            }
        }
        return at;
    }
}
