package dev.flowdesk.workflow.delegate;

import dev.flowdesk.scheduledaction.ScheduledActionRunner.ReminderDue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * A scheduled action reminds a ticket's requester (e.g. "waiting for customer for 7 days"): the mail goes through
 * the one notification path in the action's transaction, so it is written once with the action's run row.
 */
@Component
class ScheduledReminderNotice {

    private final Notifications notifications;

    ScheduledReminderNotice(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void remind(ReminderDue due) {
        notifications.send(due.ticketId(), "scheduler", due.template(), "requester",
                Map.of("scheduledAction", due.actionName()), Map.of());
    }
}
