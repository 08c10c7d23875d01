package dev.flowdesk.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incident's conversation loop over HTTP: an agent asks, the ticket waits for the customer, the reply brings it
 * back; resolved, a reply reopens it; the requester's confirmation closes it. Actions the model is not waiting for
 * answer 409.
 */
class TicketActionsIT extends PostgresEngineTest {

    @Test
    void waitingForCustomerReopenAndConfirm() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Outlook password prompt loops", "description", "every 5 minutes",
                "impact", "MEDIUM", "urgency", "MEDIUM"))).json("/ticketId").asLong();
        assertThat(status(alice, id)).isEqualTo("OPEN");

        // the agent asks; the requester may not use the agent's action
        assertThat(alice.post("/api/tickets/" + id + "/request-info", Map.of("question", "?")).status()).isEqualTo(403);
        Response asked = bob.post("/api/tickets/" + id + "/request-info",
                Map.of("question", "Which Outlook version do you use?"));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        assertThat(asked.json("/status").asText()).isEqualTo("WAITING_CUSTOMER");

        // the customer's reply brings the ticket back to the queue
        assertThat(alice.post("/api/tickets/" + id + "/articles", Map.of("body", "Outlook 2021")).status())
                .isEqualTo(201);
        assertThat(status(alice, id)).isEqualTo("OPEN");

        // resolved; a reply within the window reopens it; resolved again; confirmed: closed
        resolve(bob, id, "Re-created the mail profile");
        assertThat(status(alice, id)).isEqualTo("RESOLVED");
        assertThat(bob.post("/api/tickets/" + id + "/request-info", Map.of("question", "still?")).status())
                .isEqualTo(409);
        alice.post("/api/tickets/" + id + "/articles", Map.of("body", "It is back again"));
        assertThat(status(alice, id)).isIn("REOPENED", "OPEN");
        resolve(bob, id, "Removed the stale credential");
        Response confirmed = alice.post("/api/tickets/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.json("/status").asText()).isEqualTo("CLOSED");

        // nothing waits any more
        Response again = alice.post("/api/tickets/" + id + "/confirm", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(as("frank").post("/api/tickets/" + id + "/confirm", Map.of()).status()).isEqualTo(404);

        List<String> statuses = new ArrayList<>();
        for (JsonNode event : alice.get("/api/tickets/" + id + "/history").body()) {
            if (event.get("type").asText().equals("STATUS_CHANGED")) {
                statuses.add(event.at("/after/status").asText());
            }
        }
        assertThat(statuses).containsSubsequence("OPEN", "WAITING_CUSTOMER", "OPEN", "RESOLVED", "RESOLVED", "CLOSED");
    }

    private static void resolve(ApiClient bob, long ticketId, String resolution) {
        String taskId = null;
        for (JsonNode task : bob.get("/api/tasks").body().get("items")) {
            if (task.at("/ticket/id").asLong() == ticketId) {
                taskId = task.get("id").asText();
            }
        }
        assertThat(taskId).as("open task of ticket " + ticketId).isNotNull();
        Response done = bob.post("/api/tasks/" + taskId + "/complete", Map.of("data", Map.of("resolution", resolution)));
        assertThat(done.status()).as(done.raw()).isEqualTo(204);
    }

    private static String status(ApiClient client, long id) {
        return client.get("/api/tickets/" + id).json("/status").asText();
    }
}
