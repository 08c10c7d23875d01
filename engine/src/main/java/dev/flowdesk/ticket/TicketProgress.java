package dev.flowdesk.ticket;

import dev.flowdesk.rules.Priority;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.sla.SlaClock;
import dev.flowdesk.error.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens to a ticket while its process and its people work on it: the status and SLA clock the model
 * declares, task claims and completions, conversation entries, re-routing, escalation and resolutions decided
 * elsewhere. Every method joins the caller's transaction (a process step's or a user action's), records the change
 * in the {@link AuditTrail} and publishes an event where other features care.
 */
@Service
public class TicketProgress {

    private final TicketRepository tickets;
    private final AuditTrail audit;
    private final SlaClock slaClock;
    private final TicketSla sla;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TicketProgress(TicketRepository tickets, AuditTrail audit, SlaClock slaClock, TicketSla sla,
                   ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.sla = sla;
        this.audit = audit;
        this.slaClock = slaClock;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Called by the process when it enters an activity that declares a {@code ticketStatus}. Runs in the engine's
     * transaction, which is the caller's.
     */
    @Transactional
    public void changeStatusFromModel(long ticketId, String status, String activityId, String activityName,
                                      String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || status.equals(ticket.getStatus())) {
            return;
        }
        String before = ticket.getStatus();
        ticket.changeStatus(status, clock.instant());
        audit.record(ticketId, actor, AuditEventType.STATUS_CHANGED,
                before + " → " + status + " at '" + (activityName == null ? activityId : activityName) + "'",
                Map.of("status", before), Map.of("status", status, "activityId", activityId));
        events.publishEvent(new TicketEvents.TicketStatusChanged(ticketId, before, status));
    }

