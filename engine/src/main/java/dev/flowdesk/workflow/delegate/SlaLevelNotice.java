package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketEvents.SlaLevelChanged;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A ticket turned YELLOW, RED or BREACHED: the assignee (or, while nobody has the ticket, its queue) gets the
 * {@code sla-warning} or {@code sla-breach} mail through the one notification path, and the ticket's process gets
 * the {@code SlaLevelChanged} message with the variable {@code slaLevel} when it waits for one (a receive task, a
 * boundary or event-subprocess message event); models that do not wait for it are left alone. Both happen in the
 * transaction that announces the level, so they happen once with it.
 */
@Component
class SlaLevelNotice {

    static final String MESSAGE = "SlaLevelChanged";

    private final Notifications notifications;
    private final RuntimeService runtime;

    SlaLevelNotice(Notifications notifications, RuntimeService runtime) {
        this.notifications = notifications;
        this.runtime = runtime;
    }

    @EventListener
    void changed(SlaLevelChanged event) {
        String recipient = event.assignee() != null ? event.assignee() : event.queue();
        notifications.send(event.ticketId(), "sla", "BREACHED".equals(event.to()) ? "sla-breach" : "sla-warning",
                recipient, Map.of("slaLevel", event.to()), Map.of("level", event.to(), "previousLevel", event.from()));
        if (event.processInstanceId() != null && runtime.createEventSubscriptionQuery()
                .processInstanceId(event.processInstanceId()).eventType("message").eventName(MESSAGE).count() > 0) {
            runtime.createMessageCorrelation(MESSAGE).processInstanceId(event.processInstanceId())
                    .setVariable("slaLevel", event.to()).correlateAll();
        }
    }
}
