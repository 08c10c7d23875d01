package dev.flowdesk.ticket;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * For benchmarks: EXPLAIN (ANALYZE, BUFFERS) of the statement {@link TicketReports} runs for the period's figures of
 * the whole desk (a designer or administrator without a tenant, no queue), from the roll-up when it is built.
 */
public final class ReportExplain {

    private ReportExplain() {
    }

    /** The plan lines of the desk-wide figures statement for tickets created from {@code from} to {@code to}. */
    public static List<String> explain(ApplicationContext app, LocalDate from, LocalDate to) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("to", Timestamp.from(to.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("now", Timestamp.from(Instant.now()));
        String inPeriod = "t.created_at >= :from and t.created_at < :to and 1 = 1";
        String source = app.getBean(ReportRollup.class).source(from, to, "1 = 1", inPeriod, params);
        if (source == null) {
            source = app.getBean(PeriodFigures.class).ticketRows(PeriodFigures.Part.ALL, inPeriod, false);
        }
        return app.getBean(NamedParameterJdbcTemplate.class).queryForList("EXPLAIN (ANALYZE, BUFFERS) "
                + PeriodFigures.groupingSets(source), params, String.class);
    }
}
