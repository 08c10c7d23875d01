package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Work time on tickets: agents record a duration (a stopwatch in the browser posts what it measured) with an activity
 * type from {@code flowdesk.time.activities} and its optional hourly rate ({@code flowdesk.time.rates.<activity>}),
 * which is stored with the entry. Only agents record and read time; a merged ticket's time moves with it.
 */
@Service
@EnableConfigurationProperties(TimeEntries.TimeProperties.class)
public class TimeEntries {

    static final int MAX_MINUTES = 24 * 60;

    /** Activity types and their hourly rates (a rate is optional). */
    @ConfigurationProperties("flowdesk.time")
    public record TimeProperties(List<String> activities, Map<String, BigDecimal> rates) {
        public TimeProperties {
            activities = activities == null || activities.isEmpty()
                    ? List.of("work", "phone", "travel", "research", "meeting") : List.copyOf(activities);
            rates = rates == null ? Map.of() : Map.copyOf(rates);
        }
    }

    public record Entry(long id, long ticketId, String agent, int minutes, String activity, BigDecimal hourlyRate,
                        BigDecimal cost, String note, Instant workedAt, Instant createdAt) {
    }

    public record Sheet(List<Entry> entries, long totalMinutes, BigDecimal totalCost,
                        Map<String, Long> minutesByActivity) {
    }

    private final JdbcTemplate jdbc;
    private final SimpleJdbcInsert insert;
    private final TicketAccessPolicy access;
    private final AuditTrail audit;
    private final TimeProperties properties;
    private final Clock clock;

    TimeEntries(JdbcTemplate jdbc, TicketAccessPolicy access, AuditTrail audit, TimeProperties properties,
                Clock clock) {
        this.jdbc = jdbc;
        this.insert = new SimpleJdbcInsert(jdbc).withTableName("time_entry").usingGeneratedKeyColumns("id")
                .usingColumns("ticket_id", "agent", "minutes", "activity", "hourly_rate", "note", "worked_at",
                        "created_at");
        this.access = access;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Entry record(long ticketId, Integer minutes, String activity, String note, Instant workedAt,
                        CurrentUser user) {
        user.requireAny("Only agents record and read work time.", Role.AGENT);
        Ticket ticket = access.visible(ticketId, user);
        if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
            throw DomainException.invalid("minutes", "must be a whole number of minutes from 1 to " + MAX_MINUTES);
        }
        String type = activity == null || activity.isBlank() ? properties.activities().get(0)
                : activity.strip().toLowerCase(Locale.ROOT);
        if (!properties.activities().contains(type)) {
            throw DomainException.invalid("activity", "must be one of " + String.join(", ", properties.activities()));
        }
        if (note != null && note.length() > 2000) {
            throw DomainException.invalid("note", "must be at most 2000 characters");
        }
        Instant now = clock.instant();
        Instant worked = workedAt == null ? now : workedAt;
        if (worked.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw DomainException.invalid("workedAt", "must not lie in the future");
        }
        BigDecimal rate = properties.rates().get(type);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ticket_id", ticketId);
        row.put("agent", user.id());
        row.put("minutes", minutes);
        row.put("activity", type);
        row.put("hourly_rate", rate);
        row.put("note", note == null || note.isBlank() ? null : note.strip());
        row.put("worked_at", Timestamp.from(worked));
        row.put("created_at", Timestamp.from(now));
        long id = insert.executeAndReturnKey(row).longValue();
        audit.record(ticketId, user.id(), AuditEventType.TIME_RECORDED, minutes + " min " + type, null,
                Map.of("minutes", minutes, "activity", type));
        ticket.touch(now);
        return new Entry(id, ticketId, user.id(), minutes, type, rate, cost(minutes, rate), (String) row.get("note"),
                worked, now);
    }

    @Transactional(readOnly = true)
    public Sheet sheet(long ticketId, CurrentUser user) {
        user.requireAny("Only agents record and read work time.", Role.AGENT);
        access.visible(ticketId, user);
        List<Entry> entries = jdbc.query("SELECT id, ticket_id, agent, minutes, activity, hourly_rate, note,"
                + " worked_at, created_at FROM time_entry WHERE ticket_id = ? ORDER BY worked_at, id", (rs, i) -> {
                    BigDecimal rate = rs.getBigDecimal(6);
                    return new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rate, cost(rs.getInt(4), rate), rs.getString(7), rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9).toInstant());
                }, ticketId);
        long total = entries.stream().mapToLong(Entry::minutes).sum();
        BigDecimal cost = entries.stream().map(Entry::cost).filter(java.util.Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Long> byActivity = new LinkedHashMap<>();
        entries.forEach(e -> byActivity.merge(e.activity(), (long) e.minutes(), Long::sum));
        return new Sheet(entries, total, cost, byActivity);
    }

    /** The activity types agents choose from, with their rates. */
    public TimeProperties activities() {
        return properties;
    }

    @EventListener
    void on(TicketEvents.TicketsMerged merged) {
        jdbc.update("UPDATE time_entry SET ticket_id = ? WHERE ticket_id = ?", merged.targetId(), merged.sourceId());
    }

    private static BigDecimal cost(int minutes, BigDecimal rate) {
        return rate == null ? null : rate.multiply(BigDecimal.valueOf(minutes))
                .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
