package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.form.FormValues;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.task.TaskAccess;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketProgress;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.web.PageResponse;
import dev.flowdesk.inbox.InboxEntries;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent's and approver's work on user tasks, through Flowdesk's own rules rather than Camunda's REST API: list
 * the inbox, show a task's form, claim, release and complete. Completing validates against the task's form on the
 * server and changes ticket, audit history and process state in one transaction.
 */
@Service
public class TaskWork {

    private final TaskService tasks;
    private final HistoryService history;
    private final TicketProgress progress;
    private final TicketAccessPolicy ticketAccess;
    private final TaskAccess taskAccess;
    private final FormCatalog forms;
    private final TaskRows rows;
    private final InboxQuery inboxQuery;
    private final IdentityService identity;
    private final RuntimeService runtime;
    private final InboxEntries inbox;
    private final java.time.Clock clock;

    TaskWork(TaskService tasks, HistoryService history, TicketProgress progress,
             TicketAccessPolicy ticketAccess, TaskAccess taskAccess, FormCatalog forms, TaskRows rows,
             InboxQuery inboxQuery, IdentityService identity, RuntimeService runtime, InboxEntries inbox,
             java.time.Clock clock) {
        this.clock = clock;
        this.identity = identity;
        this.runtime = runtime;
        this.inbox = inbox;
        this.tasks = tasks;
        this.history = history;
        this.progress = progress;
        this.ticketAccess = ticketAccess;
        this.taskAccess = taskAccess;
        this.forms = forms;
        this.rows = rows;
        this.inboxQuery = inboxQuery;
    }

    /** One open task in an inbox. */
    public record TaskView(String id, String name, String taskDefinitionKey, String assignee, Instant created,
                           Instant due, String formKey, String processInstanceId, List<String> candidateGroups,
                           TicketSummary ticket) {
    }

    /** A task's form: the Form.io definition and the values it starts with. */
    public record TaskForm(String taskId, String formKey, int formVersion, JsonNode definition,
                           Map<String, Object> data) {
    }

    /** An inbox page with its entity tag; {@code page} is null when the caller already has this tag. */
    public record TaggedInbox(String tag, PageResponse<TaskView> page) {
    }

    /**
     * The caller's open tasks (filter mine/unassigned/candidate), most urgent first by default (the ticket's
     * priority, then the nearest resolution due date, then the oldest), due, created or newest — with the page's
     * entity tag (the browser polls it): the page's task ids and total, and for those tasks who holds or is offered
     * each (the read model's principals) and their tickets' versions and passed SLA instants. Nothing outside the
     * caller's inbox goes into it. The page's ids are read once, for the tag and the answer; when {@code unchanged}
     * accepts the tag, nothing more is read.
     */
    @Transactional(readOnly = true)
    public TaggedInbox inbox(CurrentUser user, String filter, String sort, int page, int size,
                             java.util.function.Predicate<String> unchanged) {
        requireWorker(user);
        PageResponse.check(page, size);
        InboxQuery.Page ids = inboxQuery.page(filter, sort, user.id(), TaskAccess.candidateGroups(user),
                TenantScope.seesEveryTenant(user) ? null : user.tenant(), page, size);
        String tag = dev.flowdesk.security.EntityTags.of(user, "tasks", filter, sort, page, size, ids.total(),
                ids.taskIds(), inboxQuery.fingerprint(ids.taskIds(), clock.instant()));
        if (unchanged.test(tag)) {
            return new TaggedInbox(tag, null);
        }
        Boolean exact = ids.exact() ? null : Boolean.FALSE;
        if (ids.taskIds().isEmpty()) {
            return new TaggedInbox(tag, new PageResponse<>(List.of(), page, size, ids.total(), exact));
        }
        Map<String, Task> found = new java.util.HashMap<>();
        for (Task task : tasks.createTaskQuery().taskIdIn(ids.taskIds().toArray(String[]::new)).active()
                .initializeFormKeys().list()) {
            found.put(task.getId(), task);
        }
        // a task completed between the two queries is left out of the page, not an error
        List<Task> ordered = ids.taskIds().stream().map(found::get).filter(java.util.Objects::nonNull).toList();
        return new TaggedInbox(tag, new PageResponse<>(rows.of(ordered), page, size, ids.total(), exact));
    }

