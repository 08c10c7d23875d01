package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * For benchmarks: EXPLAIN (ANALYZE, BUFFERS) of the statements {@link TicketReports} runs for the period's figures,
 * from the roll-up when it is built: the whole desk's (a designer or administrator without a tenant), or an agent's
 * (her queues from the roll-up, the rest of her scope live), and the agent's backlog.
 */
public final class ReportExplain {

    private ReportExplain() {
    }

    /** The plan lines of the desk-wide figures statement for tickets created from {@code from} to {@code to}. */
    public static List<String> explain(ApplicationContext app, LocalDate from, LocalDate to) {
        MapSqlParameterSource params = params(from, to);
        String inPeriod = "t.created_at >= :from and t.created_at < :to and 1 = 1";
        String source = app.getBean(ReportRollup.class).source(from, to, "1 = 1", inPeriod, params);
        if (source == null) {
            source = app.getBean(PeriodFigures.class).ticketRows(PeriodFigures.Part.ALL, inPeriod, false);
        }
        return plan(app, PeriodFigures.groupingSets(source), params);
    }

    /** The plan lines of an agent's figures statement, then of her backlog's. */
    public static List<String> explain(ApplicationContext app, CurrentUser agent, LocalDate from, LocalDate to) {
        MapSqlParameterSource params = params(from, to);
        String scope = TicketAccessScope.sql(agent, params);
        TicketAccessScope.QueuePart part = TicketAccessScope.queuePart(agent, params);
        String period = "t.created_at >= :from and t.created_at < :to and ";
        String source = app.getBean(ReportRollup.class).source(from, to, part.onRollup(),
                period + part.onTickets(), params) + " union all " + app.getBean(PeriodFigures.class)
                .ticketRows(PeriodFigures.Part.ALL, period + "(" + part.rest() + ")", false);
        List<String> lines = new ArrayList<>(plan(app, PeriodFigures.groupingSets(source), params));
        lines.add("-- backlog:");
        lines.addAll(plan(app, "select count(*), sum(case when t.created_at >= :from then 1 else 0 end)"
                + " from ticket t where t.resolved_at is null and t.closed_at is null and " + scope, params));
        return lines;
    }

    private static MapSqlParameterSource params(LocalDate from, LocalDate to) {
        return new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("to", Timestamp.from(to.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("now", Timestamp.from(Instant.now()));
    }

    private static List<String> plan(ApplicationContext app, String sql, MapSqlParameterSource params) {
        return app.getBean(NamedParameterJdbcTemplate.class).queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql,
                params, String.class);
    }
}
