package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** For benchmarks: EXPLAIN (ANALYZE, BUFFERS) of the statement {@link TicketSearch} runs for a search. */
public final class TicketSearchExplain {

    private TicketSearchExplain() {
    }

    /**
     * The plan lines of the page statement of {@code GET /api/tickets} with these parameters, as this user, then
     * those of its (capped) count.
     */
    public static List<String> explain(ApplicationContext app, CurrentUser user, Map<String, String> query,
                                       String sort) {
        TicketSearch.Statement statement = app.getBean(TicketSearch.class)
                .statement(user, TicketFilter.from(query), sort, 0, 50, Instant.now());
        NamedParameterJdbcTemplate jdbc = app.getBean(NamedParameterJdbcTemplate.class);
        List<String> lines = new java.util.ArrayList<>();
        lines.add("-- page: " + statement.page());
        lines.add("-- parameters: " + new java.util.TreeMap<>(statement.params().getValues()));
        lines.addAll(jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + statement.page(), statement.params(),
                String.class));
        if (statement.recent() != null) {
            // newest first tries the recent windows first: the first window's statement
            var recent = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource(
                    statement.params().getValues()).addValue("since",
                    java.sql.Timestamp.from(statement.now().minus(TicketSearch.RECENT.get(0))));
            lines.add("-- newest first, the last " + TicketSearch.RECENT.get(0).toDays() + " days: "
                    + statement.recent());
            lines.addAll(jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + statement.recent(), recent,
                    String.class));
        }
        lines.add("-- count:");
        lines.addAll(jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + statement.count(), statement.params(),
                String.class));
        return lines;
    }
}
