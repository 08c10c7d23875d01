package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a requester sees of their ticket's history: the resolution, never internal routing or notes. */
class RequesterHistoryIT extends PostgresEngineTest {

    @Autowired
    TicketProgress progress;

    @Test
    void requesterSeesTheResolutionRecordedOnTheirTicket() {
        // given: alice's incident, resolved by the problem that fixed it (as resolveLinkedIncidents does)
        Response opened = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Mail server unreachable", "description", "since 9", "impact", "LOW", "urgency", "LOW")));
        assertThat(opened.status()).isEqualTo(201);
        long id = opened.json("/ticketId").asLong();
        progress.resolveWith(id, "Restarted the mail relay", "system", "Resolved by problem FD-000001");
        progress.reroute(id, "network", "bob");

        // when: alice reads the history
        Response history = as("alice").get("/api/tickets/" + id + "/history");

        // then: the resolution is there, the internal re-routing is not
        assertThat(history.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode event : history.body()) {
            types.add(event.get("type").asText());
        }
        assertThat(types).contains("CREATED", "RESOLUTION_RECORDED").doesNotContain("ROUTED");
        assertThat(as("bob").get("/api/tickets/" + id + "/history").raw()).contains("ROUTED");
    }
}
