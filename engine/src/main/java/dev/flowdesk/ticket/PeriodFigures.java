package dev.flowdesk.ticket;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of the tickets created in a report's period, per grouping (queue and priority, category, channel,
 * type, day, and the whole period), all from the same sums. The sums come in two steps: a <em>source</em> of rows
 * already summed per (day, queue, priority, category, channel, type), either straight from the ticket table
 * ({@link #ticketRows}) or from the daily roll-up ({@code ReportRollup}) plus ticket rows, and the groupings over that
 * source ({@link #of}). Live and roll-up paths share the per-ticket sums below, so they cannot disagree.
 * <p>
 * On PostgreSQL one statement groups the source once ({@code GROUPING SETS}); H2 (the embedded default, small
 * desks) has no grouping sets and runs one statement per grouping. Durations are summed with their count (not
 * averaged), so that sums of days and of parts combine exactly into the period's mean.
 */
@Component
class PeriodFigures {

    /** The source's key columns, in this order (the day is the UTC date of creation: periods are UTC days). */
    static final String KEYS = "created_day, queue, priority, category, channel, type";

    /** The source's sum columns, in this order. */
    static final String SUMS = "created, resolved, closed, reopened, first_contact, response_seconds, responses,"
            + " resolution_seconds, resolutions, response_met, response_breached, response_pending, resolution_met,"
            + " resolution_breached, resolution_pending";

    /** A grouping of the period's tickets and the source columns of its keys (at most two). */
    enum Grouping {
        SLA("queue", "priority"), CATEGORY("category", null), CHANNEL("channel", null), TYPE("type", null),
        DAY("created_day", null), PERIOD(null, null);

        final String first;
        final String second;

        Grouping(String first, String second) {
            this.first = first;
            this.second = second;
        }
    }

    /**
     * Which part of the figures a ticket row contributes. Only the SLA counts of tickets that are still waiting for
     * their response or resolution (and not closed) depend on the time of the report: breached once the due date has
     * passed, pending before. Everything else of a ticket is settled until the ticket changes.
     */
    enum Part {
        /** Every figure as of {@code :now}: the live computation. */
        ALL,
        /** What does not change with time alone: breached only when decided, nothing pending (the roll-up). */
        SETTLED,
        /**
         * The rest: the breached and pending counts of the still waiting, as of {@code :now}; all else zero. Summed
         * per queue and priority only (no day, category, channel or type): no other grouping reports them.
         */
        UNSETTLED
    }

    /**
     * The sums of one group. Durations are total seconds with the number of tickets that have them; the SLA counts
     * are meaningful per queue and priority and for the whole period.
     */
    record Sums(String key, String key2, long created, long resolved, long closed, long reopened, long firstContact,
                BigDecimal responseSeconds, long responses, BigDecimal resolutionSeconds, long resolutions,
                long responseMet, long responseBreached, long responsePending, long resolutionMet,
                long resolutionBreached, long resolutionPending) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean postgres;

    PeriodFigures(NamedParameterJdbcTemplate jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
        }
    }

    /** The UTC date of a ticket's creation, in SQL (PostgreSQL and H2 alike). */
    static String day(String alias) {
        return "cast(" + alias + ".created_at at time zone 'UTC' as date)";
    }

    /**
     * A source: the tickets {@code from ticket t where <where>} summed per key ({@link #KEYS}, preceded by the tenant
     * when {@code tenant}), counting {@code part} of their figures.
     */
    String ticketRows(Part part, String where, boolean tenant) {
        if (part == Part.UNSETTLED && !tenant) {
            // only the SLA grouping (and the period) reports these counts: summed per queue and priority, without
            // hashing every open ticket's day, category, channel and type; the other groupings skip null keys
            return "select cast(null as date) created_day, t.queue, t.priority, cast(null as varchar(60)) category,"
                    + " cast(null as varchar(20)) channel, cast(null as varchar(30)) type, " + sums(part)
                    + " from ticket t where " + where + " group by t.queue, t.priority";
        }
        String keys = day("t") + ", " + (tenant ? "t.tenant, " : "") + "t.queue, t.priority, t.category, t.channel,"
                + " t.type";
        return "select " + day("t") + " created_day, " + (tenant ? "t.tenant, " : "") + "t.queue, t.priority,"
                + " t.category, t.channel, t.type, " + sums(part) + " from ticket t where " + where + " group by "
                + keys;
    }

    /** The sums per grouping of a source ({@link #KEYS} and {@link #SUMS} columns, several rows per key allowed). */
    Map<Grouping, List<Sums>> of(String source, MapSqlParameterSource params) {
        Map<Grouping, List<Sums>> out = new EnumMap<>(Grouping.class);
        for (Grouping g : Grouping.values()) {
            out.put(g, new ArrayList<>());
        }
        String from = " from (" + source + ") s";
        if (postgres) {
            // grouping(...) has one bit per key, set when the row is aggregated over that key
            Map<Integer, Grouping> byBits = Map.of(0b001111, Grouping.SLA, 0b110111, Grouping.CATEGORY,
                    0b111011, Grouping.CHANNEL, 0b111101, Grouping.TYPE, 0b111110, Grouping.DAY,
                    0b111111, Grouping.PERIOD);
            jdbc.query(groupingSets(source), params, rs -> {
                        Grouping g = byBits.get(rs.getInt("g"));
                        int first = g == Grouping.SLA ? 1 : g == Grouping.CATEGORY ? 3 : g == Grouping.CHANNEL ? 4
                                : g == Grouping.TYPE ? 5 : 6;
                        Object key = g == Grouping.PERIOD ? null : rs.getObject(first);
                        if (g == Grouping.PERIOD || key != null) {
                            out.get(g).add(sums(rs, key, g == Grouping.SLA ? rs.getObject(2) : null));
                        }
                    });
            return out;
        }
        for (Grouping g : Grouping.values()) {
            String keys = g.first == null ? "" : "s." + g.first + (g.second == null ? "" : ", s." + g.second);
            jdbc.query("select " + (keys.isEmpty() ? "" : keys + ", ") + totals() + from
                    + (keys.isEmpty() ? "" : " group by " + keys), params, rs -> {
                        Object key = g.first == null ? null : rs.getObject(1);
                        if (g.first == null || key != null) {
                            out.get(g).add(sums(rs, key, g.second == null ? null : rs.getObject(2)));
                        }
                    });
        }
        return out;
    }

    /** PostgreSQL's one statement over a source: every grouping at once, told apart by {@code g}. */
    static String groupingSets(String source) {
        String keys = "s.queue, s.priority, s.category, s.channel, s.type, s.created_day";
        return "select " + keys + ", grouping(" + keys + ") g, " + totals() + " from (" + source + ") s"
                + " group by grouping sets ((s.queue, s.priority), (s.category), (s.channel), (s.type),"
                + " (s.created_day), ())";
    }

    private static String totals() {
        StringBuilder sql = new StringBuilder();
        for (String column : SUMS.split(",\\s*")) {
            sql.append(sql.isEmpty() ? "" : ", ").append("sum(s.").append(column).append(") ").append(column);
        }
        return sql.toString();
    }

    private static Sums sums(ResultSet rs, Object key, Object key2) throws SQLException {
        return new Sums(key == null ? null : String.valueOf(key), key2 == null ? null : String.valueOf(key2),
                rs.getLong("created"), rs.getLong("resolved"), rs.getLong("closed"), rs.getLong("reopened"),
                rs.getLong("first_contact"), decimal(rs.getBigDecimal("response_seconds")), rs.getLong("responses"),
                decimal(rs.getBigDecimal("resolution_seconds")), rs.getLong("resolutions"),
                rs.getLong("response_met"), rs.getLong("response_breached"), rs.getLong("response_pending"),
                rs.getLong("resolution_met"), rs.getLong("resolution_breached"), rs.getLong("resolution_pending"));
    }

    private static BigDecimal decimal(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /**
     * The per-ticket sums of {@code part}. A response is met when the first agent action came by its due date,
     * breached when it came later or has not come and the due date passed while the ticket was open; resolution
     * alike. First contact: resolved, never reopened, never waiting for the customer.
     */
    private String sums(Part part) {
        boolean settled = part != Part.UNSETTLED;
        String none = "0";
        return (settled ? "count(*)" : none) + " created,"
                + (settled ? count("t.resolved_at is not null") : none) + " resolved,"
                + (settled ? count("t.closed_at is not null") : none) + " closed,"
                + (settled ? count("t.reopen_count > 0") : none) + " reopened,"
                + (settled ? count("t.resolved_at is not null and t.reopen_count = 0 and not t.waited_for_customer")
                        : none) + " first_contact,"
                + (settled ? "coalesce(sum(" + seconds("t.created_at", "t.first_responded_at") + "), 0)" : none)
                + " response_seconds,"
                + (settled ? "count(t.first_responded_at)" : none) + " responses,"
                + (settled ? "coalesce(sum(" + seconds("t.created_at", "t.resolved_at") + "), 0)" : none)
                + " resolution_seconds,"
                + (settled ? "count(t.resolved_at)" : none) + " resolutions,"
                + (settled ? met("t.first_responded_at", "t.first_response_due") : none) + " response_met,"
                + breached(part, "t.first_responded_at", "t.first_response_due") + " response_breached,"
                + (part == Part.SETTLED ? none : pending("t.first_responded_at", "t.first_response_due"))
                + " response_pending,"
                + (settled ? met("t.resolved_at", "t.resolution_due") : none) + " resolution_met,"
                + breached(part, "t.resolved_at", "t.resolution_due") + " resolution_breached,"
                + (part == Part.SETTLED ? none : pending("t.resolved_at", "t.resolution_due")) + " resolution_pending";
    }

    private static String count(String condition) {
        return " sum(case when " + condition + " then 1 else 0 end)";
    }

    private static String met(String done, String due) {
        return count(due + " is not null and " + done + " is not null and " + done + " <= " + due);
    }

    /** Late, or never done and the due date passed while open: by closing (settled) or by now (still waiting). */
    private static String breached(Part part, String done, String due) {
        String late = done + " is not null and " + done + " > " + due;
        String closedLate = done + " is null and t.closed_at is not null and t.closed_at > " + due;
        String waitingPast = done + " is null and t.closed_at is null and :now > " + due;
        String when = switch (part) {
            case ALL -> late + ") or (" + closedLate + ") or (" + waitingPast;
            case SETTLED -> late + ") or (" + closedLate;
            case UNSETTLED -> waitingPast;
        };
        return count(due + " is not null and ((" + when + "))");
    }

    private static String pending(String done, String due) {
        return count(due + " is not null and " + done + " is null and t.closed_at is null and " + due + " >= :now");
    }

    /** Seconds from {@code start} to {@code end} in this database's SQL, exact (numeric) so that sums add up. */
    private String seconds(String start, String end) {
        return postgres ? "cast(extract(epoch from (" + end + " - " + start + ")) as numeric)"
                : "datediff('SECOND', " + start + ", " + end + ")";
    }
}
