package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ${notify}}: tells people about a ticket (inputs {@code template}, {@code recipients}). Until outbound mail
 * exists (a later issue) the notification is recorded in the ticket history, in the process step's transaction, which
 * is where the mail outbox row will be written.
 */
@Component("notify")
class Notify implements JavaDelegate {

    private final AuditTrail audit;

    Notify(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = Actors.text(execution, "template");
        String recipients = Actors.text(execution, "recipients");
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("template", template);
        notification.put("recipients", recipients);
        String reason = Actors.text(execution, "rejectionReason");
        if (template != null && template.endsWith("rejected") && reason != null) {
            notification.put("reason", reason);
        }
        audit.record(Actors.ticketId(execution), Actors.current(), AuditEventType.NOTIFICATION,
                "Notification '" + template + "' to " + recipients, null, notification);
    }
}
