package dev.flowdesk.approval;

import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ${recordApproval}}: the complete listener of the approval task. Enforces the four-eyes rules whichever API
 * completed the task (a refusal rolls the completion back), then stores the decision and writes it into the ticket
 * history, in the same transaction as the vote.
 */
@Component("recordApproval")
class RecordApproval implements TaskListener {

    private final FourEyes fourEyes;
    private final ApprovalDecisionRepository decisions;
    private final AuditTrail audit;
    private final IdentityService identity;
    private final Clock clock;

    RecordApproval(FourEyes fourEyes, ApprovalDecisionRepository decisions, AuditTrail audit,
                   IdentityService identity, Clock clock) {
        this.fourEyes = fourEyes;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
        this.identity = identity;
    }

    @Override
    public void notify(DelegateTask task) {
        org.springframework.security.core.Authentication signedIn =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        String approver = task.getAssignee() != null ? task.getAssignee() : signedIn == null ? null : signedIn.getName();
        if (approver == null) {
            throw DomainException.refused("An approval must be decided by a signed-in approver.");
        }
        String decision = String.valueOf(task.getVariable("decision")).toUpperCase(Locale.ROOT);
        if (!decision.equals("APPROVE") && !decision.equals("REJECT")) {
            throw DomainException.invalid("decision", "must be APPROVE or REJECT");
        }
        Object comment = task.getVariable("comment");
        long ticketId = ((Number) task.getVariable("ticketId")).longValue();
        User user = identity.createUserQuery().userId(approver).singleResult();
        Object implementer = task.getVariable("implementer");
        fourEyes.refusal(approver, user == null ? null : user.getEmail(), ticketId,
                        implementer == null ? null : implementer.toString(), task.getProcessInstanceId())
                .ifPresent(reason -> {
                    throw DomainException.refused(reason);
                });
        decisions.saveAndFlush(new ApprovalDecision(ticketId, task.getProcessInstanceId(), task.getId(), approver,
                decision, comment == null ? null : comment.toString(), clock.instant()));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("approver", approver);
        after.put("decision", decision);
        after.put("comment", comment);
        after.put("approverGroup", task.getVariable("approverGroup"));
        audit.record(ticketId, approver, AuditEventType.APPROVAL_DECIDED, approver + " decided " + decision
                + (comment == null ? "" : ": " + comment), null, after);
    }
}
