package dev.flowdesk.asset;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A problem lists the incidents of its CIs: every incident, open or closed, linked to any configuration item the
 * problem is linked to, newest first, one page at a time. The problem is read through the ticket access scope (404
 * outside it), and the incidents are filtered by the same scope in the query itself ({@link
 * TicketAccessPolicy#scopeSql}), so a page and its total never count a ticket the caller may not read. Unlike the
 * CAB's impact analysis nothing is widened here: investigating a problem is reading tickets, not weighing a change.
 */
@Service
public class ProblemIncidents {

    private static final String FROM = " FROM ticket t WHERE t.type = 'INCIDENT' AND t.id <> :problem"
            + " AND EXISTS (SELECT 1 FROM ticket_asset i JOIN ticket_asset p ON p.asset_id = i.asset_id"
            + " WHERE i.ticket_id = t.id AND p.ticket_id = :problem) AND ";

    private final NamedParameterJdbcTemplate jdbc;
    private final TicketQueries queries;
    private final TicketAccessPolicy access;

    ProblemIncidents(NamedParameterJdbcTemplate jdbc, TicketQueries queries, TicketAccessPolicy access) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public PageResponse<TicketSummary> of(long problemId, int page, int size, CurrentUser actor) {
        PageResponse.check(page, size);
        String type = queries.get(problemId, actor).type(); // 404 outside the caller's scope
        if (!"PROBLEM".equals(type)) {
            throw DomainException.invalid("id", "ticket " + problemId + " is a " + type + ", not a problem");
        }
        MapSqlParameterSource params = new MapSqlParameterSource("problem", problemId);
        String where = FROM + access.scopeSql(actor, params);
        Long total = jdbc.queryForObject("SELECT count(*)" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Long> ids = jdbc.queryForList("SELECT t.id" + where
                + " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit OFFSET :offset", params, Long.class);
        Map<Long, TicketSummary> summaries = queries.summaries(ids);
        return new PageResponse<>(ids.stream().map(summaries::get).filter(Objects::nonNull).toList(), page, size,
                total == null ? 0 : total);
    }
}
