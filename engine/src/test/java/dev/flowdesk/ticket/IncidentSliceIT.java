package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation slice over real HTTP, on a real PostgreSQL, with the real engine, rules and forms: a requester
 * reports an incident through the form, an agent claims and resolves it, the requester sees it resolved with the
 * decision and the history.
 */
class IncidentSliceIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;

    ApiClient alice;
    ApiClient bob;
    ApiClient erin;
    ApiClient frank;
    ApiClient admin;

    @BeforeEach
    void users() {
        if (identity.createUserQuery().userId("erin").count() == 0) { // a second agent of the same queue
            var erinUser = identity.newUser("erin");
            erinUser.setPassword("erin-secret");
            erinUser.setEmail("erin@example.com");
            identity.saveUser(erinUser);
            identity.createMembership("erin", "service-desk");
        }
        alice = ApiClient.as(port, "alice", "demo");
        bob = ApiClient.as(port, "bob", "demo");
        erin = ApiClient.as(port, "erin", "erin-secret");
        frank = ApiClient.as(port, "frank", "demo");
        admin = ApiClient.as(port, "admin", "demo");
    }

    @Test
    void incidentTravelsFromFormToResolved() {
        // given: alice reports an incident with a bad submission first
        long ticketsBefore = count("ticket");
        long auditBefore = count("audit_event");
        Response invalid = alice.post("/api/forms/report-incident/submissions",
                Map.of("data", Map.of("description", "no subject", "impact", "HIGH", "urgency", "MEDIUM")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(paths(invalid)).contains("data.subject");
        assertThat(count("ticket")).isEqualTo(ticketsBefore);
        assertThat(count("audit_event")).isEqualTo(auditBefore);

        Response badSelect = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "x", "description", "y", "impact", "ENORMOUS", "urgency", "MEDIUM")));
        assertThat(badSelect.status()).isEqualTo(400);
        assertThat(paths(badSelect)).contains("data.impact");

        // when: a valid submission
        Response created = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Cannot reset my password",
                "description", "The self-service password page says my account is locked.",
                "impact", "HIGH", "urgency", "MEDIUM")));

        // then: a ticket, classified by the rules, waiting in the service desk's queue
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();
        assertThat(created.body().get("number").asText()).matches("FD-\\d{6}");
        assertThat(created.body().get("processInstanceId").asText()).isNotBlank();

        JsonNode ticket = alice.get("/api/tickets/" + id).body();
        assertThat(ticket.get("status").asText()).isEqualTo("OPEN");
        assertThat(ticket.get("category").asText()).isEqualTo("password");
        assertThat(ticket.get("queue").asText()).isEqualTo("service-desk");
        assertThat(ticket.get("priority").asText()).isEqualTo("P2");
        assertThat(ticket.at("/decision/rulesFired")).isNotEmpty();
        assertThat(ticket.at("/sla/resolutionDue").asText()).isNotBlank();
        assertThat(ticket.at("/currentActivities/0/id").asText()).isEqualTo("Task_ResolveIncident");

        // the task is in bob's inbox, not in frank's (other queues) and not reachable for alice
        JsonNode task = taskOf(bob.get("/api/tasks?size=200").body().get("items"), id);
        assertThat(task).as("bob sees the task").isNotNull();
        assertThat(task.get("name").asText()).isEqualTo("Resolve incident");
        assertThat(task.get("formKey").asText()).isEqualTo("resolve-incident");
        String taskId = task.get("id").asText();
        assertThat(taskOf(frank.get("/api/tasks?size=200").body().get("items"), id)).isNull();
        assertThat(alice.get("/api/tasks").status()).isEqualTo(403);

        // a non-candidate cannot complete: alice is no agent (403), frank cannot even see the ticket (404)
        Map<String, Object> resolution = Map.of("data", Map.of("resolution", "Unlocked the account in AD."));
        assertThat(alice.post("/api/tasks/" + taskId + "/complete", resolution).status()).isEqualTo(403);
        assertThat(frank.post("/api/tasks/" + taskId + "/complete", resolution).status()).isEqualTo(404);

        // bob claims; erin (same queue) is refused with 409 and cannot complete it either
        Response claimed = bob.post("/api/tasks/" + taskId + "/claim", Map.of());
        assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
        assertThat(claimed.body().get("assignee").asText()).isEqualTo("bob");
        Response stolen = erin.post("/api/tasks/" + taskId + "/claim", Map.of());
        assertThat(stolen.status()).isEqualTo(409);
        assertThat(stolen.contentType()).startsWith("application/problem+json");
        assertThat(erin.post("/api/tasks/" + taskId + "/complete", resolution).status()).isEqualTo(409);

        // the task form is the resolve-incident form
        Response form = bob.get("/api/tasks/" + taskId + "/form");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body().at("/definition/components").isArray()).isTrue();

        // an invalid completion names the field and changes nothing
        Response badCompletion = bob.post("/api/tasks/" + taskId + "/complete", Map.of("data", Map.of()));
        assertThat(badCompletion.status()).isEqualTo(400);
        assertThat(paths(badCompletion)).contains("data.resolution");
        assertThat(alice.get("/api/tickets/" + id).body().get("status").asText()).isEqualTo("OPEN");

        // when: bob resolves it
        Response completed = bob.post("/api/tasks/" + taskId + "/complete", resolution);
        assertThat(completed.status()).as(completed.raw()).isEqualTo(204);

        // then: completing twice answers 409 and changes nothing
        long auditAfterCompletion = count("audit_event");
        assertThat(bob.post("/api/tasks/" + taskId + "/complete", resolution).status()).isEqualTo(409);
        assertThat(count("audit_event")).isEqualTo(auditAfterCompletion);

        // and alice sees her ticket resolved, with the decision and the whole history
        JsonNode resolved = alice.get("/api/tickets/" + id).body();
        assertThat(resolved.get("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolution").asText()).isEqualTo("Unlocked the account in AD.");
        assertThat(resolved.get("assignee").asText()).isEqualTo("bob");
        assertThat(resolved.get("resolvedAt").asText()).isNotBlank();
        assertThat(resolved.at("/decision/ruleSetVersion").asText()).isNotBlank();
        // resolved, the incident waits for the requester's confirmation (or closes itself after the period)
        assertThat(resolved.get("currentActivities")).hasSize(1);
        assertThat(resolved.at("/currentActivities/0/id").asText()).isEqualTo("Task_AwaitConfirmation");

        List<String> history = new ArrayList<>();
        alice.get("/api/tickets/" + id + "/history").body().forEach(e -> history.add(e.get("type").asText()));
        assertThat(history).containsSubsequence("CREATED", "CLASSIFIED", "STATUS_CHANGED", "PROCESS_STARTED",
                "ASSIGNED", "TASK_COMPLETED", "STATUS_CHANGED");
        JsonNode lastStatus = StreamSupport.stream(alice.get("/api/tickets/" + id + "/history").body().spliterator(), false)
                .filter(e -> e.get("type").asText().equals("STATUS_CHANGED")).reduce((a, b) -> b).orElseThrow();
        assertThat(lastStatus.at("/after/status").asText()).isEqualTo("RESOLVED");
        assertThat(lastStatus.get("actor").asText()).isEqualTo("bob");

        // alice's own list has it
        JsonNode mine = alice.get("/api/tickets?view=mine").body();
        assertThat(ids(mine)).contains(id);
    }

    @Test
    void requestersSeeOnlyTheirOwnTickets() {
        // given: bob opens a ticket for himself and one for another requester
        Response forBob = bob.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "VPN drops every hour",
                "description", "since the update", "impact", "LOW", "urgency", "LOW"));
        assertThat(forBob.status()).as(forBob.raw()).isEqualTo(201);
        Response forSomeone = bob.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "Printer jam",
                "description", "floor 2", "requester", "someone@example.com", "impact", "LOW", "urgency", "LOW"));
        assertThat(forSomeone.status()).isEqualTo(201);
        long bobsTicket = forBob.body().get("ticketId").asLong();
        long someonesTicket = forSomeone.body().get("ticketId").asLong();

        // then: alice gets 404 for both, exactly as for an id that does not exist
        for (long other : List.of(bobsTicket, someonesTicket, 999_999L)) {
            Response response = alice.get("/api/tickets/" + other);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(alice.get("/api/tickets/" + other + "/history").status()).isEqualTo(404);
        }
        assertThat(ids(alice.get("/api/tickets?view=all&size=200").body())).doesNotContain(bobsTicket, someonesTicket);
        // the admin sees everything; a requester may not create tickets directly
        assertThat(admin.get("/api/tickets/" + someonesTicket).status()).isEqualTo(200);
        assertThat(alice.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "x")).status()).isEqualTo(403);
    }

    @Test
    void unauthenticatedAndMalformedRequestsGetProblems() {
        Response health = ApiClient.anonymous(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json("/status").asText()).isEqualTo("UP");

        Response openApi = ApiClient.anonymous(port).get("/api/docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json("/paths").has("/api/tickets/{id}")).isTrue();
        assertThat(openApi.json("/paths").has("/api/forms/{key}/submissions")).isTrue();

        Response anonymous = ApiClient.anonymous(port).get("/api/tickets");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        // An unknown user: a wrong password for a real one would start Camunda's login delay for later tests.
        assertThat(ApiClient.as(port, "nobody", "wrong").get("/api/me").status()).isEqualTo(401);

        Response malformed = bob.postRaw("/api/tickets", "application/json", "{\"type\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Response missingSubject = bob.post("/api/tickets", Map.of("type", "INCIDENT", "description", "x"));
        assertThat(missingSubject.status()).isEqualTo(400);
        assertThat(paths(missingSubject)).containsExactly("subject");
        Response longCategory = bob.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "x",
                "category", "c".repeat(61)));
        assertThat(paths(longCategory)).containsExactly("category");
        Response hugeFields = bob.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "x",
                "fields", Map.of("blob", "b".repeat(100_001))));
        assertThat(paths(hugeFields)).containsExactly("fields");
        Response badType = bob.post("/api/tickets", Map.of("type", "BANANA", "subject", "x"));
        assertThat(paths(badType)).containsExactly("type");

        // Camunda's own REST API is for administrators only
        assertThat(bob.get("/engine-rest/task").status()).isEqualTo(403);
        assertThat(admin.get("/engine-rest/engine").status()).isEqualTo(200);
    }

    @Test
    void ticketNumbersStayUniqueUnderConcurrency() throws Exception {
        int threads = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return bob.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "Parallel " + n,
                        "impact", "MEDIUM", "urgency", "MEDIUM"));
            }));
        }
        start.countDown();
        List<String> numbers = new ArrayList<>();
        for (var future : futures) {
            Response response = future.get();
            assertThat(response.status()).as(response.raw()).isEqualTo(201);
            numbers.add(response.body().get("number").asText());
        }
        pool.shutdown();
        assertThat(numbers).doesNotHaveDuplicates().hasSize(threads);
    }

    @Test
    void oneTaskCompletedFromSeveralConnectionsAtOnceIsDoneOnceAndNeverFailsWith500() throws Exception {
        // the same agent in several browser tabs (or an API client retrying): one completion wins; the others wait
        // for it (the task's row is held by the first) and are told the task was already completed (409)
        for (int round = 0; round < 4; round++) {
            Response created = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                    "subject", "Cannot reset my password, double click " + round, "description", "Locked.",
                    "impact", "HIGH", "urgency", "MEDIUM")));
            String taskId = jdbc.queryForObject("select ID_ from ACT_RU_TASK where PROC_INST_ID_ = ?", String.class,
                    created.body().get("processInstanceId").asText());
            assertThat(bob.post("/api/tasks/" + taskId + "/claim", Map.of()).status()).isEqualTo(200);
            int threads = 4;
            var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return bob.post("/api/tasks/" + taskId + "/complete",
                            Map.of("data", Map.of("resolution", "Done once.")));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var future : futures) {
                Response response = future.get();
                assertThat(response.status()).as(response.raw()).isIn(200, 204, 409);
                statuses.add(response.status());
            }
            pool.shutdown();
            assertThat(statuses.stream().filter(s -> s < 300).count()).as(statuses.toString()).isEqualTo(1);
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static List<String> paths(Response problem) {
        List<String> paths = new ArrayList<>();
        problem.body().path("errors").forEach(e -> paths.add(e.get("path").asText()));
        return paths;
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(t -> ids.add(t.get("id").asLong()));
        return ids;
    }

    private static JsonNode taskOf(JsonNode tasks, long ticketId) {
        for (JsonNode task : tasks) {
            if (task.at("/ticket/id").asLong() == ticketId) {
                return task;
            }
        }
        return null;
    }
}
