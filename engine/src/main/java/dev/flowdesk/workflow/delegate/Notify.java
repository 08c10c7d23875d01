package dev.flowdesk.workflow.delegate;

import dev.flowdesk.mail.outbound.NotificationMail;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ${notify}}: tells people about a ticket (inputs {@code template}, {@code recipients}). The mail rendered
 * from the named template goes into the outbox in the process step's transaction (see {@link NotificationMail}) and
 * the notification is recorded in the ticket history. A mail that cannot be written (no such template, no address,
 * mail off) is recorded as not sent; it never fails the process, which must not stop for a missing notification.
 */
@Component("notify")
class Notify implements JavaDelegate {

    private final AuditTrail audit;
    private final NotificationMail mail;

    Notify(AuditTrail audit, NotificationMail mail) {
        this.audit = audit;
        this.mail = mail;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = Actors.ticketId(execution);
        String template = Actors.text(execution, "template");
        String recipients = Actors.text(execution, "recipients");
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("template", template);
        notification.put("recipients", recipients);
        String reason = Actors.text(execution, "rejectionReason");
        if (template != null && template.endsWith("rejected") && reason != null) {
            notification.put("reason", reason);
        }
        NotificationMail.Result result = mail.send(ticketId, template, recipients,
                Map.of("reason", reason == null ? "" : reason));
        String summary = "Notification '" + template + "' to " + recipients;
        if (result.notSent() != null) {
            notification.put("mailNotSent", result.notSent());
            summary += ": no mail sent (" + result.notSent() + ")";
        } else {
            notification.put("mailedTo", String.join(",", result.queued()));
            if (!result.withheld().isEmpty()) {
                notification.put("mailWithheld", String.join(",", result.withheld()));
                summary += " (withheld from " + String.join(", ", result.withheld())
                        + ": bounced or too many automatic mails)";
            }
        }
        audit.record(ticketId, Actors.current(), AuditEventType.NOTIFICATION, summary, null, notification);
    }
}
