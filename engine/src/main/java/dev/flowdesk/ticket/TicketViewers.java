package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Who else has a ticket open (issue 11, collision detection): the agent's ticket page reports itself every few
 * seconds and learns which other agents did within the last {@link #WINDOW} and who holds the ticket. The rows live
 * in {@code ticket_viewer}, not in memory, so two engine nodes without sticky sessions see each other's agents.
 * Presence is a notice only: the claim stays the lock (a second agent's completion still answers 409).
 * Only agents take part, and only on tickets they may see: anyone else gets the ticket's 404.
 */
@Service
public class TicketViewers {

    /** How long a heartbeat counts; the browser sends one at a third of this. */
    static final Duration WINDOW = Duration.ofSeconds(30);

    /** Another agent with the ticket open, and when their page last reported. */
    public record Viewer(String user, Instant seenAt) {
    }

    /** The other agents viewing the ticket, and who holds it (its assignee, null when nobody). */
    public record Presence(long ticketId, String assignee, List<Viewer> viewers) {
    }

    private final TicketAccessPolicy access;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String upsert;

    TicketViewers(TicketAccessPolicy access, JdbcTemplate jdbc, Clock clock, DataSource dataSource)
            throws SQLException {
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            // one statement either way: two tabs of one agent reporting at once must not fail on the primary key
            this.upsert = postgres
                    ? "INSERT INTO ticket_viewer (ticket_id, user_id, seen_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (ticket_id, user_id) DO UPDATE SET seen_at = EXCLUDED.seen_at"
                    : "MERGE INTO ticket_viewer (ticket_id, user_id, seen_at) KEY (ticket_id, user_id) VALUES (?, ?, ?)";
        }
    }

    /** The caller has the ticket open now; answers who else has. */
    @Transactional
    public Presence seen(long ticketId, CurrentUser user) {
        Ticket ticket = visibleToAgent(ticketId, user);
        Instant now = clock.instant();
        jdbc.update("DELETE FROM ticket_viewer WHERE seen_at < ?", Timestamp.from(now.minus(WINDOW)));
        jdbc.update(upsert, ticketId, user.id(), Timestamp.from(now));
        return presence(ticket, user, now);
    }

    /** Who else has the ticket open, without reporting the caller. */
    @Transactional(readOnly = true)
    public Presence of(long ticketId, CurrentUser user) {
        return presence(visibleToAgent(ticketId, user), user, clock.instant());
    }

    /** The caller closed the ticket's page. */
    @Transactional
    public void left(long ticketId, CurrentUser user) {
        visibleToAgent(ticketId, user);
        jdbc.update("DELETE FROM ticket_viewer WHERE ticket_id = ? AND user_id = ?", ticketId, user.id());
    }

    private Ticket visibleToAgent(long ticketId, CurrentUser user) {
        if (!user.isAgent()) {
            // a requester may see her ticket, but not who of the desk is looking at it: the same 404 as for none
            throw DomainException.notFound("ticket " + ticketId);
        }
        return access.visible(ticketId, user);
    }

    private Presence presence(Ticket ticket, CurrentUser user, Instant now) {
        List<Viewer> others = jdbc.query("SELECT user_id, seen_at FROM ticket_viewer WHERE ticket_id = ?"
                        + " AND user_id <> ? AND seen_at >= ? ORDER BY user_id",
                (rs, i) -> new Viewer(rs.getString(1), rs.getTimestamp(2).toInstant()),
                ticket.getId(), user.id(), Timestamp.from(now.minus(WINDOW)));
        return new Presence(ticket.getId(), ticket.getAssignee(), others);
    }
}
