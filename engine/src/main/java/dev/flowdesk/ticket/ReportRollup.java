package dev.flowdesk.ticket;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's daily roll-up ({@code report_day}, V90): the settled sums of the report's figures per day of
 * creation, tenant, queue, priority, category, channel and type, so that a year's dashboard reads a few thousand
 * rows instead of every ticket of the year. The answer stays exactly the live one:
 * <ul>
 *   <li><b>Changes.</b> Every created or changed ticket marks its day stale ({@code report_day_stale}) in its own
 *       transaction ({@link TicketFiguresListener}), whichever service changed it. Reports compute stale days live
 *       from the ticket table; the job ({@link ReportRollupJob}) recomputes them in batches, one transaction per
 *       batch, and deletes exactly the stale rows it read before recomputing, so a change committed meanwhile stays
 *       marked. (A timestamp watermark on {@code updated_at} would miss changes that do not touch it, and a
 *       transaction that commits after the job read past its timestamp.)</li>
 *   <li><b>Time.</b> Whether a ticket's response or resolution is breached or pending depends on when the report is
 *       read, for the tickets still waiting for it and not closed. The roll-up holds only the settled part
 *       ({@link PeriodFigures.Part#SETTLED}); the waiting part is computed live from the open tickets of the period
 *       ({@code closed_at} is null, indexed) and added.</li>
 *   <li><b>Scope.</b> The roll-up is read only for what its keys (tenant, queue) select exactly: the whole desk, a
 *       tenant, a queue (designers and administrators, {@link TicketAccessScope#tenantSql}), and an agent's queues in
 *       her tenant. An agent's scope is an OR of requester, assignee and queue; sums per queue cannot tell which of
 *       those tickets she requested or holds, so it is split in two disjoint parts
 *       ({@link TicketAccessScope#queuePart}): her queues from the roll-up, and her requests and assigned tickets
 *       outside them computed live (indexed). Never wider than the scope, never a ticket twice.</li>
 *   <li><b>Building.</b> Until the first full build (at the first run of the job after this migration, and again
 *       after {@link #requestRebuild}) reports are computed live. Tickets inserted or changed by SQL past the
 *       application (imports, repairs) are not marked: rebuild after such work.</li>
 * </ul>
 * H2 (the embedded default) runs the same portable SQL.
 */
@Service
@EnableConfigurationProperties(ReportProperties.class)
public class ReportRollup {

    /** Days recomputed per transaction. */
    static final int BATCH_DAYS = 31;
    /** Keeps each IN list well below the drivers' parameter limits. */
    private static final int CHUNK = 1000;
    private static final String COLUMNS = "created_day, tenant, queue, priority, category, channel, type, created,"
            + " resolved, closed, reopened, first_contact, response_seconds, responses, resolution_seconds,"
            + " resolutions, response_met, response_breached, resolution_met, resolution_breached";

    private final NamedParameterJdbcTemplate jdbc;
    private final PeriodFigures figures;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReportProperties properties;

    ReportRollup(NamedParameterJdbcTemplate jdbc, PeriodFigures figures, PlatformTransactionManager transactions,
                 Clock clock, ReportProperties properties) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
    }

    /** What the roll-up holds: when it was built (null: not built, reports are live) and last refreshed. */
    public record State(Instant builtAt, Instant refreshedAt, Long buildMillis, long staleDays) {
    }

    /** What one run did: a full build or the number of stale days recomputed. */
    public record Run(boolean built, int days) {
    }

    public State state() {
        return jdbc.queryForObject("select built_at, refreshed_at, build_millis,"
                + " (select count(distinct created_day) from report_day_stale) stale"
                + " from report_rollup_state where id = 1", Map.of(), (rs, i) -> new State(
                instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), (Long) rs.getObject(3, Long.class),
                rs.getLong(4)));
    }

    /** A ticket created on {@code createdAt} was created or changed in the current transaction. */
    void ticketChanged(Instant createdAt) {
        if (!properties.rollup()) {
            return; // switched off: nothing reads the marks, and switching it on again rebuilds it
        }
        LocalDate day = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // one row per day and transaction; the marks live with the transaction (a REQUIRES_NEW one has its own)
            Marks marks = TransactionSynchronizationManager.getSynchronizations().stream()
                    .filter(Marks.class::isInstance).map(Marks.class::cast).findFirst().orElse(null);
            if (marks == null) {
                marks = new Marks();
                TransactionSynchronizationManager.registerSynchronization(marks);
            }
            if (!marks.days.add(day)) {
                return;
            }
        }
        jdbc.update("insert into report_day_stale (created_day) values (:day)", Map.of("day", day));
    }

    /**
     * The figures' source ({@link PeriodFigures#of}) of the tickets {@code where <inPeriod>} created from
     * {@code start} to {@code end}, from the roll-up rows that {@code rollupScope} (SQL on {@code r}) selects plus
     * the live parts; null when the roll-up cannot answer (not built, or switched off): compute live then. The
     * caller vouches that {@code rollupScope} on the roll-up's keys selects exactly the tickets of its scope.
     */
    String source(LocalDate start, LocalDate end, String rollupScope, String inPeriod, MapSqlParameterSource params) {
        if (!properties.rollup() || jdbc.queryForObject("select built_at from report_rollup_state where id = 1",
                Map.of(), Timestamp.class) == null) {
            return null;
        }
        List<LocalDate> stale = jdbc.queryForList("select distinct created_day from report_day_stale"
                + " where created_day >= :from and created_day < :to", Map.of("from", start, "to", end),
                LocalDate.class);
        params.addValue("fromDay", start).addValue("toDay", end).addValue("staleDays", stale);
        StringBuilder rolled = new StringBuilder("select");
        for (String key : PeriodFigures.KEYS.split(",\\s*")) {
            rolled.append(" r.").append(key).append(",");
        }
        for (String sum : PeriodFigures.SUMS.split(",\\s*")) {
            rolled.append(sum.endsWith("_pending") ? " 0 " + sum : " r." + sum).append(",");
        }
        rolled.setLength(rolled.length() - 1);
        rolled.append(" from report_day r where r.created_day >= :fromDay and r.created_day < :toDay and ")
                .append(rollupScope).append(stale.isEmpty() ? "" : " and r.created_day not in (:staleDays)");
        String staleTickets = days(stale, "stale", params);
        return rolled + (stale.isEmpty() ? "" : " union all " + figures.ticketRows(PeriodFigures.Part.ALL,
                inPeriod + " and (" + staleTickets + ")", false))
                + " union all " + figures.ticketRows(PeriodFigures.Part.UNSETTLED, "t.closed_at is null and "
                + inPeriod + (stale.isEmpty() ? "" : " and not (" + staleTickets + ")"), false);
    }

    /**
     * The job's run: the full build when there is none, else the stale days in batches of {@link #BATCH_DAYS}, one
     * transaction each, until none is left (at most a hundred batches; the next run goes on).
     */
    public Run refresh() {
        int days = 0;
        for (int round = 0; round < 100; round++) {
            int[] batch = transactions.execute(status -> batch());
            if (batch[0] < 0) {
                return new Run(true, 0);
            }
            days += batch[0];
            if (batch[0] < BATCH_DAYS) {
                break;
            }
        }
        return new Run(false, days);
    }

    /** Drops the roll-up's use until the next run of the job has built it anew (reports are live meanwhile). */
    public State requestRebuild() {
        transactions.executeWithoutResult(status -> {
            lock();
            jdbc.update("update report_rollup_state set built_at = null where id = 1", Map.of());
        });
        return state();
    }

    /** One transaction: {-1} after a full build, else the number of stale days recomputed. */
    private int[] batch() {
        Instant now = clock.instant();
        if (lock() == null) {
            long start = System.nanoTime();
            List<Long> ids = jdbc.queryForList("select id from report_day_stale", Map.of(), Long.class);
            jdbc.update("delete from report_day", Map.of());
            insert("1 = 1", new MapSqlParameterSource());
            deleteStale(ids);
            jdbc.update("update report_rollup_state set built_at = :now, refreshed_at = :now, build_millis = :millis"
                    + " where id = 1", new MapSqlParameterSource("now", Timestamp.from(now))
                    .addValue("millis", (System.nanoTime() - start) / 1_000_000));
            return new int[] {-1};
        }
        List<LocalDate> days = jdbc.queryForList("select distinct created_day from report_day_stale"
                + " order by created_day fetch first " + BATCH_DAYS + " rows only", Map.of(), LocalDate.class);
        if (!days.isEmpty()) {
            // the stale rows read before the recomputation: a change committed after this read stays marked
            List<Long> ids = jdbc.queryForList("select id from report_day_stale where created_day in (:days)",
                    Map.of("days", days), Long.class);
            jdbc.update("delete from report_day where created_day in (:days)", Map.of("days", days));
            MapSqlParameterSource params = new MapSqlParameterSource();
            insert(days(days, "day", params), params);
            deleteStale(ids);
        }
        jdbc.update("update report_rollup_state set refreshed_at = :now where id = 1",
                Map.of("now", Timestamp.from(now)));
        return new int[] {days.size()};
    }

    /** Locks the state row for this transaction (runs and rebuilds one at a time, on any node); its built_at. */
    private Timestamp lock() {
        return jdbc.queryForObject("select built_at from report_rollup_state where id = 1 for update", Map.of(),
                Timestamp.class);
    }

    private void insert(String where, MapSqlParameterSource params) {
        jdbc.update("insert into report_day (" + COLUMNS + ") select " + COLUMNS + " from ("
                + figures.ticketRows(PeriodFigures.Part.SETTLED, where, true) + ") x", params);
    }

    private void deleteStale(List<Long> ids) {
        for (int i = 0; i < ids.size(); i += CHUNK) {
            jdbc.update("delete from report_day_stale where id in (:ids)",
                    Map.of("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK))));
        }
    }

    /**
     * SQL on {@code t.created_at} that holds for the tickets created on {@code days} (UTC), as index ranges, one
     * per run of consecutive days; "1 = 0" for none.
     */
    static String days(List<LocalDate> days, String prefix, MapSqlParameterSource params) {
        List<String> ranges = new ArrayList<>();
        List<LocalDate> sorted = days.stream().sorted().distinct().toList();
        for (int i = 0; i < sorted.size(); i++) {
            LocalDate first = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1).equals(sorted.get(i).plusDays(1))) {
                i++;
            }
            int n = ranges.size();
            params.addValue(prefix + "From" + n, Timestamp.from(first.atStartOfDay().toInstant(ZoneOffset.UTC)))
                    .addValue(prefix + "To" + n, Timestamp.from(sorted.get(i).plusDays(1).atStartOfDay()
                            .toInstant(ZoneOffset.UTC)));
            ranges.add("t.created_at >= :" + prefix + "From" + n + " and t.created_at < :" + prefix + "To" + n);
        }
        return ranges.isEmpty() ? "1 = 0" : "(" + String.join(") or (", ranges) + ")";
    }

    /** The days a transaction has marked stale already. */
    private static final class Marks implements TransactionSynchronization {
        final Set<LocalDate> days = new HashSet<>();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
