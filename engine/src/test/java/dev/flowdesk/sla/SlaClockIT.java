package dev.flowdesk.sla;

import dev.flowdesk.ApiClient;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for the customer stops the SLA clock; the reply starts it again and moves deadlines and timers. */
class SlaClockIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService management;

    @Test
    void waitingForTheCustomerMovesTheDeadlineByThePausedWorkingTime() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Password sync fails", "description", "AD and mail differ",
                "impact", "HIGH", "urgency", "HIGH"))).json("/ticketId").asLong();
        Instant dueBefore = Instant.parse(alice.get("/api/tickets/" + id).json("/sla/resolutionDue").asText());
        String pid = alice.get("/api/tickets/" + id).json("/processInstanceId").asText();

        // a P1 first notifies the major-incident group in an asynchronous step; let the job executor finish it, so the
        // question below does not meet it half-way (that would be a 409 "try again", see ProblemHandlerTest)
        for (int i = 0; i < 120 && management.createJobQuery().processInstanceId(pid).messages().count() > 0; i++) {
            sleep(250);
        }

        // when: the agent asks the customer, the clock stops; we let a whole week pass while it stands still
        var asked = bob.post("/api/tickets/" + id + "/request-info", Map.of("question", "Since when?"));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        Timestamp pausedAt = jdbc.queryForObject("select sla_paused_at from ticket where id = ?", Timestamp.class, id);
        assertThat(pausedAt).isNotNull();
        jdbc.update("update ticket set sla_paused_at = ? where id = ?",
                Timestamp.from(pausedAt.toInstant().minus(Duration.ofDays(7))), id);
        alice.post("/api/tickets/" + id + "/articles", Map.of("body", "Since Monday"));

        // then: five working days (3000 business minutes) later than before, the timer follows
        Instant dueAfter = Instant.parse(alice.get("/api/tickets/" + id).json("/sla/resolutionDue").asText());
        assertThat(Duration.between(dueBefore, dueAfter)).isBetween(Duration.ofDays(6), Duration.ofDays(8));
        assertThat(jdbc.queryForObject("select sla_paused_at from ticket where id = ?", Timestamp.class, id)).isNull();
        var timers = management.createJobQuery().processInstanceId(pid).timers().list();
        assertThat(timers).extracting(j -> j.getDuedate().toInstant())
                .anySatisfy(due -> assertThat(Duration.between(dueAfter, due).abs()).isLessThan(Duration.ofMinutes(2)))
                .allSatisfy(due -> assertThat(Duration.between(dueBefore, due).abs()).isGreaterThan(Duration.ofDays(1)));

        List<String> history = new ArrayList<>();
        alice.get("/api/tickets/" + id + "/history").body().forEach(e -> history.add(e.get("type").asText()));
        assertThat(history).containsSubsequence("SLA_PAUSED", "SLA_RESUMED");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