    /**
     * One open task, as its inbox row shows it, for a user who may work on it. Anyone else, including requesters and
     * designers, gets the same 404 as for an unknown or completed task, so task ids cannot be probed.
     */
    @Transactional(readOnly = true)
    public TaskView task(String taskId, CurrentUser user) {
        Task task = tasks.createTaskQuery().taskId(taskId).active().initializeFormKeys().singleResult();
        if (task == null || !taskAccess.mayWorkOn(task, user)) {
            throw DomainException.notFound("task " + taskId);
        }
        return rows.of(List.of(task)).get(0);
    }

    @Transactional(readOnly = true)
    public TaskForm form(String taskId, CurrentUser user) {
        Task task = workable(taskId, user);
        FormCatalog.CatalogForm form = formOf(task);
        Map<String, Object> data = new java.util.HashMap<>(tasks.getVariablesLocal(task.getId()));
        tasks.getVariables(task.getId()).forEach(data::putIfAbsent);
        data.keySet().retainAll(form.definition().inputKeys());
        data.remove("formVersion");
        return new TaskForm(task.getId(), form.key(), form.version(), form.definition().json(), data);
    }

    @Transactional
    public TaskView claim(String taskId, CurrentUser user) {
        Task task = changeable(taskId, user);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw DomainException.conflict("The task is held by " + task.getAssignee() + ".");
        }
        taskAccess.runAs(user, () -> tasks.claim(taskId, user.id()));
        progress.assign(ticketId(task), user.id(), task.getName(), user);
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    @Transactional
    public TaskView unclaim(String taskId, CurrentUser user) {
        Task task = changeable(taskId, user);
        if (task.getAssignee() == null) {
            return view(task);
        }
        if (!task.getAssignee().equals(user.id()) && !user.isAdmin()) {
            throw DomainException.conflict("The task is held by " + task.getAssignee() + "; only they can release it.");
        }
        taskAccess.runAs(user, () -> tasks.setAssignee(taskId, null));
        progress.assign(ticketId(task), null, task.getName(), user);
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    /**
     * Hands a task to a named agent ({@code assignee}) or to another group ({@code group}), one of the two. The agent
     * must be a candidate of the task (a member of one of its groups, or a candidate user): 400 naming the field
     * otherwise; a group must exist. A task someone else holds is handed on only by its holder or an administrator
     * (409), so the claim stays the lock. Handing a queue's task to another group moves the ticket to that queue.
     */
    @Transactional
    public TaskView assign(String taskId, String assignee, String group, CurrentUser user) {
        Task task = changeable(taskId, user);
        user.requireAny("Only agents hand tasks on.", Role.AGENT);
        boolean toAgent = assignee != null && !assignee.isBlank();
        boolean toGroup = group != null && !group.isBlank();
        if (toAgent == toGroup) {
            throw DomainException.invalid("assignee", "give either an assignee or a group");
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id()) && !user.isAdmin()) {
            throw DomainException.conflict("The task is held by " + task.getAssignee()
                    + "; only they or an administrator hand it on.");
        }
        List<IdentityLink> candidates = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).toList();
        long ticketId = ticketId(task);
        if (toAgent) {
            String target = assignee.strip();
            if (identity.createUserQuery().userId(target).count() == 0) {
                throw DomainException.invalid("assignee", "there is no user '" + target + "'");
            }
            List<String> theirGroups = identity.createGroupQuery().groupMember(target).list().stream()
                    .map(Group::getId).toList();
            boolean candidate = candidates.stream().anyMatch(l -> target.equals(l.getUserId())
                    || (l.getGroupId() != null && theirGroups.contains(l.getGroupId())));
            if (!candidate) {
                throw DomainException.invalid("assignee", target + " is not in the task's groups ("
                        + String.join(", ", candidates.stream().map(l -> l.getGroupId() != null ? l.getGroupId()
                        : l.getUserId()).toList()) + ")");
            }
            if (!target.equals(task.getAssignee())) {
                taskAccess.runAs(user, () -> tasks.setAssignee(taskId, target));
                progress.handOver(ticketId, target, null, task.getName(), user);
            }
        } else {
            String target = group.strip();
            if (identity.createGroupQuery().groupId(target).count() == 0) {
                throw DomainException.invalid("group", "there is no group '" + target + "'");
            }
            Object queue = runtime.getVariable(task.getProcessInstanceId(), "queue");
            boolean queueTask = queue != null && candidates.stream().anyMatch(l -> queue.equals(l.getGroupId()));
            taskAccess.runAs(user, () -> {
                for (IdentityLink link : candidates) {
                    if (link.getGroupId() != null && !link.getGroupId().equals(target)) {
                        tasks.deleteCandidateGroup(taskId, link.getGroupId());
                    }
                }
                tasks.addCandidateGroup(taskId, target);
                if (task.getAssignee() != null) {
                    tasks.setAssignee(taskId, null);
                }
            });
            if (queueTask) {
                // the model offers the queue's later tasks to ${queue}: they follow the ticket to its new queue
                runtime.setVariable(task.getProcessInstanceId(), "queue", target);
                progress.reroute(ticketId, target, user.id());
            }
            progress.handOver(ticketId, null, target, task.getName(), user);
        }
        inbox.taskChanged(taskId); // a candidate change fires no task event
        return view(tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult());
    }

    /** Validates the data against the task's form, records it on the ticket and completes the task. */
    @Transactional
    public void complete(String taskId, JsonNode data, CurrentUser user) {
        Task task = changeable(taskId, user);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw DomainException.conflict("The task is held by " + task.getAssignee() + "; claim it first.");
        }
        FormCatalog.CatalogForm form = formOf(task);
        FormValues values = FormValues.validate(form.definition(), data);
        long ticketId = ticketId(task);
        if (task.getAssignee() == null) {
            taskAccess.runAs(user, () -> tasks.claim(taskId, user.id()));
            progress.assign(ticketId, user.id(), task.getName(), user);
        }
        progress.recordTaskCompletion(ticketId, task.getName(), values.ticketFields(), user);
        taskAccess.runAs(user, () -> tasks.complete(taskId, values.scalarVariables()));
    }

    /**
     * The task if this user may work on it. Unknown ids and tasks of tickets the user may not see answer 404; a task
     * that was already completed answers 409; a visible task the user is no candidate for answers 403.
     */
    private Task workable(String taskId, CurrentUser user) {
        requireWorker(user);
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        if (task == null) {
            HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (done != null && done.getEndTime() != null && taskAccess.mayHaveWorkedOn(done, user)) {
                throw DomainException.conflict("The task was already completed" + (done.getAssignee() == null ? "."
                        : " by " + done.getAssignee() + "."));
            }
            throw DomainException.notFound("task " + taskId);
        }
        if (!taskAccess.mayWorkOn(task, user)) {
            Long ticketId = ticketIdOrNull(task);
            if (ticketId == null || !ticketAccess.maySee(ticketId, user)) {
                throw DomainException.notFound("task " + taskId);
            }
            throw DomainException.refused("You are not a candidate for this task.");
        }
        return task;
    }

    /** As {@link #workable}, for a change: the task's row is held first (see {@link TaskAccess#lockForChange}). */
    private Task changeable(String taskId, CurrentUser user) {
        requireWorker(user);
        taskAccess.lockForChange(taskId);
        return workable(taskId, user);
    }

    private TaskView view(Task task) {
        return rows.of(List.of(task)).get(0);
    }

    /** The task's form in the version pinned when the task was created (the newest one for older tasks). */
    private FormCatalog.CatalogForm formOf(Task task) {
        String key = formKey(task);
        Object pinned = tasks.getVariableLocal(task.getId(), "formVersion");
        return (pinned instanceof Number version ? forms.find(key, version.intValue()) : forms.find(key))
                .orElseThrow(() -> DomainException.notFound("form " + key));
    }

    private String formKey(Task task) {
        String key = FormCatalog.keyOf(task.getFormKey());
        if (key == null) {
            throw DomainException.conflict("Task '" + task.getName() + "' has no Form.io form (formKey formio:<key>).");
        }
        return key;
    }

    private long ticketId(Task task) {
        Long id = ticketIdOrNull(task);
        if (id == null) {
            throw DomainException.conflict("Task '" + task.getName() + "' does not belong to a ticket.");
        }
        return id;
    }

    private Long ticketIdOrNull(Task task) {
        Object id = tasks.getVariable(task.getId(), "ticketId");
        return id instanceof Number n ? n.longValue() : null;
    }

    private static void requireWorker(CurrentUser user) {
        user.requireAny("Only agents and approvers work on tasks.", Role.AGENT, Role.APPROVER);
    }

}
