package dev.flowdesk.conversation;

import dev.flowdesk.ticket.TicketEvents.TicketsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A merged ticket's conversation moves to the ticket it was merged into, in the merge's transaction. */
@Component
class ArticlesFollowMerges {

    private final JdbcTemplate jdbc;

    ArticlesFollowMerges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TicketsMerged merged) {
        jdbc.update("UPDATE article SET ticket_id = ? WHERE ticket_id = ?", merged.targetId(), merged.sourceId());
    }
}
