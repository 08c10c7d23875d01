package dev.flowdesk.task;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketAccessPolicy;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.Supplier;

/**
 * Who may work on a user task, in one place for the task inbox and the approvals: its assignee, an administrator, or
 * a candidate (by user id or one of the user's groups). Also runs engine calls as the user, so Camunda's history
 * names who claimed and completed, and a listener's refusal (e.g. the four-eyes rule) reaches the caller as its
 * own domain failure. A user bound to a tenant works only on tasks of tickets she may see (the one access scope,
 * which includes the tenant): a shared candidate group does not open another tenant's tickets to her.
 */
@Component
public class TaskAccess {

    private final TaskService tasks;
    private final HistoryService history;
    private final IdentityService identity;
    private final TicketAccessPolicy tickets;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    TaskAccess(TaskService tasks, HistoryService history, IdentityService identity, TicketAccessPolicy tickets,
               org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.tasks = tasks;
        this.history = history;
        this.identity = identity;
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    /**
     * Holds the task's row for the rest of this transaction, before anything about the task is read: a user action
     * on a task (claim, complete, vote, hand on) then runs after any other one on the same task has committed, and
     * reads the task as that one left it — gone (answered 409 "already completed"), held by someone, or unchanged.
     * Without it, two completions at once (a double click, two tabs) could read the task, lose it to the other one
     * between two engine calls, and fail inside the engine. Needs a read-write transaction.
     */
    public void lockForChange(String taskId) {
        jdbc.query("SELECT ID_ FROM ACT_RU_TASK WHERE ID_ = ? FOR UPDATE", rs -> { }, taskId);
    }

    /** The assignee, an administrator, or a candidate user or group of this open task. */
    public boolean mayWorkOn(Task task, CurrentUser user) {
        if (user.isAdmin()) {
            return true;
        }
        if (!user.id().equals(task.getAssignee()) && tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .noneMatch(l -> user.id().equals(l.getUserId()) || user.groups().contains(l.getGroupId()))) {
            return false;
        }
        return withinTenant(tasks.getVariable(task.getId(), "ticketId"), user);
    }

    /** For a user bound to a tenant: the task's ticket (if it has one) must be inside her scope. */
    private boolean withinTenant(Object ticketId, CurrentUser user) {
        return TenantScope.seesEveryTenant(user) || !(ticketId instanceof Number id)
                || tickets.maySee(id.longValue(), user);
    }

    /** Whether the user could have worked on this finished task: administrator, its assignee, or a candidate. */
    public boolean mayHaveWorkedOn(HistoricTaskInstance done, CurrentUser user) {
        if (user.isAdmin()) {
            return true;
        }
        if (!user.id().equals(done.getAssignee()) && history.createHistoricIdentityLinkLogQuery().taskId(done.getId())
                .type(IdentityLinkType.CANDIDATE).list().stream().noneMatch(l -> user.id().equals(l.getUserId())
                        || user.groups().contains(l.getGroupId()))) {
            return false;
        }
        if (TenantScope.seesEveryTenant(user) || done.getProcessInstanceId() == null) {
            return true;
        }
        var ticketId = history.createHistoricVariableInstanceQuery().processInstanceId(done.getProcessInstanceId())
                .variableName("ticketId").list().stream().findFirst().map(v -> v.getValue()).orElse(null);
        return withinTenant(ticketId, user);
    }

    /**
     * The user's groups for a task query's candidate-group condition. An empty IN list would match nothing in SQL,
     * so a group id nobody can have keeps the query valid (not a NUL character: PostgreSQL refuses it in text).
     */
    public static List<String> candidateGroups(CurrentUser user) {
        return user.groups().isEmpty() ? List.of("(no group)") : user.groups();
    }

    /** Runs engine calls as this user; a listener's domain refusal comes out as itself, not wrapped by the engine. */
    public <T> T runAs(CurrentUser user, Supplier<T> action) {
        identity.setAuthentication(user.id(), user.groups());
        try {
            return action.get();
        } catch (ProcessEngineException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof DomainException refusal) {
                    throw refusal;
                }
            }
            throw e;
        } finally {
            identity.clearAuthentication();
        }
    }

    /** As {@link #runAs(CurrentUser, Supplier)}, for calls without a result. */
    public void runAs(CurrentUser user, Runnable action) {
        runAs(user, () -> {
            action.run();
            return null;
        });
    }
}
