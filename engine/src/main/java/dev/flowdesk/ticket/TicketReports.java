package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The desk's figures for a period, computed by SQL aggregates over the ticket table (its indexed created_at; never
 * by loading tickets): volume by category, channel, type and day; SLA compliance of response and resolution per
 * queue and priority; mean time to respond and to resolve; reopen and first-contact-resolution rates; the open
 * backlog by age and queue; satisfaction. Agents see the figures of the tickets they may see (the one access scope,
 * {@link TicketAccessScope}); designers and administrators, who own the processes, see the whole desk (a designer
 * bound to a tenant: the whole of her tenant, {@link TicketAccessScope#tenantSql}); requesters
 * see no reports. The figures of tickets created in the period come from the daily roll-up ({@link ReportRollup})
 * where its keys select exactly what the caller's scope holds (designers and administrators: the desk, a tenant, a
 * queue; agents: their queues, {@link TicketAccessScope#queuePart}), plus what it does not hold, computed live: the
 * stale days, the SLA counts that depend on the time of the report, and an agent's requests and assigned tickets
 * outside her queues. Either way the answer is the one computed from the tickets alone.
 *
 * <p>Definitions: a response is met when an agent first acted on the ticket (took it, or answered the requester
 * publicly) by its response due date, and breached when that came later or has not come and the due date passed
 * while the ticket was open; resolution alike with the resolution time (the last one, after reopenings). A ticket
 * closed (withdrawn, rejected) before a due date counts neither way. First-contact resolution: resolved, never
 * reopened, and never waiting for the customer.
 */
@Service
public class TicketReports {

    /** At most two years per report: the aggregates read the period's rows. */
    static final Duration MAX_PERIOD = Duration.ofDays(731);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final PeriodFigures figures;
    private final ReportRollup rollup;
    private final CustomPlans customPlans;

    TicketReports(NamedParameterJdbcTemplate jdbc, Clock clock, PeriodFigures figures, ReportRollup rollup,
                  CustomPlans customPlans) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.figures = figures;
        this.rollup = rollup;
        this.customPlans = customPlans;
    }

    public record Count(String key, long count) {
    }

    public record SlaRow(String queue, String priority, long responseMet, long responseBreached,
                         long responsePending, long resolutionMet, long resolutionBreached, long resolutionPending) {
    }

    public record Totals(long created, long resolved, long closed, long reopened, Double reopenRate,
                         long firstContactResolved, Double firstContactRate, Double meanResponseMinutes,
                         Double meanResolutionMinutes, Double responseCompliance, Double resolutionCompliance) {
    }

    public record Backlog(long total, List<Count> byAge, List<Count> byQueue) {
    }

    /**
     * The ratings given in the period: their number, mean and distribution, and per agent (who had the ticket when it
     * was rated; empty key: nobody) and per queue, each with its count and mean.
     */
    public record Satisfaction(long count, Double mean, List<Count> byScore, List<RatingGroup> byAgent,
                               List<RatingGroup> byQueue) {
    }

    public record RatingGroup(String key, long count, Double mean) {
    }

    public record Overview(LocalDate from, LocalDate to, String queue, Instant computedAt, Totals totals,
                           List<SlaRow> sla, List<Count> byCategory, List<Count> byChannel, List<Count> byType,
                           List<Count> byDay, Backlog backlog, Satisfaction satisfaction, TimeSpent time) {
    }

    /** Work time recorded in the period on tickets in scope: total, by activity and by queue (minutes). */
    public record TimeSpent(long totalMinutes, List<Count> byActivity, List<Count> byQueue) {
    }

    /**
     * The figures of tickets created from {@code from} (inclusive) to {@code to} (exclusive), UTC days. One snapshot
     * (repeatable read) for all its statements, so that the roll-up, its stale days and the live parts agree.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Overview overview(LocalDate from, LocalDate to, String queue, CurrentUser user) {
        return overview(from, to, queue, user, true);
    }

    /** The overview, from the roll-up where it can answer when {@code useRollup}, else from the tickets alone. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Overview overview(LocalDate from, LocalDate to, String queue, CurrentUser user, boolean useRollup) {
        user.requireAny("Reports are for agents, designers and administrators.", Role.AGENT, Role.DESIGNER);
        LocalDate end = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1) : to;
        LocalDate start = from == null ? end.minusDays(30) : from;
        if (!start.isBefore(end)) {
            throw DomainException.invalid("from", "must be before to");
        }
        if (Duration.between(start.atStartOfDay(), end.atStartOfDay()).compareTo(MAX_PERIOD) > 0) {
            throw DomainException.invalid("to", "a report covers at most two years");
        }
        if (queue != null && queue.length() > 64) {
            throw DomainException.invalid("queue", "must be at most 64 characters");
        }
        customPlans.forThisTransaction(); // period and scope are parameters: see CustomPlans
        Instant now = clock.instant();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(start.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("to", Timestamp.from(end.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .addValue("now", Timestamp.from(now));
        boolean deskWide = user.isAdmin() || user.has(Role.DESIGNER);
        String scope = deskWide ? TicketAccessScope.tenantSql(user, params) : TicketAccessScope.sql(user, params);
        String queueFilter = "";
        if (queue != null && !queue.isBlank()) {
            params.addValue("queue", queue.strip());
            queueFilter = " and t.queue = :queue";
        }
        String scoped = scope + queueFilter;
        String inPeriod = "t.created_at >= :from and t.created_at < :to and " + scoped;

        Map<PeriodFigures.Grouping, List<PeriodFigures.Sums>> groups = figures.of(source(start, end, user, deskWide,
                queueFilter, inPeriod, params, useRollup), params);
        List<SlaRow> sla = groups.get(PeriodFigures.Grouping.SLA).stream()
                .map(r -> new SlaRow(r.key(), r.key2(), r.responseMet(), r.responseBreached(), r.responsePending(),
                        r.resolutionMet(), r.resolutionBreached(), r.resolutionPending()))
                .sorted(java.util.Comparator.comparing(SlaRow::queue, nullsFirst).thenComparing(SlaRow::priority,
                        nullsFirst))
                .toList();
        PeriodFigures.Sums all = groups.get(PeriodFigures.Grouping.PERIOD).get(0);
        long responseMet = sla.stream().mapToLong(SlaRow::responseMet).sum();
        long responseDecided = responseMet + sla.stream().mapToLong(SlaRow::responseBreached).sum();
        long resolutionMet = sla.stream().mapToLong(SlaRow::resolutionMet).sum();
        long resolutionDecided = resolutionMet + sla.stream().mapToLong(SlaRow::resolutionBreached).sum();
        Totals totalsOfPeriod = new Totals(all.created(), all.resolved(), all.closed(), all.reopened(),
                ratio(all.reopened(), all.resolved()), all.firstContact(), ratio(all.firstContact(), all.resolved()),
                minutes(all.responseSeconds(), all.responses()), minutes(all.resolutionSeconds(), all.resolutions()),
                ratio(responseMet, responseDecided), ratio(resolutionMet, resolutionDecided));

        List<Count> byCategory = byCount(groups.get(PeriodFigures.Grouping.CATEGORY));
        List<Count> byChannel = byCount(groups.get(PeriodFigures.Grouping.CHANNEL));
        List<Count> byType = byCount(groups.get(PeriodFigures.Grouping.TYPE));
        List<Count> byDay = groups.get(PeriodFigures.Grouping.DAY).stream()
                .map(r -> new Count(String.valueOf(r.key()), r.created()))
                .sorted(java.util.Comparator.comparing(Count::key)).toList();

        // the backlog is now, whatever the period: open (neither resolved nor closed), by age and queue
        params.addValue("day1", Timestamp.from(now.minus(Duration.ofDays(1))))
                .addValue("day3", Timestamp.from(now.minus(Duration.ofDays(3))))
                .addValue("day7", Timestamp.from(now.minus(Duration.ofDays(7))))
                .addValue("day30", Timestamp.from(now.minus(Duration.ofDays(30))));
        String open = " from ticket t where t.resolved_at is null and t.closed_at is null and " + scoped;
        Map<String, Object> ages = jdbc.queryForMap("select count(*) total,"
                + " sum(case when t.created_at >= :day1 then 1 else 0 end) d1,"
                + " sum(case when t.created_at < :day1 and t.created_at >= :day3 then 1 else 0 end) d3,"
                + " sum(case when t.created_at < :day3 and t.created_at >= :day7 then 1 else 0 end) d7,"
                + " sum(case when t.created_at < :day7 and t.created_at >= :day30 then 1 else 0 end) d30,"
                + " sum(case when t.created_at < :day30 then 1 else 0 end) older" + open, params);
        List<Count> byAge = List.of(new Count("<1d", number(ages.get("d1"))), new Count("1-3d", number(ages.get("d3"))),
                new Count("3-7d", number(ages.get("d7"))), new Count("7-30d", number(ages.get("d30"))),
                new Count(">30d", number(ages.get("older"))));
        Backlog backlog = new Backlog(number(ages.get("total")), byAge, counts("select t.queue, count(*)" + open
                + " group by t.queue order by count(*) desc, t.queue", params));

        // satisfaction: the ratings given in the period, on tickets in scope
        String rated = " from ticket_rating r join ticket t on t.id = r.ticket_id"
                + " where r.created_at >= :from and r.created_at < :to and " + scoped;
        Map<String, Object> ratings = jdbc.queryForMap("select count(*) n, avg(r.score * 1.0) mean" + rated, params);
        Satisfaction satisfaction = new Satisfaction(number(ratings.get("n")), round(ratings.get("mean")),
                counts("select cast(r.score as varchar(1)), count(*)" + rated + " group by r.score order by r.score",
                        params), ratingGroups("r.agent", rated, params), ratingGroups("r.queue", rated, params));

        // time spent: the work time recorded in the period, on tickets in scope
        String worked = " from time_entry w join ticket t on t.id = w.ticket_id"
                + " where w.worked_at >= :from and w.worked_at < :to and " + scoped;
        Long totalMinutes = jdbc.queryForObject("select coalesce(sum(w.minutes), 0)" + worked, params, Long.class);
        TimeSpent time = new TimeSpent(totalMinutes == null ? 0 : totalMinutes,
                counts("select w.activity, sum(w.minutes)" + worked
                        + " group by w.activity order by sum(w.minutes) desc, w.activity", params),
                counts("select t.queue, sum(w.minutes)" + worked
                        + " group by t.queue order by sum(w.minutes) desc, t.queue", params));

        return new Overview(start, end, queueFilter.isEmpty() ? null : queue.strip(), now, totalsOfPeriod, sla, byCategory,
                byChannel, byType, byDay, backlog, satisfaction, time);
    }

    /**
     * The source of the period's figures: the roll-up where its keys select exactly what the caller's scope holds
     * (the desk, a tenant, a queue; an agent's queues, with the rest of her scope live), else the tickets alone.
     */
    private String source(LocalDate start, LocalDate end, CurrentUser user, boolean deskWide, String queueFilter,
                          String inPeriod, MapSqlParameterSource params, boolean useRollup) {
        String source = null;
        String queueOnRollup = queueFilter.replace("t.queue", "r.queue");
        TicketAccessScope.QueuePart part = deskWide || !useRollup ? null : TicketAccessScope.queuePart(user, params);
        if (useRollup && deskWide) {
            source = rollup.source(start, end, TicketAccessScope.tenantSql(user, params, "r.tenant") + queueOnRollup,
                    inPeriod, params);
        } else if (part != null) {
            String period = "t.created_at >= :from and t.created_at < :to and ";
            source = rollup.source(start, end, part.onRollup() + queueOnRollup,
                    period + part.onTickets() + queueFilter, params);
            source = source == null ? null : source + " union all " + figures.ticketRows(PeriodFigures.Part.ALL,
                    period + "(" + part.rest() + ")" + queueFilter, false);
        }
        return source != null ? source : figures.ticketRows(PeriodFigures.Part.ALL, inPeriod, false);
    }


    private List<RatingGroup> ratingGroups(String column, String rated, MapSqlParameterSource params) {
        return jdbc.query("select coalesce(" + column + ", ''), count(*), avg(r.score * 1.0)" + rated
                        + " group by coalesce(" + column + ", '') order by count(*) desc, 1", params,
                (rs, i) -> new RatingGroup(rs.getString(1), rs.getLong(2), round(rs.getObject(3))));
    }

    private static final java.util.Comparator<String> nullsFirst =
            java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());

    /** Counts of tickets per key, most first, then by key. */
    private static List<Count> byCount(List<PeriodFigures.Sums> groups) {
        return groups.stream().map(r -> new Count(String.valueOf(r.key()), r.created()))
                .sorted(java.util.Comparator.comparingLong(Count::count).reversed().thenComparing(Count::key))
                .toList();
    }

    private List<Count> counts(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, i) -> new Count(String.valueOf(rs.getObject(1)), rs.getLong(2)));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    /** The mean of {@code count} durations of {@code seconds} in all, in minutes (null for none). */
    private static Double minutes(java.math.BigDecimal seconds, long count) {
        if (count == 0) {
            return null;
        }
        double mean = seconds.divide(java.math.BigDecimal.valueOf(count), java.math.MathContext.DECIMAL64)
                .doubleValue();
        return Math.round(mean / 60.0 * 100) / 100.0;
    }

    private static Double round(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 100) / 100.0;
    }
}
