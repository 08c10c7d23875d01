package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10: the requester follows where the ticket stands in its model (also inside the approval it called, and
 * after a timer fired), may read that model for the diagram, and rates the help once.
 */
class ProgressAndRatingIT extends PostgresEngineTest {

    @Autowired
    ManagementService management;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    @BeforeEach
    void anotherRequester() {
        if (identity.createUserQuery().userId("zed").count() == 0) {
            User user = identity.newUser("zed");
            user.setPassword("demo");
            user.setEmail("zed@example.com");
            identity.saveUser(user);
        }
    }

    @Test
    void progressShowsTheCalledApprovalAndATimerThatFired() {
        Response created = as("alice").post("/api/forms/request-service/submissions", Map.of("data", Map.of(
                "catalogueItem", "other", "subject", "A second monitor", "justification", "eyes",
                "fulfilmentItems", List.of(Map.of("subject", "Monitor", "category", "hardware")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();

        Response progress = as("alice").get("/api/tickets/" + id + "/progress");
        assertThat(progress.status()).as(progress.raw()).isEqualTo(200);
        JsonNode top = progress.body();
        assertThat(top.get("processDefinitionId").asText()).startsWith("service-request:");
        assertThat(top.get("version").asInt()).isPositive();
        assertThat(texts(top.get("activeActivityIds"))).contains("CallActivity_ApproveRequest");
        assertThat(texts(top.get("completedActivityIds"))).contains("StartEvent_ServiceRequested",
                "Task_DetermineApprovers");
        JsonNode approval = top.get("children").get(0);
        assertThat(approval.get("calledBy").asText()).isEqualTo("CallActivity_ApproveRequest");
        assertThat(approval.get("processDefinitionKey").asText()).isEqualTo("approval");
        assertThat(texts(approval.get("activeActivityIds"))).contains("Task_Approve");

        // the approval's overdue timer fires: the progress shows it completed, the vote still open
        Job timer = management.createJobQuery().processInstanceId(approval.get("processInstanceId").asText())
                .timers().activityId("Timer_ApprovalOverdue").singleResult();
        assertThat(timer).isNotNull();
        management.executeJob(timer.getId());
        JsonNode after = as("alice").get("/api/tickets/" + id + "/progress").body().get("children").get(0);
        assertThat(texts(after.get("completedActivityIds"))).contains("Timer_ApprovalOverdue");
        assertThat(texts(after.get("activeActivityIds"))).contains("Task_Approve");

        // the model for the diagram: the requester with the ticket; not without it; not a stranger
        String definition = top.get("processDefinitionId").asText();
        Response xml = as("alice").get("/api/processes/" + definition + "/xml?ticket=" + id);
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.raw()).contains("CallActivity_ApproveRequest");
        assertThat(as("alice").get("/api/processes/" + approval.get("processDefinitionId").asText() + "/xml?ticket="
                + id).status()).isEqualTo(200);
        assertThat(as("alice").get("/api/processes/" + definition + "/xml").status()).isEqualTo(403);
        assertThat(as("zed").get("/api/processes/" + definition + "/xml?ticket=" + id).status()).isEqualTo(404);
        assertThat(as("zed").get("/api/tickets/" + id + "/progress").status()).isEqualTo(404);
        assertThat(as("bob").get("/api/processes/" + definition + "/xml").status()).isEqualTo(200);
    }

    @Test
    void theRequesterRatesAResolvedTicketOnce() {
        long id = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Outlook password prompt loops", "description", "every 5 minutes", "impact", "MEDIUM",
                "urgency", "MEDIUM")))
                .json("/ticketId").asLong();
        assertThat(as("alice").post("/api/tickets/" + id + "/rating", Map.of("score", 5)).status())
                .as("not resolved yet").isEqualTo(409);

        String pid = as("bob").get("/api/tickets/" + id).json("/processInstanceId").asText();
        String task = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
        Response done = as("bob").post("/api/tasks/" + task + "/complete",
                Map.of("data", Map.of("resolution", "New cable")));
        assertThat(done.status()).as(done.raw()).isEqualTo(204);

        assertThat(as("bob").post("/api/tickets/" + id + "/rating", Map.of("score", 5)).status()).isEqualTo(403);
        assertThat(as("zed").post("/api/tickets/" + id + "/rating", Map.of("score", 5)).status()).isEqualTo(404);
        Response bad = as("alice").post("/api/tickets/" + id + "/rating", Map.of("score", 6));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json("/errors/0/path").asText()).isEqualTo("score");

        Response rated = as("alice").post("/api/tickets/" + id + "/rating",
                Map.of("score", 4, "comment", "Quick, thanks"));
        assertThat(rated.status()).as(rated.raw()).isEqualTo(201);
        assertThat(rated.json("/score").asInt()).isEqualTo(4);
        // the rating keeps whose work it rates and the queue, for the reports per agent and queue
        assertThat(rated.json("/agent").asText()).isEqualTo("bob");
        assertThat(rated.json("/queue").asText()).isEqualTo(as("bob").get("/api/tickets/" + id).json("/queue").asText());
        Response again = as("alice").post("/api/tickets/" + id + "/rating", Map.of("score", 1));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(as("bob").get("/api/tickets/" + id + "/rating").json("/comment").asText())
                .isEqualTo("Quick, thanks");
        boolean onHistory = false;
        for (JsonNode event : as("alice").get("/api/tickets/" + id + "/history").body()) {
            onHistory |= event.get("type").asText().equals("RATED");
        }
        assertThat(onHistory).isTrue();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
