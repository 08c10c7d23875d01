package dev.flowdesk.workflow.delegate;

import dev.flowdesk.mail.outbound.NotificationMail;
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

    private final Notifications notifications;

    Notify(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String template = Actors.text(execution, "template");
        String reason = Actors.text(execution, "rejectionReason");
        Map<String, Object> details = new LinkedHashMap<>();
        if (template != null && template.endsWith("rejected") && reason != null) {
            details.put("reason", reason);
        }
        notifications.send(Actors.ticketId(execution), Actors.current(), template,
                Actors.text(execution, "recipients"), details, Map.of("reason", reason == null ? "" : reason));
    }
}
