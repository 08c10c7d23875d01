package dev.flowdesk.scheduledaction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.TestClock;
import dev.flowdesk.mail.inbound.GreenMailEngineTest;
import dev.flowdesk.mail.outbound.OutboxSender;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled actions with a controlled clock over real PostgreSQL, the real process engine and GreenMail: "waiting for
 * customer longer than 7 days → remind the requester" mails a ticket that waited 8 days exactly once (one outbox row,
 * one mail delivered, one {@code SCHEDULED_ACTION} event), a second run does nothing, and two runs at once (two
 * threads, as two scheduler nodes) act once between them. A refused action (a message the process does not wait for)
 * is logged once as FAILED; closing goes through the agent's close and ends the process.
 */
class ScheduledActionsIT extends GreenMailEngineTest {

    private static final CurrentUser DESK_AGENT = new CurrentUser("bob", "Bob", null, List.of("service-desk"),
            Set.of(Role.AGENT), null);

    @Autowired
    TestClock clock;
    @Autowired
    ScheduledActionRunner runner;
    @Autowired
    TicketService ticketService;
    @Autowired
    OutboxSender outboxSender;
    @Autowired
    JdbcTemplate db;
    @Autowired
    RuntimeService engine;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A ticket of a caller of its own (a fresh address, so no other test's mail limit applies) waiting since t0. */
    private long waitingTicket(String caller, Instant t0) {
        clock.pin(t0);
        long id = ticketService.open(new NewTicket("INCIDENT", "PHONE", "VPN drops every hour", "since Monday",
                caller, "MEDIUM", "MEDIUM", null, Map.of(), null), DESK_AGENT).ticketId();
        Response asked = as("admin").post("/api/tickets/" + id + "/request-info",
                Map.of("question", "Which VPN client version do you use?"));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        assertThat(asked.json("/status").asText()).isEqualTo("WAITING_CUSTOMER");
        return id;
    }

    private long action(String name, Map<String, String> filter, String after, String action,
                        Map<String, String> params) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("filter", filter);
        draft.put("after", after);
        draft.put("action", action);
        draft.put("params", params);
        Response created = as("dora").post("/api/scheduled-actions", draft);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("/id").asLong();
    }

    private int reminders(long ticketId) {
        return db.queryForObject("SELECT count(*) FROM mail_outbox WHERE ticket_id = ? AND template = ?",
                Integer.class, ticketId, "customer-reminder");
    }

    private int events(long ticketId) {
        return db.queryForObject("SELECT count(*) FROM audit_event WHERE ticket_id = ? AND type = ?", Integer.class,
                ticketId, "SCHEDULED_ACTION");
    }

    private int runs(long actionId, long ticketId) {
        return db.queryForObject("SELECT count(*) FROM scheduled_action_run WHERE action_id = ? AND ticket_id = ?",
                Integer.class, actionId, ticketId);
    }

    @Test
    void aTicketWaitingEightDaysGetsExactlyOneReminder() throws Exception {
        String caller = "caller-" + System.nanoTime() + "@example.test";
        Instant t0 = Instant.now().plus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);
        long ticket = waitingTicket(caller, t0);
        long action = action("Remind after a week " + System.nanoTime(),
                Map.of("status", "WAITING_CUSTOMER", "requester", caller), "7d", "REMIND", Map.of());

        // six days: not yet
        clock.pin(t0.plus(Duration.ofDays(6)));
        runner.runDue(clock.instant(), "test");
        assertThat(runs(action, ticket)).isZero();
        assertThat(reminders(ticket)).isZero();

        // eight days: one reminder, one event, one run
        clock.pin(t0.plus(Duration.ofDays(8)));
        runner.runDue(clock.instant(), "test");
        assertThat(reminders(ticket)).isEqualTo(1);
        assertThat(events(ticket)).isEqualTo(1);
        assertThat(runs(action, ticket)).isEqualTo(1);
        JsonNode history = as("admin").get("/api/tickets/" + ticket + "/history").body();
        assertThat(history.toString()).contains("SCHEDULED_ACTION").contains("reminded the requester");

        // a second run finds the episode done
        clock.pin(t0.plus(Duration.ofDays(9)));
        runner.runDue(clock.instant(), "test");
        assertThat(reminders(ticket)).isEqualTo(1);
        assertThat(events(ticket)).isEqualTo(1);
        assertThat(runs(action, ticket)).isEqualTo(1);

        // the mail reaches the caller through the outbox
        outboxSender.sendDue();
        List<MimeMessage> sent = new ArrayList<>();
        for (MimeMessage m : sentTo(caller)) {
            if (m.getSubject().startsWith("Reminder:") || m.getSubject().startsWith("Erinnerung:")) {
                sent.add(m);
            }
        }
        assertThat(sent).hasSize(1);

