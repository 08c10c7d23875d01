package dev.flowdesk.attachment;

import dev.flowdesk.ticket.TicketEvents.TicketsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A merged ticket's files move with its conversation, so they stay readable within the target's scope. */
@Component
class AttachmentsFollowMerges {

    private final JdbcTemplate jdbc;

    AttachmentsFollowMerges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TicketsMerged merged) {
        jdbc.update("UPDATE attachment SET ticket_id = ? WHERE ticket_id = ?", merged.targetId(), merged.sourceId());
    }
}
