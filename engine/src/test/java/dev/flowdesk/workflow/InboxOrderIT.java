package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: the inbox is ordered by the ticket's priority and SLA by default (a new P1 comes before older P4s), and
 * by creation time on request; the order is an allow-list.
 */
class InboxOrderIT extends PostgresEngineTest {

    @Test
    void aNewUrgentTicketComesFirstAndTheOrderIsSelectable() {
        String run = Long.toString(System.nanoTime(), 36);
        long low = open("Low " + run, "LOW", "LOW");
        long high = open("High " + run, "HIGH", "HIGH");
        long medium = open("Medium " + run, "MEDIUM", "MEDIUM");

        List<Long> urgency = ticketsInInbox(null, List.of(low, high, medium));
        assertThat(urgency).containsExactly(high, medium, low);
        Map<Long, String> priorities = new java.util.HashMap<>();
        for (long id : List.of(low, high, medium)) {
            priorities.put(id, as("bob").get("/api/tickets/" + id).json("/priority").asText());
        }
        assertThat(priorities.get(high)).isLessThan(priorities.get(medium));
        assertThat(priorities.get(medium)).isLessThan(priorities.get(low));

        assertThat(ticketsInInbox("created", List.of(low, high, medium))).containsExactly(low, high, medium);
        assertThat(ticketsInInbox("newest", List.of(low, high, medium))).containsExactly(medium, high, low);

        Response bad = as("bob").get("/api/tasks?sort=ticket.subject;drop");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json("/errors/0/path").asText()).isEqualTo("sort");
    }

    @Test
    void pagesOfTheOrderedInboxAddUpToTheTotal() {
        Response first = as("bob").get("/api/tasks?size=5");
        long total = first.json("/total").asLong();
        assertThat(total).isPositive();
        List<String> seen = new ArrayList<>();
        for (int page = 0; page * 5L < Math.min(total, 40); page++) {
            for (JsonNode task : as("bob").get("/api/tasks?size=5&page=" + page).json("/items")) {
                seen.add(task.get("id").asText());
            }
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize((int) Math.min(total, 40));
        assertThat(as("alice").get("/api/tasks").status()).isEqualTo(403);
    }

    private long open(String subject, String impact, String urgency) {
        Response created = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "-", "impact", impact, "urgency", urgency)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.json("/ticketId").asLong();
    }

    /** The order in which bob's inbox lists the tasks of {@code tickets} (all pages). */
    private List<Long> ticketsInInbox(String sort, List<Long> tickets) {
        List<Long> order = new ArrayList<>();
        long total = Long.MAX_VALUE;
        for (int page = 0; (long) page * 200 < total; page++) {
            Response response = as("bob").get("/api/tasks?size=200&page=" + page + (sort == null ? "" : "&sort=" + sort));
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            total = response.json("/total").asLong();
            for (JsonNode task : response.json("/items")) {
                long ticket = task.at("/ticket/id").asLong();
                if (tickets.contains(ticket)) {
                    order.add(ticket);
                }
            }
        }
        return order;
    }
}
