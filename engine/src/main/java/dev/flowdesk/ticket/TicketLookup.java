package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;
import java.util.Optional;

/**
 * The few ticket values that process steps read (no access check: the engine acts for the process, and a process
 * only knows its own ticket's id).
 */
@Service
public class TicketLookup {

    /** Whether a ticket in this status is over (closed, cancelled, rejected): nothing more is added to it. */
    public static boolean isOver(String status) {
        return Ticket.FINAL_STATUSES.contains(status);
    }


    private final TicketRepository tickets;
    private final AuditTrail audit;
    private final TicketJson json;

    TicketLookup(TicketRepository tickets, AuditTrail audit, TicketJson json) {
        this.tickets = tickets;
        this.audit = audit;
        this.json = json;
    }

    /** The few ticket values processes read. */
    public record TicketRef(long id, String number, String type, String subject, String description, String requester,
                            String queue, String priority, String status, Long parentId) {
    }

    @Transactional(readOnly = true)
    public Optional<TicketRef> find(long ticketId) {
        return tickets.findById(ticketId).map(TicketLookup::ref);
    }

    /** Who opened the ticket (the actor of its CREATED event): an agent opening a ticket for someone else. */
    @Transactional(readOnly = true)
    public Optional<String> creator(long ticketId) {
        return audit.creator(ticketId);
    }

    /** The ticket's custom form fields (the values its form stored that are no ticket columns). */
    @Transactional(readOnly = true)
    public Map<String, Object> fields(long ticketId) {
        return tickets.findById(ticketId).map(t -> json.fields(t.getFieldsJson()))
                .orElseThrow(() -> DomainException.notFound("ticket " + ticketId));
    }

    /** The ticket's process instance, or null: for channels that act on a ticket without a signed-in user. */
    @Transactional(readOnly = true)
    public String processInstanceId(long ticketId) {
        return tickets.findById(ticketId).map(Ticket::getProcessInstanceId).orElse(null);
    }

    static TicketRef ref(Ticket t) {
        return new TicketRef(t.getId(), t.getNumber(), t.getType(), t.getSubject(), t.getDescription(),
                t.getRequester(), t.getQueue(), t.getPriority(), t.getStatus(), t.getParentId());
    }
}
