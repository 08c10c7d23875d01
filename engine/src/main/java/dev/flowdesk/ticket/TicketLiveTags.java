package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.EntityTags;
import dev.flowdesk.web.PageResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Entity tags for the ticket list and the ticket page, so that the browser's short polling costs a small aggregate
 * and a {@code 304} while nothing changed (issue 11, live updates). Each tag is computed inside the caller's
 * {@link TicketAccessScope}: a list's tag from the rows the list itself would show, a ticket's tag only after the
 * same 404 check as the page and from what the caller sees of it (a requester's tag counts public articles and the
 * events meant for her, so an internal note does not change it). Callers compute the tag <em>before</em> the
 * answer: a change in between makes the answer newer than its tag, and the next poll fetches again, never the
 * reverse.
 */
@Service
public class TicketLiveTags {

    private static final List<String> REQUESTER_EVENTS = Arrays.stream(AuditEventType.values())
            .filter(AuditEventType::requesterVisible).map(Enum::name).toList();

    private final TicketAccessPolicy access;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    TicketLiveTags(TicketAccessPolicy access, JdbcTemplate jdbc, Clock clock) {
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The tag of an answer of {@code GET /api/tickets}: a digest of the answer itself (every summary holds the
     * ticket's last change and SLA level, plus the total and whether it is exact), so it is exact by construction
     * and costs no statement of its own; a second pass over the rows in scope cost as much as the list at a million
     * tickets.
     */
    public String list(CurrentUser user, TicketFilter filter, String sort, PageResponse<?> answer) {
        return EntityTags.of(user, "tickets", filter, sort, answer);
    }

    /** The tag of {@code GET /api/tickets/{id}}; 404 for a ticket the caller may not see, as the page itself. */
    @Transactional(readOnly = true)
    public String ticket(long id, CurrentUser user) {
        Ticket ticket = access.visible(id, user);
        String events;
        String articles;
        if (user.isAgent()) {
            events = facts("SELECT count(*), max(id) FROM audit_event WHERE ticket_id = ?", id);
            articles = facts("SELECT count(*), max(id) FROM article WHERE ticket_id = ?", id);
        } else {
            String types = String.join(",", REQUESTER_EVENTS.stream().map(t -> "'" + t + "'").toList());
            events = facts("SELECT count(*), max(id) FROM audit_event WHERE ticket_id = ? AND type IN (" + types
                    + ")", id);
            articles = facts("SELECT count(*), max(id) FROM article WHERE ticket_id = ? AND visibility = 'PUBLIC'",
                    id);
        }
        return EntityTags.of(user, "ticket", id, ticket.getVersion(), ticket.getUpdatedAt(),
                TicketSla.levelOf(ticket, clock.instant()), events, articles);
    }

    private String facts(String sql, long id) {
        return jdbc.query(sql, rs -> rs.next() ? rs.getString(1) + "/" + rs.getString(2) : "", id);
    }
}
