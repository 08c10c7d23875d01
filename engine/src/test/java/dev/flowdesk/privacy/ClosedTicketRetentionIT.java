package dev.flowdesk.privacy;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.TestClock;
import dev.flowdesk.scheduling.RecurringJobs;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention of closed tickets (issue 15 part 6) on PostgreSQL with the controlled clock: of two tickets of one
 * requester, one closed three years ago (by the pinned clock) and one closed today, a run with a two-year period cleans only the old one
 * (requester, description, conversation, files, rating comment, process variable), keeps its figures and events, and
 * a second run changes nothing; each run is one security event.
 */
class ClosedTicketRetentionIT extends PostgresEngineTest {

    private static final String PASSWORD = "Retention-Secret-1";

    @Autowired
    ClosedTicketRetention retention;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate db;
    @Autowired
    IdentityService identity;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    RecurringJobs jobs;
    @Autowired
    RepositoryService repository;
    @Autowired
    Scheduler scheduler;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void onlyTheTicketClosedLongerThanThePeriodLosesItsPersonalDataAndOnlyOnce() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String requester = "rita" + marker;
        var user = identity.newUser(requester);
        user.setFirstName("Rita");
        user.setLastName("Old" + marker);
        user.setEmail(requester + "@customer.example");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        ApiClient rita = ApiClient.as(port, requester, PASSWORD);

        // closed three years ago by the controlled clock (only the closing: a ticket opened in the past would have
        // its SLA timers, which run on the engine's real clock, fire at once and race the test's own steps)
        long old = closedTicket(rita, requester, "Old printer " + marker, Instant.now().minus(3 * 366,
                ChronoUnit.DAYS));
        long recent = closedTicket(rita, requester, "New printer " + marker, null);
        long oldEvents = count("select count(*) from audit_event where ticket_id = ?", old);
        String oldFigures = figures(old);
        long securityEvents = count("select count(*) from security_event where kind = 'RETENTION_RUN'");

        ClosedTicketRetention.Run first = retention.run(Period.ofYears(2));

        assertThat(first.tickets()).isGreaterThanOrEqualTo(1);
        Map<String, Object> cleaned = db.queryForMap("select * from ticket where id = ?", old);
        assertThat(cleaned.get("requester")).isEqualTo(pseudonyms.of(requester));
        assertThat(cleaned.get("description")).isEqualTo(ClosedTicketRetention.REMOVED);
        assertThat(cleaned.get("fields_json")).isEqualTo("{}");
        assertThat(cleaned.get("personal_data_removed_at")).isNotNull();
        assertThat(cleaned.get("status")).isEqualTo("CLOSED");
        assertThat(db.queryForList("select body from article where ticket_id = ?", String.class, old))
                .isNotEmpty().containsOnly(ClosedTicketRetention.REMOVED);
        assertThat(count("select count(*) from attachment where ticket_id = ?", old)).isZero();
        assertThat(db.queryForObject("select comment from ticket_rating where ticket_id = ?", String.class, old))
                .isNull();
        assertThat(count("select count(*) from audit_event where ticket_id = ? and actor = ?", old, requester))
                .isZero();
        assertThat(count("select count(*) from ACT_HI_VARINST where PROC_INST_ID_ = (select process_instance_id"
                + " from ticket where id = ?) and TEXT_ = ?", old, requester)).isZero();
        assertThat(count("select count(*) from audit_event where ticket_id = ?", old)).isEqualTo(oldEvents);
        assertThat(figures(old)).isEqualTo(oldFigures);
        // the recent ticket is untouched
        Map<String, Object> kept = db.queryForMap("select * from ticket where id = ?", recent);
        assertThat(kept.get("requester")).isEqualTo(requester);
        assertThat((String) kept.get("description")).contains("Rita's details " + marker);
        assertThat(kept.get("personal_data_removed_at")).isNull();
        assertThat(count("select count(*) from attachment where ticket_id = ?", recent)).isEqualTo(1);
        assertThat(db.queryForList("select body from article where ticket_id = ?", String.class, recent))
                .doesNotContain(ClosedTicketRetention.REMOVED);
        assertThat(db.queryForObject("select comment from ticket_rating where ticket_id = ?", String.class, recent))
                .isEqualTo("Fine, Rita Old" + marker);

        long version = count("select version from ticket where id = ?", old);
        ClosedTicketRetention.Run second = retention.run(Period.ofYears(2));

        assertThat(second.tickets()).isZero();
        assertThat(count("select version from ticket where id = ?", old)).isEqualTo(version);
        assertThat(count("select count(*) from security_event where kind = 'RETENTION_RUN'"))
                .isEqualTo(securityEvents + 2);
        assertThat(db.queryForList("select detail from security_event where kind = 'RETENTION_RUN' order by id desc"
                + " limit 2", String.class)).noneMatch(d -> d.contains(requester) || d.contains(marker));
    }

    @Test
    void theJobIsScheduledInTheClusteredSchedulerOnlyWhenAPeriodIsSetAndNamesHistoryThatOutlivesIt()
            throws Exception {
        JobKey key = JobKey.jobKey(RetentionScheduling.NAME, RetentionScheduling.GROUP);
        RetentionScheduling on = new RetentionScheduling(jobs, new RetentionProperties(Period.ofYears(2), 200,
                Duration.ofHours(6)), repository);
        RetentionScheduling off = new RetentionScheduling(jobs, new RetentionProperties(null, 200,
                Duration.ofHours(6)), repository);
        try {
            on.schedule();
            assertThat(scheduler.checkExists(key)).isTrue();
            assertThat(scheduler.getJobDetail(key).getJobClass()).isEqualTo(RetentionJob.class);
            // the shipped models keep their history 180 days: inside two years, but not inside 30 days
            assertThat(on.historyKeptLonger()).doesNotContain("incident", "service-request", "change", "problem");
            assertThat(new RetentionScheduling(jobs, new RetentionProperties(Period.ofDays(30), 200,
                    Duration.ofHours(6)), repository).historyKeptLonger()).contains("incident", "service-request");
        } finally {
            off.schedule();
        }
        assertThat(scheduler.checkExists(key)).isFalse();
    }

    /** A ticket of the requester with a reply, a file and a rated, agent-closed end. */
    private long closedTicket(ApiClient requester, String requesterId, String subject, Instant closedAt) {
        Response submitted = requester.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "Rita's details " + subject.substring(subject.length() - 8),
                "impact", "LOW", "urgency", "LOW")));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        long id = submitted.json("/ticketId").asLong();
        assertThat(requester.post("/api/tickets/" + id + "/articles", Map.of("body", "It is still broken",
                "visibility", "PUBLIC")).status()).isIn(200, 201);
        assertThat(requester.postFile("/api/tickets/" + id + "/attachments", "file", "printer.txt",
                "jam".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        if (closedAt != null) {
            clock.pin(closedAt);
        }
        Response closed = as("admin").post("/api/tickets/" + id + "/close", Map.of("reason", "Printer replaced"));
        clock.reset();
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        db.update("insert into ticket_rating (ticket_id, score, comment, rated_by, created_at) values (?, 4, ?, ?,"
                + " now())", id, "Fine, Rita Old" + subject.substring(subject.length() - 8), requesterId);
        return id;
    }

    private String figures(long ticket) {
        return db.queryForObject("select type || '|' || priority || '|' || queue || '|' || category || '|'"
                + " || created_at || '|' || closed_at || '|' || coalesce(sla_level, '') from ticket where id = ?",
                String.class, ticket);
    }

    private long count(String sql, Object... params) {
        Long n = db.queryForObject(sql, Long.class, params);
        return n == null ? 0 : n;
    }
}
