package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What agents do to the shape of the desk: link two tickets, merge a ticket into another, close a ticket outside its
 * process (bulk clean-up). Each is one transaction: the ticket rows, the process, the audit events and whatever other
 * features move on {@link TicketEvents.TicketsMerged} commit together or not at all. A ticket whose work ends here
 * has its process deleted with the reason (kept in Camunda's history), so no task, timer or message waits on it.
 */
@Service
public class TicketStructure {

    /** Link types agents may set; a link is stored in one direction and shown as {@code TYPE_OF} from the other. */
    public static final Set<String> LINK_TYPES = Set.of("RELATES_TO", "DUPLICATE_OF", "CAUSED_BY", "PARENT_OF");

    private final TicketRepository tickets;
    private final TicketAccessPolicy access;
    private final TicketLinks links;
    private final AuditTrail audit;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketStructure(TicketRepository tickets, TicketAccessPolicy access, TicketLinks links, AuditTrail audit,
                    RuntimeService runtime, ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.access = access;
        this.links = links;
        this.audit = audit;
        this.runtime = runtime;
        this.events = events;
        this.clock = clock;
    }

    /** Links {@code id} to {@code otherId} with an agent's link type; both must be visible to the agent. */
    @Transactional
    public void link(long id, String type, Long otherId, CurrentUser user) {
        user.requireAny("Only agents change how tickets are linked, merged or closed.", Role.AGENT);
        String linkType = type == null ? "" : type.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (!LINK_TYPES.contains(linkType)) {
            throw DomainException.invalid("type", "must be one of " + String.join(", ", LINK_TYPES.stream().sorted()
                    .toList()));
        }
        if (otherId == null) {
            throw DomainException.invalid("ticketId", "is required");
        }
        if (otherId == id) {
            throw DomainException.invalid("ticketId", "a ticket cannot be linked to itself");
        }
        access.visible(id, user);
        access.visible(otherId, user);
        links.link(id, otherId, linkType, user.id());
    }

    /**
     * Merges {@code sourceId} into {@code targetId}: the conversation, attachments, mail thread and watchers, links
     * and sub-tickets move to the target; the source is closed with a pointer ({@code DUPLICATE_OF} the target) and
     * its process ends. Both must be visible to the agent and still open; {@code version} of the source, when given,
     * guards against merging a ticket that changed meanwhile (409).
     */
    @Transactional
    public Ticket merge(long sourceId, Long targetId, Long version, CurrentUser user) {
        user.requireAny("Only agents change how tickets are linked, merged or closed.", Role.AGENT);
        if (targetId == null) {
            throw DomainException.invalid("into", "is required: the ticket to merge into");
        }
        if (targetId == sourceId) {
            throw DomainException.invalid("into", "a ticket cannot be merged into itself");
        }
        Ticket source = access.visible(sourceId, user);
        Ticket target = access.visible(targetId, user);
        if (version != null && version != source.getVersion()) {
            throw DomainException.conflict("ticket " + source.getNumber() + " changed meanwhile; reload and retry");
        }
        if (isOver(source)) {
            throw DomainException.conflict(source.getNumber() + " is already " + source.getStatus());
        }
        if (isOver(target)) {
            throw DomainException.conflict(target.getNumber() + " is " + target.getStatus()
                    + "; merge into an open ticket");
        }
        Instant now = clock.instant();
        for (Ticket child : tickets.findByParentIdOrderByIdAsc(sourceId)) {
            child.setParentId(targetId);
            child.touch(now);
        }
        events.publishEvent(new TicketEvents.TicketsMerged(sourceId, targetId, user.id()));
        links.link(sourceId, targetId, "DUPLICATE_OF", user.id());
        audit.record(targetId, user.id(), AuditEventType.MERGED, source.getNumber() + " merged into this ticket",
                null, Map.of("ticketId", sourceId, "number", source.getNumber()));
        end(source, "CLOSED", "Merged into " + target.getNumber(), user, AuditEventType.MERGED,
                Map.of("into", targetId, "number", target.getNumber()));
        target.touch(now);
        return target;
    }

    /** Closes an open ticket outside its process (e.g. spam, a duplicate in a bulk clean-up), with a reason. */
    @Transactional
    public void close(long id, String reason, CurrentUser user) {
        user.requireAny("Only agents change how tickets are linked, merged or closed.", Role.AGENT);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "is required: why the ticket is closed");
        }
        Ticket ticket = access.visible(id, user);
        if (isOver(ticket)) {
            throw DomainException.conflict(ticket.getNumber() + " is already " + ticket.getStatus());
        }
        end(ticket, "CLOSED", reason.strip(), user, AuditEventType.CLOSED_BY_AGENT, Map.of());
    }

    private void end(Ticket ticket, String status, String reason, CurrentUser user, AuditEventType type,
                     Map<String, Object> detail) {
        String pid = ticket.getProcessInstanceId();
        if (pid != null && runtime.createProcessInstanceQuery().processInstanceId(pid).count() > 0) {
            // built-in listeners (inbox read model) still run; the model's own listeners do not
            runtime.deleteProcessInstance(pid, reason + " (by " + user.id() + ")", true, true);
        }
        String before = ticket.getStatus();
        Instant now = clock.instant();
        if (ticket.getResolution() == null || ticket.getResolution().isBlank()) {
            ticket.setResolution(reason);
        }
        ticket.changeStatus(status, now);
        audit.record(ticket.getId(), user.id(), type, before + " → " + status + ": " + reason,
                Map.of("status", before), merged(detail, Map.of("status", status)));
    }

    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        java.util.HashMap<String, Object> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static boolean isOver(Ticket ticket) {
        return TicketLookup.isOver(ticket.getStatus());
    }
}
