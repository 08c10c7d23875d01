package dev.flowdesk.recurring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recurring tickets on PostgreSQL with the clustered Quartz scheduler: a definition fires on its cron, each time
 * opens exactly one ticket (also when two "nodes" fire the same time at once), runs are listed, and only designers
 * define them, with the field named when a value is wrong.
 */
class RecurringTicketsIT extends PostgresEngineTest {

    @Autowired
    RecurringTickets recurring;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDefinitionFiresOnItsScheduleOnceEachTime() throws Exception {
        ApiClient dora = as("dora");
        Response created = dora.post("/api/recurring-tickets", Map.of("name", "Backup check every 2 s",
                "cron", "0/2 * * * * ?", "timeZone", "Europe/Berlin", "type", "SERVICE_REQUEST",
                "subject", "Backup check {date}", "description", "Check last night's backup", "requester", "bob",
                "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        assertThat(created.json("/nextRuns").size()).isEqualTo(3);

        List<JsonNode> runs = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        while (runs.size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            runs.clear();
            dora.get("/api/recurring-tickets/" + id + "/runs").body().forEach(runs::add);
        }
        assertThat(runs).as("runs within a minute").hasSizeGreaterThanOrEqualTo(2);
        Response disabled = dora.put("/api/recurring-tickets/" + id, "{\"name\":\"Backup check every 2 s\","
                + "\"cron\":\"0/2 * * * * ?\",\"timeZone\":\"Europe/Berlin\",\"type\":\"SERVICE_REQUEST\","
                + "\"subject\":\"Backup check {date}\",\"requester\":\"bob\",\"enabled\":false}");
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.json("/nextRuns").size()).isZero();
        Thread.sleep(500); // a fire already under way when it was disabled may still finish

        List<Map<String, Object>> stored = jdbc.queryForList("select r.scheduled_for, r.ticket_id, t.subject"
                + " from recurring_run r join ticket t on t.id = r.ticket_id where r.recurring_id = ?", id);
        Set<Object> times = new HashSet<>();
        Set<Object> tickets = new HashSet<>();
        for (Map<String, Object> run : stored) {
            times.add(run.get("scheduled_for"));
            tickets.add(run.get("ticket_id"));
            assertThat((String) run.get("subject")).matches("Backup check \\d{4}-\\d{2}-\\d{2}");
        }
        assertThat(times).hasSameSizeAs(stored);
        assertThat(tickets).hasSameSizeAs(stored);
        Long total = jdbc.queryForObject("select count(*) from recurring_run where recurring_id = ?", Long.class, id);
        assertThat(total).isEqualTo(stored.size());
        // no run without its ticket
        assertThat(jdbc.queryForObject("select count(*) from recurring_run where recurring_id = ? and ticket_id is null",
                Long.class, id)).isZero();
        Thread.sleep(2500);
        assertThat(jdbc.queryForObject("select count(*) from recurring_run where recurring_id = ?", Long.class, id))
                .as("no run after disabling").isLessThanOrEqualTo(total + 1);
    }

    @Test
    void twoNodesFiringTheSameTimeOpenOneTicket() throws Exception {
        Response created = as("dora").post("/api/recurring-tickets", Map.of("name", "Monthly licence review",
                "cron", "0 0 8 1 * ?", "subject", "Licence review {date}", "requester", "bob"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        Instant time = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(3, ChronoUnit.DAYS);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> fired = new ArrayList<>();
        for (String node : List.of("node-a", "node-b")) {
            fired.add(nodes.submit(() -> {
                start.await();
                try {
                    return recurring.fire(id, time, node);
                } catch (org.springframework.dao.DataIntegrityViolationException e) {
                    return "duplicate";
                }
            }));
        }
        start.countDown();
        int opened = 0;
        for (Future<Object> f : fired) {
            Object result = f.get();
            opened += result instanceof dev.flowdesk.ticket.TicketViews.OpenedTicket ? 1 : 0;
        }
        nodes.shutdown();
        assertThat(opened).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from recurring_run where recurring_id = ?", Long.class, id))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ticket where subject = ?", Long.class,
                "Licence review " + time.atZone(java.time.ZoneId.of("UTC")).toLocalDate())).isEqualTo(1);
        // the same time again, later: nothing
        assertThat(recurring.fire(id, time, "node-a")).isNull();

        Response now = as("dora").post("/api/recurring-tickets/" + id + "/run", Map.of());
        assertThat(now.status()).as(now.raw()).isEqualTo(201);
        assertThat(as("bob").get("/api/tickets/" + now.json("/ticketId").asLong()).json("/requester").asText())
                .isEqualTo("bob");
        assertThat(as("dora").get("/api/recurring-tickets/" + id + "/runs").body().size()).isEqualTo(2);
    }

    @Test
    void onlyDesignersDefineAndBadValuesAreNamed() {
        ApiClient dora = as("dora");
        Map<String, Object> ok = Map.of("name", "Printer toner", "cron", "0 0 7 ? * MON", "subject", "Toner",
                "requester", "bob");
        assertThat(as("bob").post("/api/recurring-tickets", ok).status()).isEqualTo(403);
        assertThat(as("alice").get("/api/recurring-tickets").status()).isEqualTo(403);
        problem(dora.post("/api/recurring-tickets", with(ok, "cron", "every monday")), "cron");
        problem(dora.post("/api/recurring-tickets", with(ok, "timeZone", "Mars/Olympus")), "timeZone");
        problem(dora.post("/api/recurring-tickets", with(ok, "type", "HOLIDAY")), "type");
        problem(dora.post("/api/recurring-tickets", with(ok, "impact", "HUGE")), "impact");
        problem(dora.post("/api/recurring-tickets", with(ok, "requester", "")), "requester");
        assertThat(dora.post("/api/recurring-tickets", ok).status()).isEqualTo(201);
        assertThat(dora.post("/api/recurring-tickets", ok).status()).isEqualTo(409);
        assertThat(dora.get("/api/recurring-tickets/999999").status()).isEqualTo(404);
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static void problem(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("\"" + field + "\"");
    }
}
