package dev.flowdesk.recurring;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.Level;
import dev.flowdesk.scheduling.RecurringJobs;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recurring tickets: designers define a ticket (type, subject, description, requester, impact, urgency, category)
 * and a Quartz cron expression in a time zone; the clustered scheduler (the one scheduler, {@link RecurringJobs})
 * opens the ticket at each time on one node. Each run is a row keyed by (definition, scheduled time), inserted before
 * the ticket in the same transaction, so the same time never opens two tickets, whichever nodes fire it. The
 * subject may carry {@code {date}}, replaced by the scheduled day in the definition's zone. The Quartz schedule
 * follows each committed change (see {@link #rescheduleAfterCommit}).
 */
@Service
public class RecurringTickets {

    static final String GROUP = "recurring-tickets";
    static final Set<String> TYPES = Set.of("INCIDENT", "SERVICE_REQUEST", "CHANGE", "PROBLEM");
    private static final CurrentUser SCHEDULER = new CurrentUser("scheduler", "Flowdesk scheduler", null, List.of(),
            Set.of(Role.AGENT), null);

    public record Definition(long id, String name, String cron, String timeZone, String type, String subject,
                             String description, String requester, String impact, String urgency, String category,
                             boolean enabled, long version, List<Instant> nextRuns) {
    }

    public record Run(long id, Instant scheduledFor, Long ticketId, Instant ranAt, String ranBy) {
    }

    /** A definition as a caller sends it. */
    public record Draft(String name, String cron, String timeZone, String type, String subject, String description,
                        String requester, String impact, String urgency, String category, Boolean enabled,
                        Long version) {
    }

    private final JdbcTemplate jdbc;
    private final SimpleJdbcInsert insertDefinition;
    private final SimpleJdbcInsert insertRun;
    private final RecurringJobs jobs;
    private final TicketService tickets;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;
    private final Clock clock;

    RecurringTickets(JdbcTemplate jdbc, RecurringJobs jobs, TicketService tickets,
                     org.springframework.transaction.PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.insertDefinition = new SimpleJdbcInsert(jdbc).withTableName("recurring_ticket")
                .usingGeneratedKeyColumns("id").usingColumns("name", "cron", "time_zone", "type", "subject",
                        "description", "requester", "impact", "urgency", "category", "enabled", "version",
                        "created_by", "created_at", "updated_at");
        this.insertRun = new SimpleJdbcInsert(jdbc).withTableName("recurring_run").usingGeneratedKeyColumns("id")
                .usingColumns("recurring_id", "scheduled_for", "ran_at", "ran_by");
        this.jobs = jobs;
        this.tickets = tickets;
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Definition> list(CurrentUser user) {
        requireDesigner(user);
        return jdbc.query(SELECT + " ORDER BY lower(name), id", this::row);
    }

    @Transactional(readOnly = true)
    public Definition get(long id, CurrentUser user) {
        requireDesigner(user);
        return load(id);
    }

    @Transactional
    public Definition create(Draft draft, CurrentUser user) {
        requireDesigner(user);
        Map<String, Object> row = checked(draft);
        Instant now = clock.instant();
        row.put("version", 0L);
        row.put("created_by", user.id());
        row.put("created_at", Timestamp.from(now));
        row.put("updated_at", Timestamp.from(now));
        long id;
        try {
            id = insertDefinition.executeAndReturnKey(row).longValue();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a recurring ticket named '" + row.get("name") + "' exists");
        }
        Definition created = load(id);
        rescheduleAfterCommit(id);
        return created;
    }

    @Transactional
    public Definition update(long id, Draft draft, CurrentUser user) {
        requireDesigner(user);
        Definition current = load(id);
        if (draft.version() != null && draft.version() != current.version()) {
            throw DomainException.conflict("the recurring ticket changed meanwhile; reload it");
        }
        Map<String, Object> row = checked(draft);
        int updated;
        try {
            updated = jdbc.update("UPDATE recurring_ticket SET name = ?, cron = ?, time_zone = ?, type = ?,"
                    + " subject = ?, description = ?, requester = ?, impact = ?, urgency = ?, category = ?,"
                    + " enabled = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                    row.get("name"), row.get("cron"), row.get("time_zone"), row.get("type"), row.get("subject"),
                    row.get("description"), row.get("requester"), row.get("impact"), row.get("urgency"),
                    row.get("category"), row.get("enabled"), Timestamp.from(clock.instant()), id, current.version());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a recurring ticket named '" + row.get("name") + "' exists");
        }
        if (updated == 0) {
            throw DomainException.conflict("the recurring ticket changed meanwhile; reload it");
        }
        Definition changed = load(id);
        rescheduleAfterCommit(id);
        return changed;
    }

    @Transactional
    public void delete(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        jdbc.update("DELETE FROM recurring_ticket WHERE id = ?", id);
        rescheduleAfterCommit(id);
    }

    @Transactional(readOnly = true)
    public List<Run> runs(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        return jdbc.query("SELECT id, scheduled_for, ticket_id, ran_at, ran_by FROM recurring_run"
                + " WHERE recurring_id = ? ORDER BY scheduled_for DESC LIMIT 100", (rs, i) -> new Run(rs.getLong(1),
                rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3, Long.class), rs.getTimestamp(4).toInstant(),
                rs.getString(5)), id);
    }

    /** A designer opens the ticket now (a test of the definition), recorded as a run like the scheduled ones. */
    @Transactional
    public OpenedTicket runNow(long id, CurrentUser user) {
        requireDesigner(user);
        OpenedTicket opened = fire(id, clock.instant(), user.id(), true);
        if (opened == null) {
            // found by AccessMatrixIT: an unknown id answered 201 with an empty body
            throw DomainException.notFound("recurring ticket " + id);
        }
        return opened;
    }

    /**
     * Opens the ticket for {@code scheduledFor} unless that time already ran; null when it did, or when the
     * definition is gone or disabled. A second node firing the same time concurrently waits on the run key and then
     * fails with a duplicate key, rolling back its own work.
     */
    @Transactional
    public OpenedTicket fire(long id, Instant scheduledFor, String actor) {
        return fire(id, scheduledFor, actor, false);
    }

    private OpenedTicket fire(long id, Instant scheduledFor, String actor, boolean evenIfDisabled) {
        List<Definition> found = jdbc.query(SELECT + " WHERE id = ?", this::row, id);
        if (found.isEmpty() || !(found.get(0).enabled() || evenIfDisabled)) {
            return null;
        }
        Definition d = found.get(0);
        Integer done = jdbc.queryForObject("SELECT count(*) FROM recurring_run WHERE recurring_id = ?"
                + " AND scheduled_for = ?", Integer.class, id, Timestamp.from(scheduledFor));
        if (done != null && done > 0) {
            return null;
        }
        long run = insertRun.executeAndReturnKey(Map.of("recurring_id", id, "scheduled_for",
                Timestamp.from(scheduledFor), "ran_at", Timestamp.from(clock.instant()), "ran_by", actor))
                .longValue();
        String day = scheduledFor.atZone(ZoneId.of(d.timeZone())).toLocalDate().toString();
        OpenedTicket opened = tickets.open(new NewTicket(d.type(), "API", d.subject().replace("{date}", day),
                d.description(), d.requester(), d.impact(), d.urgency(), d.category(),
                Map.of("recurringTicket", d.name()), null), SCHEDULER);
        jdbc.update("UPDATE recurring_run SET ticket_id = ? WHERE id = ?", opened.ticketId(), run);
        return opened;
    }

    /** Every enabled definition is scheduled at start (a changed cron or zone takes effect), disabled ones removed. */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleAll() {
        for (Definition d : jdbc.query(SELECT, this::row)) {
            schedule(d);
        }
    }

    /**
     * Quartz follows a committed change in a short transaction of its own: holding Quartz's trigger lock inside the
     * designer's transaction while the same job fires made that transaction fail (a 503 under load). A schedule that
     * could not follow is harmless: every fire reads the definition and does nothing for a disabled or deleted one,
     * and every start schedules all definitions again.
     */
    private void rescheduleAfterCommit(long id) {
        Runnable follow = () -> {
            try {
                ownTransaction.executeWithoutResult(status -> {
                    List<Definition> found = jdbc.query(SELECT + " WHERE id = ?", this::row, id);
                    if (found.isEmpty()) {
                        unschedule(id);
                    } else {
                        schedule(found.get(0));
                    }
                });
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(RecurringTickets.class).warn("The schedule of recurring ticket {}"
                        + " did not follow its change; the definition still decides every fire, and the next start"
                        + " schedules it again", id, e);
            }
        };
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            follow.run();
                        }
                    });
        } else {
            follow.run();
        }
    }

    private void schedule(Definition d) {
        try {
            if (d.enabled()) {
                JobDataMap data = new JobDataMap();
                data.put("recurringId", d.id());
                jobs.cron(GROUP, String.valueOf(d.id()), RecurringTicketJob.class, d.cron(), ZoneId.of(d.timeZone()),
                        data);
            } else {
                unschedule(d.id());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule recurring ticket " + d.id(), e);
        }
    }

    private void unschedule(long id) {
        try {
            jobs.remove(GROUP, String.valueOf(id));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot unschedule recurring ticket " + id, e);
        }
    }

    private static final String SELECT = "SELECT id, name, cron, time_zone, type, subject, description, requester,"
            + " impact, urgency, category, enabled, version FROM recurring_ticket";

    private Definition row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String cron = rs.getString(3);
        ZoneId zone = ZoneId.of(rs.getString(4));
        boolean enabled = rs.getBoolean(12);
        return new Definition(rs.getLong(1), rs.getString(2), cron, rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), enabled, rs.getLong(13),
                enabled ? RecurringJobs.nextTimes(cron, zone, clock.instant(), 3) : List.of());
    }

    private Definition load(long id) {
        List<Definition> found = jdbc.query(SELECT + " WHERE id = ?", this::row, id);
        if (found.isEmpty()) {
            throw DomainException.notFound("recurring ticket " + id);
        }
        return found.get(0);
    }

    private static Map<String, Object> checked(Draft d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", text(d.name(), "name", 100));
        String cron = text(d.cron(), "cron", 120);
        String why = RecurringJobs.checkCron(cron);
        if (why != null) {
            throw DomainException.invalid("cron", "not a Quartz cron expression (seconds minutes hours day-of-month"
                    + " month day-of-week, e.g. '0 0 8 1 * ?' for 08:00 on the 1st): " + why);
        }
        row.put("cron", cron);
        String zone = d.timeZone() == null || d.timeZone().isBlank() ? "UTC" : d.timeZone().strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw DomainException.invalid("timeZone", "not a time zone such as Europe/Berlin");
        }
        row.put("time_zone", zone);
        String type = d.type() == null ? "SERVICE_REQUEST" : d.type().strip().toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw DomainException.invalid("type", "must be one of " + String.join(", ", TYPES.stream().sorted()
                    .toList()));
        }
        row.put("type", type);
        row.put("subject", text(d.subject(), "subject", 200).replaceAll("[\\r\\n]+", " "));
        row.put("description", d.description() == null ? "" : text(d.description(), "description", 10000));
        row.put("requester", text(d.requester(), "requester", 254));
        row.put("impact", level(d.impact(), "impact"));
        row.put("urgency", level(d.urgency(), "urgency"));
        row.put("category", d.category() == null || d.category().isBlank() ? null
                : text(d.category(), "category", 60));
        row.put("enabled", d.enabled() == null || d.enabled());
        return row;
    }

    private static String level(String value, String field) {
        String level = value == null || value.isBlank() ? "LOW" : value.strip().toUpperCase(Locale.ROOT);
        try {
            return Level.valueOf(level).name();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be LOW, MEDIUM or HIGH");
        }
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field, "is required");
        }
        if (value.strip().length() > max) {
            throw DomainException.invalid(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Recurring tickets are defined by designers and administrators.", Role.DESIGNER);
    }
}
