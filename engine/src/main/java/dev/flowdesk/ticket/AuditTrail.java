package dev.flowdesk.ticket;

import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;

/**
 * The one writer and reader of a ticket's audit trail: every change to a ticket, by a user, a rule or a process step,
 * is recorded here with its before and after values as JSON, inside the caller's transaction.
 */
@Component
public class AuditTrail {

    private final AuditEventRepository events;
    private final TicketJson json;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, TicketJson json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Records an event on a ticket; {@code before} and {@code after} are any JSON-serialisable values, or null. */
    public void record(long ticketId, String actor, AuditEventType type, String detail, Object before, Object after) {
        events.save(new AuditEvent(ticketId, clock.instant(), actor, type.name(), detail,
                before == null ? null : json.write(before), after == null ? null : json.write(after)));
    }

    /** Who opened the ticket (the actor of its CREATED event): an agent opening a ticket for someone else. */
    java.util.Optional<String> creator(long ticketId) {
        return events.findFirstByTicketIdAndTypeOrderByIdAsc(ticketId, AuditEventType.CREATED.name())
                .map(AuditEvent::getActor);
    }

    /**
     * Every event of a ticket, oldest first, without an access check: for the dry run of a draft model, which reads
     * what its own sample ticket recorded (rules, notifications) inside a transaction that is then rolled back.
     */
    public List<HistoryEntry> recordedFor(long ticketId) {
        return history(ticketId, true);
    }

    /** The ticket's history, oldest first; requesters get only the events marked for them. */
    List<HistoryEntry> history(long ticketId, boolean agent) {
        return events.findByTicketIdOrderByAtAscIdAsc(ticketId).stream()
                .filter(e -> agent || AuditEventType.requesterVisible(e.getType()))
                .map(e -> new HistoryEntry(e.getId(), e.getAt(), e.getActor(), e.getType(), e.getDetail(),
                        json.any(e.getBeforeJson()), json.any(e.getAfterJson())))
                .toList();
    }
}
