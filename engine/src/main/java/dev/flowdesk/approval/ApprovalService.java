package dev.flowdesk.approval;

import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.task.TaskAccess;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The approver's use cases: list the votes waiting for me, decide one. A vote is a task of the approval fragment
 * (form {@code formio:approve}); deciding checks the four-eyes rules before anything changes, then claims and
 * completes the task as the approver, which records the decision (see {@link RecordApproval}).
 */
@Service
public class ApprovalService {

    static final String APPROVAL_FORM = "formio:approve";

    private final TaskService tasks;
    private final HistoryService history;
    private final TaskAccess taskAccess;
    private final TicketLookup lookup;
    private final FourEyes fourEyes;

    ApprovalService(TaskService tasks, HistoryService history, TaskAccess taskAccess, TicketLookup lookup,
                    FourEyes fourEyes) {
        this.tasks = tasks;
        this.history = history;
        this.taskAccess = taskAccess;
        this.lookup = lookup;
        this.fourEyes = fourEyes;
    }

    /** A vote waiting for the caller, with what is being approved and where the vote stands. */
    public record PendingApproval(String taskId, String name, Instant created, String approverGroup,
                                  long approvalsRequired, long approverCount, long approvalsGranted,
                                  long approvalsRejected, TicketBrief ticket, boolean mayDecide, String refusal) {
    }

    public record TicketBrief(long id, String number, String type, String subject, String requester,
                              String priority, String status) {
    }

    @Transactional(readOnly = true)
    public List<PendingApproval> pending(CurrentUser user) {
        requireApprover(user);
        List<String> groups = TaskAccess.candidateGroups(user);
        return tasks.createTaskQuery().active().initializeFormKeys()
                .or().taskAssignee(user.id()).taskCandidateGroupIn(groups).taskCandidateUser(user.id()).endOr()
                .orderByTaskCreateTime().asc().listPage(0, 500).stream()
                .filter(t -> APPROVAL_FORM.equals(t.getFormKey()))
                .filter(t -> t.getAssignee() == null || t.getAssignee().equals(user.id()))
                // an approver bound to a tenant votes only on her tenant's tickets
                .filter(t -> TenantScope.seesEveryTenant(user) || taskAccess.mayWorkOn(t, user))
                .map(t -> view(t, user)).toList();
    }

    /** Decides one vote. 404 when the caller cannot see it, 403 with the reason when the four-eyes rules refuse. */
    @Transactional
    public void decide(String taskId, String decision, String comment, CurrentUser user) {
        requireApprover(user);
        taskAccess.lockForChange(taskId);
        Task task = tasks.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
        check(taskId, task, decision, comment, user).ifPresent(refusal -> {
            throw refusal;
        });
        complete(task, decision, comment, user);
    }

    /**
     * Decides the caller's open vote on a ticket, for channels without a sign-in that answer a refusal themselves
     * (mail): the same checks as {@link #decide}, but a refusal is returned rather than thrown, so the channel's own
     * transaction (which records the message) still commits. Returns why nothing was decided, or empty.
     */
    @Transactional
    public Optional<String> decideOnTicket(long ticketId, String decision, String comment, CurrentUser user) {
        if (!user.isAdmin() && !user.isAgent() && !user.has(Role.APPROVER)) {
            return Optional.of("You are not an approver in Flowdesk.");
        }
        Optional<PendingApproval> vote = pending(user).stream()
                .filter(p -> p.ticket() != null && p.ticket().id() == ticketId).findFirst();
        if (vote.isEmpty()) {
            return Optional.of("There is no open approval of this ticket that you may decide.");
        }
        taskAccess.lockForChange(vote.get().taskId());
        Task task = tasks.createTaskQuery().taskId(vote.get().taskId()).initializeFormKeys().singleResult();
        Optional<DomainException> refusal = check(vote.get().taskId(), task, decision, comment, user);
        if (refusal.isPresent()) {
            return Optional.of(refusal.get().getMessage());
        }
        complete(task, decision, comment, user);
        return Optional.empty();
    }

    /** Every check a decision passes before anything changes; the first refusal, or empty. */
    private Optional<DomainException> check(String taskId, Task task, String decision, String comment,
                                            CurrentUser user) {
        String normalized = normalize(decision);
        if (!normalized.equals("APPROVE") && !normalized.equals("REJECT")) {
            return Optional.of(DomainException.invalid("decision", "must be APPROVE or REJECT"));
        }
        if (comment != null && comment.length() > 5000) {
            return Optional.of(DomainException.invalid("comment", "must be at most 5000 characters"));
        }
        if (normalized.equals("REJECT") && (comment == null || comment.isBlank())) {
            return Optional.of(DomainException.invalid("comment", "Please explain why you reject"));
        }
        if (task == null || !APPROVAL_FORM.equals(task.getFormKey())) {
            HistoricTaskInstance done = task != null ? null
                    : history.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
            if (done != null && taskAccess.mayHaveWorkedOn(done, user)) {
                return Optional.of(DomainException.conflict("This vote was already cast or is no longer needed."));
            }
            return Optional.of(DomainException.notFound("approval " + taskId));
        }
        if (!taskAccess.mayWorkOn(task, user)) {
            return Optional.of(DomainException.notFound("approval " + taskId));
        }
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            return Optional.of(DomainException.conflict("This vote is held by " + task.getAssignee() + "."));
        }
        return refusal(task, user).map(DomainException::refused);
    }

    /** Claims and completes the vote as the approver, as Camunda's own API would for a signed-in user. */
    private void complete(Task task, String decision, String comment, CurrentUser user) {
        Map<String, Object> vote = new HashMap<>();
        vote.put("decision", normalize(decision));
        vote.put("comment", comment == null || comment.isBlank() ? null : comment.strip());
        taskAccess.runAs(user, () -> {
            if (task.getAssignee() == null) {
                tasks.claim(task.getId(), user.id());
            }
            tasks.complete(task.getId(), vote);
        });
    }

    private static String normalize(String decision) {
        return decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT);
    }

    private Optional<String> refusal(Task task, CurrentUser user) {
        Object implementer = tasks.getVariable(task.getId(), "implementer");
        return fourEyes.refusal(user.id(), user.email(), ticketId(task),
                implementer == null ? null : implementer.toString(), task.getProcessInstanceId());
    }

    private PendingApproval view(Task task, CurrentUser user) {
        Map<String, Object> vars = tasks.getVariables(task.getId());
        long ticketId = ticketId(task);
        TicketRef ref = lookup.find(ticketId).orElse(null);
        Optional<String> refusal = refusal(task, user);
        return new PendingApproval(task.getId(), task.getName(),
                task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
                (String) vars.get("approverGroup"), number(vars.get("approvalsRequired")),
                number(vars.get("approverCount")), number(vars.get("approvalsGranted")),
                number(vars.get("approvalsRejected")),
                ref == null ? null : new TicketBrief(ref.id(), ref.number(), ref.type(), ref.subject(), ref.requester(),
                        ref.priority(), ref.status()),
                refusal.isEmpty(), refusal.orElse(null));
    }

    private long ticketId(Task task) {
        Object id = tasks.getVariable(task.getId(), "ticketId");
        if (!(id instanceof Number n)) {
            throw DomainException.conflict("Approval '" + task.getName() + "' does not belong to a ticket.");
        }
        return n.longValue();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static void requireApprover(CurrentUser user) {
        user.requireAny("Only approvers and agents decide approvals.", Role.APPROVER, Role.AGENT);
    }
}
