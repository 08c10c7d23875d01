package dev.flowdesk.workflow.delegate;

import dev.flowdesk.approval.ApprovalEvents.ApprovalEscalated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;

/** An overdue approval: its deputies get the {@code approval-overdue} mail, through the one notification path. */
@Component
class ApprovalEscalationNotice {

    private final Notifications notifications;

    ApprovalEscalationNotice(Notifications notifications) {
        this.notifications = notifications;
    }

    @EventListener
    void escalated(ApprovalEscalated event) {
        notifications.send(event.ticketId(), "system", "approval-overdue", event.deputyGroup(),
                Map.of("openVotes", event.openVotes()),
                Map.of("openVotes", String.valueOf(event.openVotes()), "approverGroup", event.approverGroup()));
    }
}
