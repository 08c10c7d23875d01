package dev.flowdesk.ticket;

import dev.flowdesk.ticket.TicketViews.LinkView;
import dev.flowdesk.error.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Links between tickets (problem candidate, caused by, ...) and a ticket's sub-tickets, as processes and views see them. */
@Service
public class TicketLinks {

    private final TicketRepository tickets;
    private final TicketLinkRepository links;
    private final AuditTrail audit;
    private final Clock clock;

    TicketLinks(TicketRepository tickets, TicketLinkRepository links, AuditTrail audit, Clock clock) {
        this.tickets = tickets;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /** Links two tickets (idempotent) and records it on both. */
    @Transactional
    public void link(long fromTicketId, long toTicketId, String type, String actor) {
        Ticket from = load(fromTicketId);
        Ticket to = load(toTicketId);
        if (links.existsByFromTicketIdAndToTicketIdAndType(fromTicketId, toTicketId, type)) {
            return;
        }
        links.save(new TicketLink(fromTicketId, toTicketId, type, clock.instant(), actor));
        audit.record(fromTicketId, actor, AuditEventType.LINKED, type + " → " + to.getNumber(), null,
                Map.of("type", type, "ticketId", toTicketId));
        audit.record(toTicketId, actor, AuditEventType.LINKED, type + " ← " + from.getNumber(), null,
                Map.of("type", type, "ticketId", fromTicketId));
    }

    /** Tickets linked to this one with this link type, in either direction. */
    @Transactional(readOnly = true)
    public List<Long> linked(long ticketId, String type) {
        List<Long> ids = new ArrayList<>();
        for (TicketLink link : links.findByFromTicketIdOrToTicketIdOrderByIdAsc(ticketId, ticketId)) {
            if (link.getType().equals(type)) {
                ids.add(link.getFromTicketId() == ticketId ? link.getToTicketId() : link.getFromTicketId());
            }
        }
        return ids;
    }

    /** The children of a ticket with their current status, oldest first. */
    @Transactional(readOnly = true)
    public List<LinkView> children(long ticketId) {
        return tickets.findByParentIdOrderByIdAsc(ticketId).stream()
                .map(c -> new LinkView("SUB_TICKET", c.getId(), c.getNumber(), c.getSubject(), c.getStatus())).toList();
    }

    /** The links of a ticket, each seen from this ticket; the type of an incoming link says where it comes from. */
    @Transactional(readOnly = true)
    public List<LinkView> links(long ticketId) {
        List<LinkView> views = new ArrayList<>();
        for (TicketLink link : links.findByFromTicketIdOrToTicketIdOrderByIdAsc(ticketId, ticketId)) {
            boolean outgoing = link.getFromTicketId() == ticketId;
            tickets.findById(outgoing ? link.getToTicketId() : link.getFromTicketId()).ifPresent(other ->
                    views.add(new LinkView(outgoing ? link.getType() : link.getType() + "_OF", other.getId(),
                            other.getNumber(), other.getSubject(), other.getStatus())));
        }
        return views;
    }

    private Ticket load(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> DomainException.notFound("ticket " + ticketId));
    }
}
