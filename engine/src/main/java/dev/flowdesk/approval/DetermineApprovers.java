package dev.flowdesk.approval;

import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * {@code ${determineApprovers}}: who votes and how many must approve, for the approval fragment. The approver group
 * is the one named on the form ({@code approverGroup} field) or else the rules' {@code Decision.approverGroup};
 * a change gets its CAB quorum (N of M) and emergency CAB, a service request one approver and, when its form names
 * a {@code secondApproverGroup}, a second level.
 */
@Component("determineApprovers")
@EnableConfigurationProperties(ApprovalProperties.class)
class DetermineApprovers implements JavaDelegate {

    private final TicketLookup lookup;
    private final AuditTrail audit;
    private final TicketClassifier classifier;
    private final ApprovalProperties properties;
    private final java.time.Clock clock;

    DetermineApprovers(TicketLookup lookup, AuditTrail audit, TicketClassifier classifier,
                       ApprovalProperties properties, java.time.Clock clock) {
        this.lookup = lookup;
        this.audit = audit;
        this.classifier = classifier;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = ((Number) execution.getVariable("ticketId")).longValue();
        TicketRef ticket = lookup.find(ticketId).orElseThrow();
        Map<String, Object> fields = lookup.fields(ticketId);
        String group = text(fields.get("approverGroup"));
        if (group == null) {
            group = classifier.classify(new TicketFacts(ticket.type(), ticket.subject(), ticket.description(), "API",
                    fields, new TicketFacts.Requester(ticket.requester(), null, null, null, false, null, "STANDARD"),
                    null, null, null, null, null, clock.instant())).decision().approverGroup();
        }
        group = group == null ? properties.defaultApproverGroup() : group;
        boolean change = "CHANGE".equals(ticket.type());
        execution.setVariable("approverGroup", group);
        execution.setVariable("approverCount", change ? properties.cabSize() : 1);
        execution.setVariable("approvalsRequired", change ? properties.cabQuorum() : 1);
        execution.setVariable("emergencyApproverGroup", properties.emergencyGroup());
        execution.setVariable("emergencyApproverCount", properties.emergencySize());
        execution.setVariable("emergencyApprovalsRequired", properties.emergencyQuorum());
        String second = text(fields.get("secondApproverGroup"));
        execution.setVariable("approvalLevels", second == null ? 1 : 2);
        execution.setVariable("secondApproverGroup", second);
        execution.setVariable("secondApproverCount", 1);
        execution.setVariable("secondApprovalsRequired", 1);
        audit.record(ticketId, "rules", AuditEventType.APPROVERS_DETERMINED, (change ? properties.cabQuorum() + " of "
                + properties.cabSize() : "1") + " approval(s) from " + group + (second == null ? "" : ", then " + second), null,
                Map.of("approverGroup", group));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
