package dev.flowdesk.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox read model stays exactly what the engine and the tickets say, through every way a task or its ticket
 * changes: after each step the rows of the test's tickets equal the rows selected afresh from Camunda's tables (the
 * statement a rebuild runs), and the step's own effect is asserted on them.
 */
class InboxReadModelIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboxEntries inbox;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void createClaimUnclaimReprioritisePauseResumeCompleteAndCancel() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        String run = Long.toString(System.nanoTime(), 36);
        // given: an older P3 and a newer P4 incident of the same queue
        long older = incident(alice, "Inbox check one " + run, "MEDIUM", "MEDIUM");
        long newer = incident(alice, "Inbox check two " + run, "LOW", "LOW");
        atResolveTask(bob, older);
        String task = atResolveTask(bob, newer);
        String queue = jdbc.queryForObject("select queue from ticket where id = ?", String.class, newer);

        // when created: one row for the queue, with the ticket's sort keys
        assertThat(principals(task)).containsExactly("g:" + queue);
        assertThat(queue).isEqualTo("service-desk");
        assertThat(principals(onlyTask(older))).containsExactly("g:service-desk");
        assertThat(rowOf(task).get("priority")).isEqualTo(ticket(newer).get("priority"));
        assertThat(rowOf(task).get("resolution_due")).isEqualTo(ticket(newer).get("resolution_due"));
        assertThat(order(bob, older, newer)).containsExactly(older, newer);
        agreesWithTheEngine(older, newer);

        // claimed: only the assignee's row; released: the queue's again
        assertThat(bob.post("/api/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(200);
        assertThat(principals(task)).containsExactly("a:bob");
        assertThat(inboxIds(bob, "mine")).contains(task);
        assertThat(inboxIds(bob, "unassigned")).doesNotContain(task);
        agreesWithTheEngine(older, newer);
        assertThat(bob.post("/api/tasks/" + task + "/unclaim", Map.of()).status()).isEqualTo(200);
        assertThat(principals(task)).containsExactly("g:" + queue);
        assertThat(inboxIds(bob, "mine")).doesNotContain(task);
        agreesWithTheEngine(older, newer);

        // reclassified to high impact and urgency: the newer ticket now comes first
        long version = bob.get("/api/tickets/" + newer).json("/version").asLong();
        Response changed = bob.patch("/api/tickets/" + newer, Map.of("impact", "HIGH", "urgency", "HIGH",
                "version", version));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(rowOf(task).get("priority")).isEqualTo(ticket(newer).get("priority")).isNotEqualTo("P4");
        assertThat(order(bob, older, newer)).containsExactly(newer, older);
        agreesWithTheEngine(older, newer);

        // asking the customer pauses the SLA; the reply resumes it a week later: the due date the inbox sorts by moves
        awaitNoMessageJobs(processOf(newer));
        assertThat(bob.post("/api/tickets/" + newer + "/request-info", Map.of("question", "Since when?"))
                .status()).isEqualTo(200);
        agreesWithTheEngine(older, newer);
        Timestamp pausedAt = jdbc.queryForObject("select sla_paused_at from ticket where id = ?", Timestamp.class,
                newer);
        jdbc.update("update ticket set sla_paused_at = ? where id = ?",
                Timestamp.from(pausedAt.toInstant().minus(Duration.ofDays(7))), newer);
        Object dueBefore = ticket(newer).get("resolution_due");
        alice.post("/api/tickets/" + newer + "/articles", Map.of("body", "Since Monday"));
        assertThat(ticket(newer).get("resolution_due")).isNotEqualTo(dueBefore);
        String resumed = onlyTask(newer);
        assertThat(rowOf(resumed).get("resolution_due")).isEqualTo(ticket(newer).get("resolution_due"));
        agreesWithTheEngine(older, newer);

        // completed: the task's rows go (and the next step's task, if any, has its own)
        complete(bob, resumed, Map.of("resolution", "Cleared the jam"));
        assertThat(rows(resumed)).isEmpty();
        agreesWithTheEngine(older, newer);

        // cancelled (a withdrawal or merge ends the process): nothing of the ticket stays in any inbox
        String olderTask = onlyTask(older);
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                runtime.deleteProcessInstance(processOf(older), "withdrawn", true));
        assertThat(rows(olderTask)).isEmpty();
        assertThat(ticketRows(older)).isEmpty();
        agreesWithTheEngine(older, newer);
    }

    @Test
    void escalationOffersTheTaskToASecondGroupCountedOnce() {
        Response created = as("bob").post("/api/tickets", Map.of("type", "INCIDENT",
                "subject", "Core router down " + System.nanoTime(), "description", "No network",
                "requester", "alice", "impact", "HIGH", "urgency", "HIGH", "category", "network"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();
        String pid = processOf(id);
        awaitNoMessageJobs(pid);
        String task = taskService.createTaskQuery().processInstanceId(pid).taskDefinitionKey("Task_ResolveIncident")
                .singleResult().getId();
        long lenasTotal = as("lena").get("/api/tasks").json("/total").asLong();
        assertThat(inboxIds(as("lena"), "candidate")).doesNotContain(task);

        Job timer = management.createJobQuery().processInstanceId(pid).activityId("Timer_ResolutionDue").singleResult();
        // run this timer now, without moving the engine's clock: a later clock would make other tests' timers due
        // too, and their escalations would land in lena's inbox beside this one
        try {
            management.executeJob(timer.getId());
        } catch (RuntimeException raceWithTheJobExecutor) {
            // the engine's own job executor may run the now-due timer first; either way it runs once
        }
        for (int i = 0; i < 120 && !principals(task).contains("g:service-desk-leads"); i++) {
            sleep(250);
        }

        // then: a row for each group, both marked shared, and the escalation group's inbox counts it once
        assertThat(principals(task)).contains("g:service-desk-leads").hasSizeGreaterThan(1);
        assertThat(rows(task)).allSatisfy(row -> assertThat(row.get("shared")).isEqualTo(true));
        assertThat(inboxIds(as("lena"), "candidate")).contains(task);
        assertThat(as("lena").get("/api/tasks").json("/total").asLong()).isEqualTo(lenasTotal + 1);
        agreesWithTheEngine(id);
    }

    @Test
    void approvalVotesOfTheCalledProcessSortByTheChangeTicket() {
        Response created = as("bob").post("/api/tickets", Map.of("type", "CHANGE",
                "subject", "Upgrade firmware " + System.nanoTime(), "description", "Advisory", "requester", "carol",
                "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("changeType", "normal", "implementer", "chris",
                        "implementationTasks", List.of(Map.of("subject", "Upgrade switch A", "category", "network")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();
        String assess = onlyTask(id);
        complete(as("bob"), assess, Map.of("changeType", "normal", "risk", "medium", "implementer", "chris"));

        List<Map<String, Object>> votes = jdbc.queryForList("select E.* from inbox_entry E join ACT_RU_TASK T"
                + " on T.ID_ = E.task_id where T.PROC_INST_ID_ <> ? and E.ticket_id = ?", processOf(id), id);
        assertThat(votes).as("votes in the called approval process").isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.get("priority")).isEqualTo(ticket(id).get("priority"));
                    assertThat(row.get("principal").toString()).startsWith("g:");
                });
        agreesWithTheEngine(id);
    }

    @Test
    void aRebuildFromTheEngineWritesTheSameRows() {
        long id = incident(as("alice"), "Rebuild " + System.nanoTime(), "LOW", "MEDIUM");
        as("bob").post("/api/tasks/" + onlyTask(id) + "/claim", Map.of());
        awaitNoMessageJobs(processOf(id));
        Set<String> before = table();
        assertThat(before).isNotEmpty();

        int written = inbox.rebuild();

        assertThat(table()).isEqualTo(before);
        assertThat(written).isEqualTo(before.size());
    }

    // --- the model's rows and what the engine says they should be

    /** Within one snapshot: the rows of these tickets' tasks equal those the rebuild statement selects. */
    private void agreesWithTheEngine(long... tickets) {
        List<Long> ids = java.util.Arrays.stream(tickets).boxed().toList();
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(status -> {
            Set<String> stored = lines(jdbc.queryForList("select task_id, principal, shared, ticket_id, priority,"
                    + " resolution_due, task_created from inbox_entry where ticket_id in (" + in(ids) + ")"));
            Set<String> fromEngine = lines(jdbc.queryForList("select * from (" + InboxEntries.ROWS.formatted("")
                    + ") R where R.ticket_id in (" + in(ids) + ")"));
            assertThat(stored).isEqualTo(fromEngine);
        });
    }

    private Set<String> table() {
        return lines(jdbc.queryForList("select task_id, principal, shared, ticket_id, priority, resolution_due,"
                + " task_created from inbox_entry"));
    }

    private static Set<String> lines(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.values().stream().map(String::valueOf).collect(Collectors.joining("|")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String in(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private List<Map<String, Object>> rows(String task) {
        return jdbc.queryForList("select * from inbox_entry where task_id = ? order by principal", task);
    }

    private List<Map<String, Object>> ticketRows(long ticket) {
        return jdbc.queryForList("select * from inbox_entry where ticket_id = ?", ticket);
    }

    private Map<String, Object> rowOf(String task) {
        List<Map<String, Object>> rows = rows(task);
        assertThat(rows).isNotEmpty();
        return rows.get(0);
    }

    private List<String> principals(String task) {
        return rows(task).stream().map(r -> (String) r.get("principal")).toList();
    }

    private Map<String, Object> ticket(long id) {
        return jdbc.queryForMap("select priority, resolution_due from ticket where id = ?", id);
    }

    private String processOf(long ticket) {
        return jdbc.queryForObject("select process_instance_id from ticket where id = ?", String.class, ticket);
    }

    private String onlyTask(long ticket) {
        String pid = processOf(ticket);
        for (int i = 0; i < 120; i++) {
            var tasks = taskService.createTaskQuery().processInstanceId(pid).active().list();
            if (tasks.size() == 1) {
                return tasks.get(0).getId();
            }
            sleep(250);
        }
        throw new AssertionError("ticket " + ticket + " has no single open task");
    }

    /** Dispatched to the service desk if the rules left that to the dispatcher: the task agents resolve. */
    private String atResolveTask(ApiClient dispatcher, long ticket) {
        String task = onlyTask(ticket);
        if ("Task_DispatchIncident".equals(taskService.createTaskQuery().taskId(task).singleResult()
                .getTaskDefinitionKey())) {
            assertThat(principals(task)).containsExactly("g:dispatcher");
            complete(dispatcher, task, Map.of("queue", "service-desk"));
            assertThat(rows(task)).isEmpty();
            task = onlyTask(ticket);
        }
        return task;
    }

    // --- the inbox over HTTP

    private long incident(ApiClient requester, String subject, String impact, String urgency) {
        Response created = requester.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "-", "impact", impact, "urgency", urgency)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("/ticketId").asLong();
    }

    private static void complete(ApiClient agent, String task, Map<String, Object> data) {
        Response response = agent.post("/api/tasks/" + task + "/complete", Map.of("data", data));
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
    }

    /** The task ids of an inbox (all pages). */
    private static List<String> inboxIds(ApiClient user, String filter) {
        List<String> ids = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int page = 0; (long) page * 200 < total; page++) {
            Response response = user.get("/api/tasks?size=200&filter=" + filter + "&page=" + page);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            total = response.json("/total").asLong();
            response.json("/items").forEach(task -> ids.add(task.get("id").asText()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize((int) total);
        return ids;
    }

    /** The order in which the user's default inbox lists these tickets. */
    private static List<Long> order(ApiClient user, long... tickets) {
        Set<Long> wanted = java.util.Arrays.stream(tickets).boxed().collect(Collectors.toSet());
        List<Long> order = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int page = 0; (long) page * 200 < total; page++) {
            Response response = user.get("/api/tasks?size=200&page=" + page);
            total = response.json("/total").asLong();
            for (JsonNode task : response.json("/items")) {
                long ticket = task.at("/ticket/id").asLong();
                if (wanted.contains(ticket)) {
                    order.add(ticket);
                }
            }
        }
        return order;
    }

    private void awaitNoMessageJobs(String pid) {
        for (int i = 0; i < 120 && management.createJobQuery().processInstanceId(pid).messages().count() > 0; i++) {
            sleep(250);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
