package dev.flowdesk.approval;

import dev.flowdesk.ticket.TicketJournal;
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
    private final TicketJournal journal;

    EscalateApproval(TaskService tasks, TicketJournal journal) {
        this.tasks = tasks;
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String deputies = String.valueOf(execution.getVariable("deputyGroup"));
        int open = 0;
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.addCandidateGroup(task.getId(), deputies);
            open++;
        }
        long ticketId = ((Number) execution.getVariable("ticketId")).longValue();
        journal.record(ticketId, "system", "APPROVAL_ESCALATED", open + " open vote(s) of "
                + execution.getVariable("approverGroup") + " offered to the deputies " + deputies,
                Map.of("deputyGroup", deputies, "openVotes", open));
        journal.record(ticketId, "system", "NOTIFICATION", "Notification 'approval-overdue' to " + deputies,
                Map.of("template", "approval-overdue", "recipients", deputies));
    }
}
