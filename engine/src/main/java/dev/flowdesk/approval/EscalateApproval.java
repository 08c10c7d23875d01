package dev.flowdesk.approval;

import dev.flowdesk.inbox.InboxEntries;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code ${escalateApproval}}: nobody decided in time, so the approver's deputies may decide too: every open vote of
 * this approval is offered to {@code deputyGroup}, and the ticket history says so.
 */
@Component("escalateApproval")
class EscalateApproval implements JavaDelegate {

    private final TaskService tasks;
    private final AuditTrail audit;
    private final org.springframework.context.ApplicationEventPublisher events;

    private final InboxEntries inbox;

    EscalateApproval(TaskService tasks, AuditTrail audit, org.springframework.context.ApplicationEventPublisher events,
                     InboxEntries inbox) {
        this.inbox = inbox;
        this.tasks = tasks;
        this.audit = audit;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String deputies = String.valueOf(execution.getVariable("deputyGroup"));
        int open = 0;
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.addCandidateGroup(task.getId(), deputies);
            inbox.taskChanged(task.getId()); // adding a candidate fires no task event
            open++;
        }
        long ticketId = ((Number) execution.getVariable("ticketId")).longValue();
        audit.record(ticketId, "system", AuditEventType.APPROVAL_ESCALATED, open + " open vote(s) of "
                + execution.getVariable("approverGroup") + " offered to the deputies " + deputies, null,
                Map.of("deputyGroup", deputies, "openVotes", open));
        // The deputies are told through the one notification path (workflow's Notifications), which listens.
        events.publishEvent(new ApprovalEvents.ApprovalEscalated(ticketId,
                String.valueOf(execution.getVariable("approverGroup")), deputies, open));
    }
}
