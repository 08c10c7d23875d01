package dev.flowdesk.ticket;

import dev.flowdesk.sla.BusinessCalendar;
import dev.flowdesk.sla.BusinessCalendars;
import dev.flowdesk.sla.SlaClock;
import dev.flowdesk.sla.SlaLevel;
import dev.flowdesk.sla.SlaLevels;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ticket's resolution schedule — when it turns YELLOW, RED and is due — as a function of its events: the
 * {@code SLA_SCHEDULED} event of the last (re)classification (start, target in working minutes, priority,
 * calendar), the pauses of its {@code SLA_RESUMED} events and the priority of later {@code ESCALATED} events.
 * Every change (creation, reclassification, the end of a pause, an escalation) records its event and then stores
 * what {@link #replay} makes of all of them, so the stored instants never drift from a recomputation.
 */
@Component
class TicketSla {

    private final BusinessCalendars calendars;
    private final SlaLevels levels;
    private final AuditTrail audit;
    private final AuditEventRepository events;
    private final TicketJson json;
    private final Clock clock;

    TicketSla(BusinessCalendars calendars, SlaLevels levels, AuditTrail audit, AuditEventRepository events,
              TicketJson json, Clock clock) {
        this.calendars = calendars;
        this.levels = levels;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The resolution target (re)started: to be recorded with {@link #recordStart} once the ticket has an id. */
    record Start(Instant start, long resolutionMinutes, String priority, String calendar) {
        Map<String, Object> asEvent() {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("start", start.toString());
            after.put("resolutionMinutes", resolutionMinutes);
            after.put("priority", priority);
            after.put("calendar", calendar);
            return after;
        }
    }

    /**
     * Starts the targets at {@code now} in the calendar of the ticket's queue: both due instants, and the YELLOW
     * and RED instants of the resolution target. Returns null when the rules set no SLA.
     */
    Start start(Ticket ticket, Instant now, Integer responseMinutes, Integer resolutionMinutes) {
        if (resolutionMinutes == null) {
            ticket.schedule(null, null, null, null);
            return null;
        }
        BusinessCalendar calendar = calendars.forQueue(ticket.getQueue());
        Start start = new Start(now, resolutionMinutes, ticket.getPriority(), calendar.name());
        SlaLevels.Schedule s = levels.schedule(calendar, now, resolutionMinutes, ticket.getPriority(), List.of());
        ticket.schedule(calendar.name(), s.yellowAt(), s.redAt(), s.due());
        ticket.setFirstResponseDue(responseMinutes == null ? null
                : calendar.addBusinessMinutes(now, responseMinutes));
        settle(ticket);
        return start;
    }

    void recordStart(long ticketId, Start start, String actor) {
        if (start != null) {
            audit.record(ticketId, actor, AuditEventType.SLA_SCHEDULED, "SLA started: resolution in "
                    + start.resolutionMinutes() + " working minutes (" + start.priority() + ", calendar "
                    + (start.calendar() == null ? "standard" : start.calendar()) + ")", null, start.asEvent());
        }
    }

    /** The calendar the ticket's deadlines are computed in. */
    BusinessCalendar calendarOf(Ticket ticket) {
        return calendars.named(ticket.getSlaCalendar());
    }

    /** After an event that changes the schedule was recorded: stores the schedule its events give. */
    void recompute(Ticket ticket) {
        replay(ticket.getId()).ifPresent(s -> {
            ticket.schedule(ticket.getSlaCalendar(), s.yellowAt(), s.redAt(), s.due());
            settle(ticket);
        });
    }

    /** The end of a pause: its event carries what the schedule needs (when it began, its working minutes). */
    Map<String, Object> resumedEvent(SlaClock.Resumed resumed) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("pausedAt", resumed.pausedAt().toString());
        after.put("pausedWorkingMinutes", resumed.pausedWorkingMinutes());
        if (resumed.resolutionDue() != null) {
            after.put("resolutionDue", resumed.resolutionDue().toString());
        }
        return after;
    }

    /** The level of the ticket's stored instants at {@code now}. */
    static SlaLevel levelOf(Ticket t, Instant now) {
        return SlaLevel.of(t.getSlaYellowAt(), t.getSlaRedAt(), t.getResolutionDue(), t.getResolvedAt(),
                t.getSlaPausedAt(), now);
    }

    /**
     * A schedule that moved back (a new start, a less urgent priority) lowers the announced level to the present
     * one, so that the level job announces the next rise again; a rise is the level job's to announce.
     */
    private void settle(Ticket ticket) {
        SlaLevel now = levelOf(ticket, clock.instant());
        SlaLevel announced = ticket.getSlaLevel() == null ? null : SlaLevel.valueOf(ticket.getSlaLevel());
        if (announced == null || (now != null && announced.isWorseThan(now))) {
            ticket.announceSlaLevel(now == null ? null : now.name());
        }
    }

    /** The schedule the ticket's events give; empty for tickets without an {@code SLA_SCHEDULED} event. */
    Optional<SlaLevels.Schedule> replay(long ticketId) {
        Map<String, Object> start = null;
        Instant startAt = null;
        String priority = null;
        List<SlaLevels.Pause> pauses = new ArrayList<>();
        for (AuditEvent e : events.findByTicketIdOrderByAtAscIdAsc(ticketId)) {
            Map<String, Object> after = json.fields(e.getAfterJson());
            switch (e.getType()) {
                case "SLA_SCHEDULED" -> {
                    start = after;
                    startAt = Instant.parse((String) after.get("start"));
                    priority = (String) after.get("priority");
                    pauses.clear();
                }
                case "SLA_RESUMED" -> {
                    if (start != null && after.get("pausedAt") != null) {
                        pauses.add(new SlaLevels.Pause(Instant.parse((String) after.get("pausedAt")),
                                ((Number) after.get("pausedWorkingMinutes")).longValue()));
                    }
                }
                case "ESCALATED" -> {
                    if (start != null && after.get("priority") != null) {
                        priority = (String) after.get("priority");
                    }
                }
                default -> { }
            }
        }
        if (start == null) {
            return Optional.empty();
        }
        BusinessCalendar calendar = calendars.named((String) start.get("calendar"));
        return Optional.of(levels.schedule(calendar, startAt, ((Number) start.get("resolutionMinutes")).longValue(),
                priority, pauses));
    }
}
