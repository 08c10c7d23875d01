package dev.flowdesk.ticket;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the tickets created in a report's period, per grouping (queue and priority, category, channel,
 * type, day, and the whole period), all from the same sums. On PostgreSQL one statement reads the period's rows once
 * ({@code GROUPING SETS}): at a million tickets each extra pass over the table cost a second or more. H2 (the
 * embedded default, small desks) has no grouping sets and runs one statement per grouping with the same sums.
 */
final class PeriodFigures {

    /** A grouping of the period's tickets and the SQL of its keys (at most two). */
    enum Grouping {
        SLA("t.queue", "t.priority"), CATEGORY("t.category", null), CHANNEL("t.channel", null), TYPE("t.type", null),
        DAY("cast(t.created_at as date)", null), PERIOD(null, null);

        final String first;
        final String second;

        Grouping(String first, String second) {
            this.first = first;
            this.second = second;
        }
    }

    /** The sums of one group. Seconds are means over the tickets that have both instants. */
    record Sums(String key, String key2, long created, long resolved, long closed, long reopened, long firstContact,
                Double responseSeconds, Double resolutionSeconds, long responseMet, long responseBreached,
                long responsePending, long resolutionMet, long resolutionBreached, long resolutionPending) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean postgres;

    PeriodFigures(NamedParameterJdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** The sums per grouping of the tickets {@code from ticket t where <period>}. */
    Map<Grouping, List<Sums>> of(String period, MapSqlParameterSource params) {
        Map<Grouping, List<Sums>> out = new EnumMap<>(Grouping.class);
        for (Grouping g : Grouping.values()) {
            out.put(g, new ArrayList<>());
        }
        if (postgres) {
            // grouping(...) has one bit per key, set when the row is aggregated over that key
            List<String> keys = List.of("t.queue", "t.priority", "t.category", "t.channel", "t.type",
                    Grouping.DAY.first);
            Map<Integer, Grouping> byBits = Map.of(0b001111, Grouping.SLA, 0b110111, Grouping.CATEGORY,
                    0b111011, Grouping.CHANNEL, 0b111101, Grouping.TYPE, 0b111110, Grouping.DAY,
                    0b111111, Grouping.PERIOD);
            jdbc.query("select " + String.join(", ", keys) + ", grouping(" + String.join(", ", keys) + ") g, "
                    + sums() + period + " group by grouping sets ((t.queue, t.priority), (t.category), (t.channel),"
                    + " (t.type), (" + Grouping.DAY.first + "), ())", params, rs -> {
                        Grouping g = byBits.get(rs.getInt("g"));
                        int first = g == Grouping.SLA ? 1 : g == Grouping.CATEGORY ? 3 : g == Grouping.CHANNEL ? 4
                                : g == Grouping.TYPE ? 5 : 6;
                        out.get(g).add(sums(rs, g == Grouping.PERIOD ? null : rs.getObject(first),
                                g == Grouping.SLA ? rs.getObject(2) : null));
                    });
            return out;
        }
        for (Grouping g : Grouping.values()) {
            String keys = g.first == null ? "" : g.first + (g.second == null ? "" : ", " + g.second);
            jdbc.query("select " + (keys.isEmpty() ? "" : keys + ", ") + sums() + period
                    + (keys.isEmpty() ? "" : " group by " + keys), params, rs -> {
                        out.get(g).add(sums(rs, g.first == null ? null : rs.getObject(1),
                                g.second == null ? null : rs.getObject(2)));
                    });
        }
        return out;
    }

    private static Sums sums(ResultSet rs, Object key, Object key2) throws SQLException {
        return new Sums(key == null ? null : String.valueOf(key), key2 == null ? null : String.valueOf(key2),
                rs.getLong("created"), rs.getLong("resolved"), rs.getLong("closed"), rs.getLong("reopened"),
                rs.getLong("first_contact"), decimal(rs.getObject("response_seconds")),
                decimal(rs.getObject("resolution_seconds")), rs.getLong("response_met"),
                rs.getLong("response_breached"), rs.getLong("response_pending"), rs.getLong("resolution_met"),
                rs.getLong("resolution_breached"), rs.getLong("resolution_pending"));
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    /**
     * The sums. A response is met when the first agent action came by its due date, breached when it came later or
     * has not come and the due date passed while the ticket was open; resolution alike. First contact: resolved,
     * never reopened, never waiting for the customer.
     */
    private String sums() {
        return "count(*) created,"
                + " sum(case when t.resolved_at is not null then 1 else 0 end) resolved,"
                + " sum(case when t.closed_at is not null then 1 else 0 end) closed,"
                + " sum(case when t.reopen_count > 0 then 1 else 0 end) reopened,"
                + " sum(case when t.resolved_at is not null and t.reopen_count = 0 and not t.waited_for_customer"
                + " then 1 else 0 end) first_contact,"
                + " avg(" + seconds("t.created_at", "t.first_responded_at") + ") response_seconds,"
                + " avg(" + seconds("t.created_at", "t.resolved_at") + ") resolution_seconds,"
                + met("t.first_responded_at", "t.first_response_due") + " response_met,"
                + breached("t.first_responded_at", "t.first_response_due") + " response_breached,"
                + pending("t.first_responded_at", "t.first_response_due") + " response_pending,"
                + met("t.resolved_at", "t.resolution_due") + " resolution_met,"
                + breached("t.resolved_at", "t.resolution_due") + " resolution_breached,"
                + pending("t.resolved_at", "t.resolution_due") + " resolution_pending";
    }

    private static String met(String done, String due) {
        return " sum(case when " + due + " is not null and " + done + " is not null and " + done + " <= " + due
                + " then 1 else 0 end)";
    }

    private static String breached(String done, String due) {
        return " sum(case when " + due + " is not null and ((" + done + " is not null and " + done + " > " + due
                + ") or (" + done + " is null and coalesce(t.closed_at, :now) > " + due + ")) then 1 else 0 end)";
    }

    private static String pending(String done, String due) {
        return " sum(case when " + due + " is not null and " + done + " is null and t.closed_at is null and "
                + due + " >= :now then 1 else 0 end)";
    }

    /** Seconds from {@code start} to {@code end} in this database's SQL. */
    private String seconds(String start, String end) {
        return postgres ? "extract(epoch from (" + end + " - " + start + "))"
                : "datediff('SECOND', " + start + ", " + end + ")";
    }
}
