package dev.flowdesk.workflow.delegate;

import dev.flowdesk.inbox.InboxEntries;
import dev.flowdesk.ticket.TicketProgress;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code ${escalateTicket}}: overdue work. Raises the ticket's priority one step, offers its open tasks to the
 * escalation group as well (the queue keeps them) and notifies that group, all recorded in the history.
 */
@Component("escalateTicket")
class EscalateTicket implements JavaDelegate {

    private final TicketProgress progress;
    private final Notifications notifications;
    private final TaskService tasks;
    private final InboxEntries inbox;
    private final ProcessDefaults settings;

    EscalateTicket(TicketProgress progress, Notifications notifications, TaskService tasks, InboxEntries inbox,
                   ProcessDefaults settings) {
        this.settings = settings;
        this.inbox = inbox;
        this.progress = progress;
        this.notifications = notifications;
        this.tasks = tasks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = Actors.ticketId(execution);
        String group = String.valueOf(settings.variableOr(execution, "escalationGroup"));
        String timer = execution.getCurrentActivityName();
        String priority = progress.raisePriority(ticketId, Actors.SYSTEM.id(),
                "Escalated (" + execution.getProcessDefinitionId().split(":")[0] + "): " + timer
                        + "; offered to " + group);
        execution.setVariable("priority", priority);
        for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).active().list()) {
            tasks.addCandidateGroup(task.getId(), group);
            inbox.taskChanged(task.getId()); // adding a candidate fires no task event
            tasks.setPriority(task.getId(), Math.max(task.getPriority(), 75));
        }
        notifications.send(ticketId, Actors.SYSTEM.id(), "escalation", group, Map.of("priority", priority), Map.of());
    }
}