    /** The model entered an activity with {@code slaClock=paused} (e.g. waiting for the customer): stop the clock. */
    @Transactional
    public void pauseSla(long ticketId, String activityName, String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || ticket.getSlaPausedAt() != null || ticket.getResolutionDue() == null) {
            return;
        }
        ticket.pauseSla(clock.instant());
        audit.record(ticketId, actor, AuditEventType.SLA_PAUSED, "SLA clock paused at '" + activityName + "'",
                null, null);
    }

    /** The model left a paused activity: the {@link SlaClock} moves the deadlines, the ticket stores them. */
    @Transactional
    public void resumeSla(long ticketId, String activityName, String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || ticket.getSlaPausedAt() == null) {
            return;
        }
        Instant oldResolution = ticket.getResolutionDue();
        SlaClock.Resumed resumed = slaClock.resume(sla.calendarOf(ticket), ticket.getSlaPausedAt(),
                ticket.getFirstResponseDue(), oldResolution, ticket.getProcessInstanceId());
        ticket.resumeSla(resumed.responseDue(), resumed.resolutionDue());
        ticket.touch(clock.instant());
        audit.record(ticketId, actor, AuditEventType.SLA_RESUMED, "SLA clock resumed at '" + activityName
                        + "' after " + resumed.pausedWorkingMinutes() + " working minutes",
                oldResolution == null ? null : Map.of("resolutionDue", oldResolution.toString()),
                sla.resumedEvent(resumed));
        sla.recompute(ticket); // the YELLOW and RED instants move with the deadline
    }

    /** The model claims a task: the ticket's assignee follows the task's. */
    @Transactional
    public void assign(long ticketId, String assignee, String taskName, CurrentUser actor) {
        Ticket ticket = load(ticketId);
        String before = ticket.getAssignee();
        ticket.setAssignee(assignee);
        ticket.touch(clock.instant());
        if (assignee != null) {
            ticket.responded(clock.instant());
        }
        audit.record(ticketId, actor.id(), assignee == null ? AuditEventType.UNASSIGNED : AuditEventType.ASSIGNED,
                (assignee == null ? "Released task '" : "Took task '") + taskName + "'",
                before == null ? null : Map.of("assignee", before),
                assignee == null ? null : Map.of("assignee", assignee));
        events.publishEvent(new TicketEvents.TicketAssigned(ticketId, assignee, taskName));
    }

    /** Someone hands a task to a named agent, or (assignee null) to a group: the ticket's assignee follows. */
    @Transactional
    public void handOver(long ticketId, String assignee, String group, String taskName, CurrentUser actor) {
        Ticket ticket = load(ticketId);
        String before = ticket.getAssignee();
        ticket.setAssignee(assignee);
        ticket.touch(clock.instant());
        Map<String, Object> after = new LinkedHashMap<>();
        if (assignee != null) {
            after.put("assignee", assignee);
            ticket.responded(clock.instant());
        }
        if (group != null) {
            after.put("group", group);
        }
        audit.record(ticketId, actor.id(), assignee == null ? AuditEventType.UNASSIGNED : AuditEventType.ASSIGNED,
                "Handed task '" + taskName + "' to " + (assignee != null ? assignee : "group " + group),
                before == null ? null : Map.of("assignee", before), after);
        events.publishEvent(new TicketEvents.TicketAssigned(ticketId, assignee, taskName));
    }

    /**
     * Records what a completed user task changed on its ticket: the form values mapped to ticket fields
     * (resolution), with an audit event. Runs inside the caller's transaction.
     */
    @Transactional
    public void recordTaskCompletion(long ticketId, String taskName, Map<String, Object> ticketFields,
                                     CurrentUser actor) {
        Ticket ticket = load(ticketId);
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        if (ticketFields.containsKey("resolution")) {
            Object value = ticketFields.get("resolution");
            before.put("resolution", ticket.getResolution());
            ticket.setResolution(value == null ? null : value.toString());
            after.put("resolution", ticket.getResolution());
        }
        ticket.touch(clock.instant());
        audit.record(ticketId, actor.id(), AuditEventType.TASK_COMPLETED, "Completed task '" + taskName + "'",
                before.isEmpty() ? null : before, after.isEmpty() ? null : after);
        events.publishEvent(new TicketEvents.TaskCompleted(ticketId, taskName, actor.id()));
    }

    /** A reply or note was added to the conversation: audited, and the ticket counts as updated. */
    @Transactional
    public void recordArticle(long ticketId, String author, boolean internal, boolean byAgent, String excerpt) {
        Ticket ticket = load(ticketId);
        ticket.touch(clock.instant());
        if (byAgent && !internal) {
            ticket.responded(clock.instant()); // an agent answered the requester
        }
        audit.record(ticketId, author, internal ? AuditEventType.NOTE_ADDED : AuditEventType.REPLY_ADDED, excerpt,
                null, null);
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
        audit.record(ticketId, actor, AuditEventType.ROUTED, "Routed from " + before + " to " + queue,
                Map.of("queue", before), Map.of("queue", queue));
    }

    /**
     * Raises the priority one step (P1 stays P1) and returns the new priority. The deadline stays (the escalation
     * is no new SLA); the YELLOW and RED instants follow the new priority's thresholds.
     */
    @Transactional
    public String raisePriority(long ticketId, String actor, String why) {
        Ticket ticket = load(ticketId);
        String before = ticket.getPriority();
        String after = Priority.valueOf(before).oneStepMoreUrgent().name();
        ticket.setPriority(after);
        ticket.touch(clock.instant());
        audit.record(ticketId, actor, AuditEventType.ESCALATED, why, Map.of("priority", before),
                Map.of("priority", after));
        sla.recompute(ticket); // the thresholds are the new priority's
        return after;
    }

    /** Records a resolution decided elsewhere (e.g. by the problem that fixed this incident). */
    @Transactional
    public void resolveWith(long ticketId, String resolution, String actor, String detail) {
        Ticket ticket = load(ticketId);
        String before = ticket.getResolution();
        ticket.setResolution(resolution);
        ticket.touch(clock.instant());
        audit.record(ticketId, actor, AuditEventType.RESOLUTION_RECORDED, detail,
                before == null ? null : Map.of("resolution", before), Map.of("resolution", resolution));
        events.publishEvent(new TicketEvents.ResolutionRecorded(ticketId, resolution));
    }

    private Ticket load(long ticketId) {
        return tickets.findById(ticketId).orElseThrow(() -> DomainException.notFound("ticket " + ticketId));
    }
}
