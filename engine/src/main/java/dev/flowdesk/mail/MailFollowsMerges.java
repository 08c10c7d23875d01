package dev.flowdesk.mail;

import dev.flowdesk.ticket.TicketEvents.TicketsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When tickets are merged, the source's watchers watch the target, the source's mail requester becomes one too (so
 * their replies are accepted there), and the Message-IDs sent and received for the source point at the target, so a
 * reply to an old mail of the merged ticket threads into the ticket it was merged into.
 */
@Component
class MailFollowsMerges {

    private final JdbcTemplate jdbc;

    MailFollowsMerges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TicketsMerged merged) {
        long source = merged.sourceId();
        long target = merged.targetId();
        jdbc.update("INSERT INTO mail_watcher (ticket_id, address) SELECT ?, w.address FROM mail_watcher w"
                + " WHERE w.ticket_id = ? AND NOT EXISTS (SELECT 1 FROM mail_watcher x WHERE x.ticket_id = ?"
                + " AND x.address = w.address)", target, source, target);
        jdbc.update("INSERT INTO mail_watcher (ticket_id, address) SELECT ?, lower(t.requester_address)"
                + " FROM mail_thread t WHERE t.ticket_id = ? AND t.requester_address IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM mail_watcher x WHERE x.ticket_id = ? AND x.address = lower(t.requester_address))"
                + " AND NOT EXISTS (SELECT 1 FROM mail_thread o WHERE o.ticket_id = ?"
                + " AND lower(o.requester_address) = lower(t.requester_address))",
                target, source, target, target);
        jdbc.update("DELETE FROM mail_watcher WHERE ticket_id = ?", source);
        jdbc.update("UPDATE mail_message SET ticket_id = ? WHERE ticket_id = ?", target, source);
    }
}
