package dev.flowdesk.ticket;

import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.error.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sub-tickets: real ticket rows with a parent, each worked in its own process instance (child-ticket.bpmn, called by
 * the parent's process), classified by the rules like any ticket so that it gets its own queue and SLA. What the
 * children are comes from the parent's form fields: a list {@code fulfilmentItems} (service requests) or
 * {@code implementationTasks} (changes) of {subject, description, category}; without a list the parent has one child.
 */
@Service
public class SubTickets {

    private final TicketRepository tickets;
    private final AuditTrail audit;
    private final TicketLookup lookup;
    private final TicketClassifier classifier;
    private final DecisionRecorder decisions;
    private final TicketSla sla;
    private final Clock clock;

    SubTickets(TicketRepository tickets, AuditTrail audit, TicketLookup lookup, TicketClassifier classifier,
               DecisionRecorder decisions, TicketSla sla, Clock clock) {
        this.sla = sla;
        this.tickets = tickets;
        this.audit = audit;
        this.lookup = lookup;
        this.classifier = classifier;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A sub-ticket as its process needs it. */
    public record SubTicket(long id, String number, String type, String queue, String priority, String requester,
                            Instant firstResponseDue, Instant resolutionDue) {
    }

    /** How many children the parent's fields ask for, at least one. */
    @Transactional(readOnly = true)
    public int plannedCount(long parentId, String kind) {
        return Math.max(1, items(lookup.fields(parentId), kind).size());
    }

    /** Opens child number {@code index} of the parent, worked by the process instance {@code processInstanceId}. */
    @Transactional
    public SubTicket open(long parentId, String kind, int index, String processInstanceId, String actor) {
        Ticket parent = tickets.findById(parentId).orElseThrow(() -> DomainException.notFound("ticket " + parentId));
        List<Map<String, Object>> items = items(lookup.fields(parentId), kind);
        Map<String, Object> item = index < items.size() ? items.get(index) : Map.of();
        String subject = text(item, "subject", parent.getSubject() + " (" + (index + 1) + ")");
        subject = subject.length() > 200 ? subject.substring(0, 200) : subject;
        String description = text(item, "description", parent.getDescription());
        String category = text(item, "category", null);
        Instant now = clock.instant();

        Ticket child = new Ticket(String.format("FD-%06d", tickets.nextNumber()), parent.getType(), "API", subject,
                description, parent.getRequester(), parent.getImpact(), parent.getUrgency(), now);
        child.setParentId(parentId);
        child.setProcessInstanceId(processInstanceId);
        TicketClassifier.Classification classification = classifier.classify(new TicketFacts(parent.getType(),
                subject, description, "API", item, new TicketFacts.Requester(parent.getRequester(), null, null, null,
                false, null, "STANDARD"), null, Level.valueOf(parent.getImpact()), Level.valueOf(parent.getUrgency()),
                category, null, now));
        TicketSla.Start slaStart = decisions.apply(child, classification, now, null);
        tickets.saveAndFlush(child);
        audit.record(child.getId(), actor, AuditEventType.CREATED, "Sub-ticket " + child.getNumber() + " of "
                + parent.getNumber() + " opened", null, Map.of("parentId", parentId, "kind", kind,
                "queue", child.getQueue(), "priority", child.getPriority()));
        sla.recordStart(child.getId(), slaStart, "rules");
        audit.record(parentId, actor, AuditEventType.SUB_TICKET_OPENED, "Sub-ticket " + child.getNumber()
                + " for " + child.getQueue() + ": " + subject, null, Map.of("ticketId", child.getId(),
                "number", child.getNumber()));
        return new SubTicket(child.getId(), child.getNumber(), child.getType(), child.getQueue(), child.getPriority(),
                child.getRequester(), child.getFirstResponseDue(), child.getResolutionDue());
    }

    /** How many children of the parent ended with this status. */
    @Transactional(readOnly = true)
    public long countWithStatus(long parentId, String status) {
        return tickets.findByParentIdOrderByIdAsc(parentId).stream().filter(c -> status.equals(c.getStatus())).count();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> fields, String kind) {
        Object list = fields.get("IMPLEMENTATION".equals(kind) ? "implementationTasks" : "fulfilmentItems");
        if (!(list instanceof List<?> entries)) {
            return List.of();
        }
        return entries.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList();
    }

    private static String text(Map<String, Object> item, String key, String fallback) {
        Object value = item.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
