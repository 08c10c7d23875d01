package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Satisfaction: the requester rates a resolved ticket once (1 to 5, with an optional comment). A second rating is
 * a 409; the rating is on the ticket's history for agents and the requester. The rating keeps the agent who had the
 * ticket and its queue at that moment, so the reports break satisfaction down per agent and queue even after the
 * ticket is moved or reassigned.
 */
@Service
public class TicketRatings {

    static final int MAX_COMMENT = 2000;

    private final TicketQueries tickets;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    TicketRatings(TicketQueries tickets, JdbcTemplate jdbc, AuditTrail audit, Clock clock) {
        this.tickets = tickets;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public record Rating(long ticketId, int score, String comment, String ratedBy, Instant createdAt, String agent,
                         String queue) {
    }

    @Transactional
    public Rating rate(long ticketId, Integer score, String comment, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user); // 404 unless visible
        if (!user.isRequester(ticket.requester())) {
            throw DomainException.refused("Only the requester rates a ticket.");
        }
        if (ticket.resolvedAt() == null) {
            throw DomainException.conflict("The ticket is not resolved yet; rate it once it is.");
        }
        if (score == null || score < 1 || score > 5) {
            throw DomainException.invalid("score", "must be a whole number from 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw DomainException.invalid("comment", "must be at most " + MAX_COMMENT + " characters");
        }
        if (find(ticketId).isPresent()) {
            throw DomainException.conflict("This ticket has been rated already.");
        }
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO ticket_rating (ticket_id, score, comment, rated_by, created_at, agent, queue)"
                    + " VALUES (?,?,?,?,?,?,?)", ticketId, score, text, user.id(), Timestamp.from(now),
                    ticket.assignee(), ticket.queue());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("This ticket has been rated already.");
        }
        audit.record(ticketId, user.id(), AuditEventType.RATED, "Rated " + score + " of 5", null,
                text == null ? Map.of("score", score) : Map.of("score", score, "comment", text));
        return new Rating(ticketId, score, text, user.id(), now, ticket.assignee(), ticket.queue());
    }

    /** The rating of a ticket the user may see, if it has one. */
    @Transactional(readOnly = true)
    public Optional<Rating> get(long ticketId, CurrentUser user) {
        tickets.get(ticketId, user);
        return find(ticketId);
    }

    private Optional<Rating> find(long ticketId) {
        List<Rating> rows = jdbc.query("SELECT score, comment, rated_by, created_at, agent, queue FROM ticket_rating"
                        + " WHERE ticket_id = ?", (rs, i) -> new Rating(ticketId, rs.getInt(1), rs.getString(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6)), ticketId);
        return rows.stream().findFirst();
    }
}
