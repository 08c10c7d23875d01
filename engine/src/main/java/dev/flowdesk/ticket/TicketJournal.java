package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.ticket.TicketViews.LinkView;
import dev.flowdesk.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the processes do to tickets besides their status: record audit events (notifications, escalations, approval
 * decisions), re-route, raise the priority, record a resolution, link tickets and read the ticket's form fields.
 * Every method joins the caller's transaction, which is the process step's, so ticket and process commit together.
 */
@Service
public class TicketJournal {

    private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5");

    private final TicketRepository tickets;
    private final AuditEventRepository audit;
    private final TicketLinkRepository links;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    TicketJournal(TicketRepository tickets, AuditEventRepository audit, TicketLinkRepository links, ObjectMapper json) {
        this.tickets = tickets;
        this.audit = audit;
        this.links = links;
        this.json = json;
    }

    /** The few ticket values processes read. */
    public record TicketRef(long id, String number, String type, String subject, String description, String requester,
                            String queue, String priority, String status, Long parentId) {
    }

    @Transactional(readOnly = true)
    public Optional<TicketRef> find(long ticketId) {
        return tickets.findById(ticketId).map(TicketJournal::ref);
    }

    /** Who opened the ticket (the actor of its CREATED event): an agent opening a ticket for someone else. */
    @Transactional(readOnly = true)
    public Optional<String> creator(long ticketId) {
        return audit.findFirstByTicketIdAndTypeOrderByIdAsc(ticketId, "CREATED").map(AuditEvent::getActor);
    }

    /** The ticket's custom form fields (the values its form stored that are no ticket columns). */
    @Transactional(readOnly = true)
    public Map<String, Object> fields(long ticketId) {
        return read(load(ticketId).getFieldsJson());
    }

    @Transactional
    public void record(long ticketId, String actor, String type, String detail, Map<String, ?> after) {
        audit.save(new AuditEvent(ticketId, clock.instant(), actor, type, detail, null,
                after == null ? null : write(after)));
    }

    /** Moves the ticket to another queue (the dispatcher's choice). */
    @Transactional
    public void reroute(long ticketId, String queue, String actor) {
        Ticket ticket = load(ticketId);
        if (queue == null || queue.equals(ticket.getQueue())) {
            return;
        }
        String before = ticket.getQueue();
        ticket.setQueue(queue);
        ticket.touch(clock.instant());
        audit.save(new AuditEvent(ticketId, clock.instant(), actor, "ROUTED", "Routed from " + before + " to " + queue,
                write(Map.of("queue", before)), write(Map.of("queue", queue))));
    }

    /** Raises the priority one step (P1 stays P1) and returns the new priority. */
    @Transactional
    public String raisePriority(long ticketId, String actor, String why) {
        Ticket ticket = load(ticketId);
        String before = ticket.getPriority();
        int index = PRIORITIES.indexOf(before);
        String after = index <= 0 ? "P1" : PRIORITIES.get(index - 1);
        ticket.setPriority(after);
        ticket.touch(clock.instant());
        audit.save(new AuditEvent(ticketId, clock.instant(), actor, "ESCALATED", why,
                write(Map.of("priority", before)), write(Map.of("priority", after))));
        return after;
    }

    /** Records a resolution decided elsewhere (e.g. by the problem that fixed this incident). */
    @Transactional
    public void resolveWith(long ticketId, String resolution, String actor, String detail) {
        Ticket ticket = load(ticketId);
        String before = ticket.getResolution();
        ticket.setResolution(resolution);
        ticket.touch(clock.instant());
        audit.save(new AuditEvent(ticketId, clock.instant(), actor, "RESOLUTION_RECORDED", detail,
                before == null ? null : write(Map.of("resolution", before)), write(Map.of("resolution", resolution))));
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
        record(fromTicketId, actor, "LINKED", type + " → " + to.getNumber(), Map.of("type", type, "ticketId", toTicketId));
        record(toTicketId, actor, "LINKED", type + " ← " + from.getNumber(), Map.of("type", type, "ticketId", fromTicketId));
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
        return tickets.findById(ticketId).orElseThrow(() -> ApiException.notFound("ticket " + ticketId));
    }

    static TicketRef ref(Ticket t) {
        return new TicketRef(t.getId(), t.getNumber(), t.getType(), t.getSubject(), t.getDescription(),
                t.getRequester(), t.getQueue(), t.getPriority(), t.getStatus(), t.getParentId());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ticket fields are not JSON", e);
        }
    }
}