        Response log = as("dora").get("/api/scheduled-actions/" + action + "/runs");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body().size()).isEqualTo(1);
        assertThat(log.json("/0/ticketId").asLong()).isEqualTo(ticket);
        assertThat(log.json("/0/outcome").asText()).isEqualTo("DONE");
    }

    @Test
    void twoRunsAtOnceActOnce() throws Exception {
        String caller = "caller-" + System.nanoTime() + "@example.test";
        Instant t0 = Instant.now().plus(Duration.ofDays(120)).truncatedTo(ChronoUnit.SECONDS);
        List<Long> tickets = List.of(waitingTicket(caller, t0), waitingTicket(caller, t0.plusSeconds(1)),
                waitingTicket(caller, t0.plusSeconds(2)));
        long action = action("Remind twice-run " + System.nanoTime(),
                Map.of("status", "WAITING_CUSTOMER", "requester", caller), "P7D", "REMIND",
                Map.of("template", "customer-reminder"));
        Instant now = t0.plus(Duration.ofDays(8));
        clock.pin(now);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> acted = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                acted.add(nodes.submit(() -> {
                    start.await();
                    return runner.runDue(now, node);
                }));
            }
            start.countDown();
            for (Future<Integer> f : acted) {
                f.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        for (long ticket : tickets) {
            assertThat(runs(action, ticket)).as("runs of %s", ticket).isEqualTo(1);
            assertThat(reminders(ticket)).as("reminders of %s", ticket).isEqualTo(1);
            assertThat(events(ticket)).as("events of %s", ticket).isEqualTo(1);
        }
    }

    @Test
    void aRefusedActionIsLoggedOnceAndCloseEndsTheProcess() {
        String caller = "caller-" + System.nanoTime() + "@example.test";
        Instant t0 = Instant.now().plus(Duration.ofDays(180)).truncatedTo(ChronoUnit.SECONDS);
        long ticket = waitingTicket(caller, t0);
        long message = action("Nudge the process " + System.nanoTime(),
                Map.of("status", "WAITING_CUSTOMER", "requester", caller), "2d", "MESSAGE",
                Map.of("message", "NoSuchMessage"));
        clock.pin(t0.plus(Duration.ofDays(3)));
        runner.runDue(clock.instant(), "test");
        runner.runDue(clock.instant(), "test");
        List<Map<String, Object>> log = db.queryForList("SELECT outcome, detail FROM scheduled_action_run"
                + " WHERE action_id = ?", message);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("outcome")).isEqualTo("FAILED");
        assertThat((String) log.get(0).get("detail")).contains("NoSuchMessage");
        assertThat(events(ticket)).isZero();

        long close = action("Close abandoned " + System.nanoTime(),
                Map.of("status", "WAITING_CUSTOMER", "requester", caller), "14d", "CLOSE",
                Map.of("reason", "No answer for two weeks"));
        clock.pin(t0.plus(Duration.ofDays(15)));
        runner.runDue(clock.instant(), "test");
        JsonNode closed = as("admin").get("/api/tickets/" + ticket).body();
        assertThat(closed.at("/status").asText()).isEqualTo("CLOSED");
        assertThat(engine.createProcessInstanceQuery().processInstanceId(closed.at("/processInstanceId").asText())
                .count()).isZero();
        assertThat(runs(close, ticket)).isEqualTo(1);
        assertThat(events(ticket)).isEqualTo(1);
    }

    @Test
    void badDefinitionsAreA400NamingTheField() {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "bad " + System.nanoTime());
        draft.put("filter", Map.of("status", "WAITING_CUSTOMER", "requester", "nobody@example.test"));
        draft.put("after", "7d");
        draft.put("action", "REMIND");
        assertField(with(draft, "after", "a week"), "after");
        assertField(with(draft, "action", "EXPLODE"), "action");
        assertField(with(draft, "filter", Map.of("priority", "P9")), "filter.priority");
        assertField(with(draft, "filter", Map.of("colour", "red")), "filter.colour");
        assertField(with(draft, "filter", Map.of()), "filter");
        assertField(with(with(draft, "action", "NOTE"), "params", Map.of()), "params.text");
        assertField(with(draft, "params", Map.of("text", "hello")), "params.text");
        assertField(with(draft, "since", "YESTERDAY"), "since");
        assertThat(as("bob").post("/api/scheduled-actions", draft).status()).isEqualTo(403);
        assertThat(as("bob").get("/api/scheduled-actions").status()).isEqualTo(403);

        Response created = as("dora").post("/api/scheduled-actions", draft);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        Map<String, Object> change = new LinkedHashMap<>(draft);
        change.put("after", "10d");
        change.put("version", 0);
        Response updated = as("dora").put("/api/scheduled-actions/" + id, json(change));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.json("/after").asText()).isEqualTo("PT240H");
        assertThat(as("dora").put("/api/scheduled-actions/" + id, json(change)).status()).isEqualTo(409);
        assertThat(as("dora").delete("/api/scheduled-actions/" + id).status()).isEqualTo(204);
    }

    private static Map<String, Object> with(Map<String, Object> draft, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(draft);
        copy.put(key, value);
        return copy;
    }

    private void assertField(Map<String, Object> draft, String field) {
        Response response = as("dora").post("/api/scheduled-actions", draft);
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().findValuesAsText("path")).as(response.raw()).contains(field);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
