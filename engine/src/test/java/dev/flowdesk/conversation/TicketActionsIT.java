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

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void waitingForCustomerReopenAndConfirm() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Outlook password prompt loops", "description", "every 5 minutes",
                "impact", "MEDIUM", "urgency", "MEDIUM"))).json("/ticketId").asLong();
        assertThat(status(alice, id)).isEqualTo("OPEN");
        assertThat(waited(id)).isFalse();

        // the agent asks; the requester may not use the agent's action
        assertThat(alice.post("/api/tickets/" + id + "/request-info", Map.of("question", "?")).status()).isEqualTo(403);
        Response asked = bob.post("/api/tickets/" + id + "/request-info",
                Map.of("question", "Which Outlook version do you use?"));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        assertThat(asked.json("/status").asText()).isEqualTo("WAITING_CUSTOMER");
        // kept for the reports: a ticket that waited for its customer is no first-contact resolution
        assertThat(waited(id)).isTrue();

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

    @Test
    void theButtonsAreWhatTheProcessWaitsForAndWhoMayPressThem() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = incident(alice, "Outlook search finds nothing");
        assertThat(actions(alice, id)).containsExactly("withdraw");
        assertThat(actions(bob, id)).containsExactly("request-info", "withdraw");
        assertThat(as("frank").get("/api/tickets/" + id + "/actions").status()).isEqualTo(404);

        bob.post("/api/tickets/" + id + "/request-info", Map.of("question", "Which Outlook version?"));
        assertThat(actions(bob, id)).containsExactly("withdraw");
        alice.post("/api/tickets/" + id + "/articles", Map.of("body", "The new one"));
        resolve(bob, id, "Rebuilt the search index");
        assertThat(actions(alice, id)).containsExactly("confirm", "reopen", "withdraw");
        assertThat(actions(bob, id)).containsExactly("reopen", "withdraw");

        // reopening says why; the reason becomes the requester's public reply
        Response noReason = alice.post("/api/tickets/" + id + "/reopen", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.raw()).contains("reason");
        Response reopened = alice.post("/api/tickets/" + id + "/reopen", Map.of("reason", "It dropped again at 10:00"));
        assertThat(reopened.status()).as(reopened.raw()).isEqualTo(200);
        assertThat(reopened.json("/status").asText()).isIn("REOPENED", "OPEN");
        assertThat(alice.get("/api/tickets/" + id + "/conversation").raw()).contains("It dropped again at 10:00");
        assertThat(actions(alice, id)).containsExactly("withdraw");
        assertThat(alice.post("/api/tickets/" + id + "/reopen", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(alice.post("/api/tickets/" + id + "/confirm", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aWithdrawnTicketEndsItsProcessAndLeavesTheInbox() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = incident(alice, "Outlook shows an old signature");
        String taskId = taskOf(bob, id);
        assertThat(taskId).isNotNull();

        Response withdrawn = alice.post("/api/tickets/" + id + "/withdraw", Map.of("reason", "It was the cable"));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.json("/status").asText()).isEqualTo("CANCELLED");
        assertThat(withdrawn.json("/currentActivities").size()).isZero();
        assertThat(taskOf(bob, id)).isNull();
        assertThat(bob.get("/api/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(actions(alice, id)).isEmpty();
        assertThat(alice.get("/api/tickets/" + id + "/conversation").raw()).contains("It was the cable");
        Response again = alice.post("/api/tickets/" + id + "/withdraw", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        // someone else's ticket cannot be withdrawn, nor even seen
        long other = incident(as("lena"), "Lena's dock is dead");
        assertThat(alice.post("/api/tickets/" + other + "/withdraw", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aTaskIsHandedToANamedAgentOfItsGroupsOrToAnotherGroup() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        ApiClient frank = as("frank");
        long id = incident(alice, "Cannot print invoices");
        String taskId = taskOf(bob, id);

        Response notCandidate = bob.post("/api/tasks/" + taskId + "/assign", Map.of("assignee", "frank"));
        assertThat(notCandidate.status()).isEqualTo(400);
        assertThat(notCandidate.raw()).contains("assignee").contains("frank");
        assertThat(bob.post("/api/tasks/" + taskId + "/assign", Map.of("assignee", "nobody")).status()).isEqualTo(400);
        assertThat(bob.post("/api/tasks/" + taskId + "/assign", Map.of()).status()).isEqualTo(400);
        assertThat(bob.post("/api/tasks/" + taskId + "/assign", Map.of("group", "no-such-group")).raw())
                .contains("group");
        assertThat(alice.post("/api/tasks/" + taskId + "/assign", Map.of("assignee", "bob")).status())
                .isIn(403, 404);

        Response mine = bob.post("/api/tasks/" + taskId + "/assign", Map.of("assignee", "bob"));
        assertThat(mine.status()).as(mine.raw()).isEqualTo(200);
        assertThat(mine.json("/assignee").asText()).isEqualTo("bob");
        assertThat(alice.get("/api/tickets/" + id).json("/assignee").asText()).isEqualTo("bob");

        // handed to the network team: the ticket moves to that queue, frank sees the task, bob no longer
        Response handed = bob.post("/api/tasks/" + taskId + "/assign", Map.of("group", "network"));
        assertThat(handed.status()).as(handed.raw()).isEqualTo(200);
        assertThat(handed.json("/assignee").isNull()).isTrue();
        assertThat(handed.json("/candidateGroups").toString()).isEqualTo("[\"network\"]");
        assertThat(frank.get("/api/tickets/" + id).json("/queue").asText()).isEqualTo("network");
        assertThat(taskOf(frank, id)).isEqualTo(taskId);
        assertThat(taskOf(bob, id)).isNull();
        Response franks = frank.post("/api/tasks/" + taskId + "/assign", Map.of("assignee", "frank"));
        assertThat(franks.status()).as(franks.raw()).isEqualTo(200);
        // the claim stays the lock: only its holder or an administrator hands a held task on
        assertThat(as("admin").post("/api/tasks/" + taskId + "/assign", Map.of("group", "service-desk")).status())
                .isEqualTo(200);
        assertThat(alice.get("/api/tickets/" + id + "/history").raw()).contains("Handed task")
                .contains("to group network");
    }

    @Test
    void agentsPickPeopleAndGroupsRequestersCannot() {
        assertThat(as("alice").get("/api/users?q=frank").status()).isEqualTo(403);
        assertThat(as("alice").get("/api/groups").status()).isEqualTo(403);
        ApiClient bob = as("bob");
        Response found = bob.get("/api/users?q=FRAN");
        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        assertThat(found.body().findValuesAsText("id")).contains("frank");
        assertThat(found.body().findValuesAsText("email")).contains("frank@example.com");
        assertThat(found.raw()).doesNotContain("password");
        assertThat(bob.get("/api/users?q=example.com&group=network").body().findValuesAsText("id"))
                .containsExactly("frank");
        assertThat(bob.get("/api/groups").body().findValuesAsText("id")).contains("service-desk", "network")
                .doesNotContain("camunda-admin", "designers");
    }

    private static long incident(ApiClient requester, String subject) {
        Response created = requester.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "since this morning", "impact", "LOW", "urgency", "MEDIUM")));
        assertThat(created.status()).as(created.raw()).isIn(200, 201);
        return created.json("/ticketId").asLong();
    }

    private static List<String> actions(ApiClient client, long id) {
        Response actions = client.get("/api/tickets/" + id + "/actions");
        assertThat(actions.status()).as(actions.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        actions.body().forEach(a -> names.add(a.asText()));
        return names;
    }

    private static String taskOf(ApiClient agent, long ticketId) {
        for (JsonNode task : agent.get("/api/tasks?size=200").body().get("items")) {
            if (task.at("/ticket/id").asLong() == ticketId) {
                return task.get("id").asText();
            }
        }
        return null;
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

    private boolean waited(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select waited_for_customer from ticket where id = ?",
                Boolean.class, id));
    }
}
