package dev.flowdesk.workflow.delegate;

import dev.flowdesk.mail.outbound.NotificationMail;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one notification path of the process steps: the mail rendered from a template goes into the outbox in the
 * step's transaction ({@link NotificationMail}), and the notification — mailed, withheld (bounces, rate limit) or not
 * sent (no template, no address, mail off) — is recorded in the ticket history. A missing notification never fails a
 * process.
 */
@Component
class Notifications {

    private final AuditTrail audit;
    private final NotificationMail mail;

    Notifications(AuditTrail audit, NotificationMail mail) {
        this.audit = audit;
        this.mail = mail;
    }

    /**
     * @param details what the history shows besides template and recipients
     * @param values  extra template values (e.g. {@code reason})
     */
    void send(long ticketId, String actor, String template, String recipients, Map<String, ?> details,
              Map<String, String> values) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("template", template);
        notification.put("recipients", recipients);
        notification.putAll(details);
        NotificationMail.Result result = mail.send(ticketId, template, recipients, values);
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
        audit.record(ticketId, actor, AuditEventType.NOTIFICATION, summary, null, notification);
    }
}
