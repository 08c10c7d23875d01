package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/tasks/{id}}: the browser opens a task by its id, so a task beyond the first inbox page opens like
 * any other (it used to scan the first page and answer "no longer open for you"), and a user who may not work on it
 * gets the 404 of an unknown id.
 */
class TaskByIdIT extends PostgresEngineTest {

    private static final int PAGE_SIZE = 2;

    @Autowired
    TaskService engineTasks;

    @Test
    void aTaskBeyondTheFirstInboxPageOpensByItsId() {
        // given: more service-desk tasks than one inbox page holds (password tickets go to the service desk)
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        List<String> created = new ArrayList<>();
        for (int i = 0; i <= PAGE_SIZE; i++) {
            long ticketId = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                    "subject", "Password " + i + " expired", "description", "cannot log in", "impact", "LOW",
                    "urgency", "LOW"))).json("/ticketId").asLong();
            created.add(taskOf(ticketId));
        }
        Response firstPage = bob.get("/api/tasks?filter=candidate&page=0&size=" + PAGE_SIZE);
        assertThat(firstPage.status()).as(firstPage.raw()).isEqualTo(200);
        assertThat(firstPage.json("/total").asLong()).isGreaterThan(PAGE_SIZE);
        Set<String> onFirstPage = new HashSet<>();
        firstPage.body().get("items").forEach(row -> onFirstPage.add(row.get("id").asText()));
        String beyond = created.stream().filter(id -> !onFirstPage.contains(id)).reduce((a, b) -> b).orElseThrow();

        // when: bob opens it by its id
        Response opened = bob.get("/api/tasks/" + beyond);

        // then: the same view as an inbox row
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        JsonNode task = opened.body();
        assertThat(task.get("id").asText()).isEqualTo(beyond);
        assertThat(task.get("name").asText()).isEqualTo("Resolve incident");
        assertThat(task.get("formKey").asText()).isEqualTo("resolve-incident");
        assertThat(task.get("assignee").isNull()).isTrue();
        assertThat(task.at("/candidateGroups/0").asText()).isEqualTo("service-desk");
        assertThat(task.at("/ticket/subject").asText()).startsWith("Password ");

        // and the assignee still opens it after claiming; an admin may too
        assertThat(bob.post("/api/tasks/" + beyond + "/claim", Map.of()).status()).isEqualTo(200);
        assertThat(bob.get("/api/tasks/" + beyond).json("/assignee").asText()).isEqualTo("bob");
        assertThat(as("admin").get("/api/tasks/" + beyond).status()).isEqualTo(200);
    }

    @Test
    void whoMayNotWorkOnATaskGetsTheNotFoundOfAnUnknownId() {
        // given: a service-desk task
        long ticketId = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Password expired again", "description", "cannot log in", "impact", "LOW",
                "urgency", "LOW"))).json("/ticketId").asLong();
        String taskId = taskOf(ticketId);

        // then: frank (other queues), carol (approver), alice (its requester) and dora (designer) get 404, not 403
        for (String user : List.of("frank", "carol", "alice", "dora")) {
            Response response = as(user).get("/api/tasks/" + taskId);
            assertThat(response.status()).as(user + ": " + response.raw()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(as("bob").get("/api/tasks/no-such-task").status()).isEqualTo(404);

        // and a completed task is no longer open, even for the one who completed it
        ApiClient bob = as("bob");
        Response completed = bob.post("/api/tasks/" + taskId + "/complete",
                Map.of("data", Map.of("resolution", "Sent a reset link.")));
        assertThat(completed.status()).as(completed.raw()).isEqualTo(204);
        assertThat(bob.get("/api/tasks/" + taskId).status()).isEqualTo(404);
    }

    private String taskOf(long ticketId) {
        String processInstance = as("admin").get("/api/tickets/" + ticketId).json("/processInstanceId").asText();
        return engineTasks.createTaskQuery().processInstanceId(processInstance).singleResult().getId();
    }
}
