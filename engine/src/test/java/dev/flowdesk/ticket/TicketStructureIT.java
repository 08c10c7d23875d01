package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merge, split, links, bulk work and time on PostgreSQL over HTTP: every article, file and minute survives a merge or
 * a split, the merged ticket's process ends and leaves the inbox, and the rules of who may do what hold.
 */
class TicketStructureIT extends PostgresEngineTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    TaskService tasks;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMergeMovesConversationFilesTimeAndLinksAndEndsTheMergedProcess() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long source = incident(alice, "Outlook crashes on start");
        long target = incident(alice, "Outlook crashes again");
        long related = incident(alice, "Outlook calendar empty");
        assertThat(alice.post("/api/tickets/" + source + "/articles", Map.of("body", "It crashes in safe mode too")).status())
                .isEqualTo(201);
        assertThat(bob.post("/api/tickets/" + source + "/articles", Map.of("body", "Checked the add-ins",
                "visibility", "INTERNAL")).status()).isEqualTo(201);
        Response file = bob.postFile("/api/tickets/" + source + "/attachments", "file", "addins.txt",
                "add-in log".getBytes(StandardCharsets.UTF_8));
        assertThat(file.status()).as(file.raw()).isEqualTo(201);
        assertThat(bob.post("/api/tickets/" + source + "/time", Map.of("minutes", 30, "activity", "phone")).status())
                .isEqualTo(201);
        assertThat(bob.post("/api/tickets/" + source + "/links", Map.of("type", "caused-by", "ticketId", related))
                .status()).isEqualTo(201);
        String sourcePid = bob.get("/api/tickets/" + source).json("/processInstanceId").asText();
        int sourceArticles = bob.get("/api/tickets/" + source + "/conversation").body().size();
        int targetArticles = bob.get("/api/tickets/" + target + "/conversation").body().size();
        assertThat(sourceArticles).isGreaterThanOrEqualTo(2);
        assertThat(tasks.createTaskQuery().processInstanceId(sourcePid).count()).isPositive();

        // who may merge: not the requester (403), not an agent who cannot see both (404), not into itself (400)
        assertThat(alice.post("/api/tickets/" + source + "/merge", Map.of("into", target)).status()).isEqualTo(403);
        assertThat(as("frank").post("/api/tickets/" + source + "/merge", Map.of("into", target)).status())
                .isEqualTo(404);
        Response self = bob.post("/api/tickets/" + source + "/merge", Map.of("into", source));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.raw()).contains("\"into\"");
        assertThat(bob.post("/api/tickets/" + source + "/merge", Map.of("into", target, "version", -1)).status())
                .isEqualTo(409);

        Response merged = bob.post("/api/tickets/" + source + "/merge", Map.of("into", target));
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(merged.json("/id").asLong()).isEqualTo(target);

        Response closed = bob.get("/api/tickets/" + source);
        assertThat(closed.json("/status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json("/resolution").asText()).startsWith("Merged into FD-");
        assertThat(types(closed.json("/links"))).contains("DUPLICATE_OF");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(sourcePid).count()).isZero();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(sourcePid).singleResult()
                .getDeleteReason()).contains("Merged into");
        assertThat(jdbc.queryForObject("select count(*) from inbox_entry where ticket_id = ?", Long.class, source))
                .isZero();
        // every article, the file and the time are on the target now; the link followed
        assertThat(bob.get("/api/tickets/" + source + "/conversation").body().size()).isZero();
        assertThat(bob.get("/api/tickets/" + target + "/conversation").body().size())
                .isEqualTo(sourceArticles + targetArticles);
        assertThat(bob.get("/api/tickets/" + target + "/attachments").raw()).contains("addins.txt");
        assertThat(bob.get("/api/tickets/" + target + "/time").json("/totalMinutes").asLong()).isEqualTo(30);
        assertThat(history(bob, target)).contains("MERGED");
        assertThat(history(bob, source)).contains("MERGED");
        // the requester sees the merged ticket closed with its pointer, and the conversation in the target
        assertThat(alice.get("/api/tickets/" + target + "/conversation").raw()).contains("It crashes in safe mode too")
                .doesNotContain("Checked the add-ins");
        // a closed ticket is not merged again, nor merged into
        assertThat(bob.post("/api/tickets/" + source + "/merge", Map.of("into", target)).status()).isEqualTo(409);
        assertThat(bob.post("/api/tickets/" + related + "/merge", Map.of("into", source)).status()).isEqualTo(409);
    }

    @Test
    void anArticleSplitsIntoANewLinkedTicket() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = incident(alice, "Outlook is slow");
        Response reply = alice.post("/api/tickets/" + id + "/articles", Map.of("body",
                "Also: my password expired\nsince the update"));
        long articleId = reply.json("/id").asLong();
        int before = bob.get("/api/tickets/" + id + "/conversation").body().size();

        assertThat(alice.post("/api/tickets/" + id + "/articles/" + articleId + "/split", Map.of()).status())
                .isEqualTo(403);
        assertThat(bob.post("/api/tickets/" + id + "/articles/999999999/split", Map.of()).status()).isEqualTo(404);
        Response split = bob.post("/api/tickets/" + id + "/articles/" + articleId + "/split", Map.of());
        assertThat(split.status()).as(split.raw()).isEqualTo(201);
        long created = split.json("/ticketId").asLong();

        Response ticket = bob.get("/api/tickets/" + created);
        assertThat(ticket.json("/subject").asText()).startsWith("Split from FD-")
                .contains("my password expired");
        assertThat(ticket.json("/description").asText()).contains("since the update");
        assertThat(ticket.json("/requester").asText()).isEqualTo("alice");
        assertThat(ticket.json("/processInstanceId").asText()).isNotBlank();
        assertThat(types(ticket.json("/links"))).contains("RELATES_TO");
        assertThat(bob.get("/api/tickets/" + id + "/conversation").body().size()).isEqualTo(before - 1);
        assertThat(bob.get("/api/tickets/" + created + "/conversation").raw()).contains("password expired");
        // alice follows both
        assertThat(alice.get("/api/tickets/" + created).status()).isEqualTo(200);
    }

    @Test
    void timeIsRecordedByAgentsOnly() {
        ApiClient bob = as("bob");
        long id = incident(as("alice"), "Outlook signature lost");
        Response entry = bob.post("/api/tickets/" + id + "/time", Map.of("minutes", 30, "activity", "Phone",
                "note", "walked through the driver"));
        assertThat(entry.status()).as(entry.raw()).isEqualTo(201);
        assertThat(entry.json("/activity").asText()).isEqualTo("phone");
        assertThat(bob.post("/api/tickets/" + id + "/time", Map.of("minutes", 15)).status()).isEqualTo(201);
        Response sheet = bob.get("/api/tickets/" + id + "/time");
        assertThat(sheet.json("/totalMinutes").asLong()).isEqualTo(45);
        assertThat(sheet.json("/minutesByActivity/phone").asLong()).isEqualTo(30);
        assertThat(sheet.json("/minutesByActivity/work").asLong()).isEqualTo(15);
        assertThat(sheet.json("/entries").size()).isEqualTo(2);

        problem(bob.post("/api/tickets/" + id + "/time", Map.of("minutes", 0)), 400, "minutes");
        problem(bob.post("/api/tickets/" + id + "/time", Map.of("minutes", 5, "activity", "gaming")), 400,
                "activity");
        problem(bob.post("/api/tickets/" + id + "/time", Map.of("minutes", 5, "workedAt", "2999-01-01T00:00:00Z")),
                400, "workedAt");
        assertThat(as("alice").get("/api/tickets/" + id + "/time").status()).isEqualTo(403);
        assertThat(as("frank").post("/api/tickets/" + id + "/time", Map.of("minutes", 5)).status()).isEqualTo(404);
        assertThat(bob.get("/api/tickets/" + id + "/time").json("/totalMinutes").asLong()).isEqualTo(45);
    }

    @Test
    void bulkWorkReportsEachTicketsOutcome() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long a = incident(alice, "Outlook bulk one");
        long b = incident(alice, "Outlook bulk two");
        long c = incident(alice, "Outlook bulk three");
        long foreign = 999_999_999L;

        Response claimed = bob.post("/api/tickets/bulk", Map.of("action", "claim", "ids", List.of(a, b, c, foreign)));
        assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
        assertThat(claimed.json("/succeeded").asInt()).isEqualTo(3);
        assertThat(outcomes(claimed)).containsExactly(a + " OK", b + " OK", c + " OK", foreign + " FAILED 404");
        for (long id : List.of(a, b, c)) {
            String pid = bob.get("/api/tickets/" + id).json("/processInstanceId").asText();
            assertThat(tasks.createTaskQuery().processInstanceId(pid).taskAssignee("bob").count()).isEqualTo(1);
        }

        Response reprioritised = bob.post("/api/tickets/bulk", Map.of("action", "priority", "ids", List.of(a, b),
                "impact", "HIGH", "urgency", "HIGH"));
        assertThat(outcomes(reprioritised)).containsExactly(a + " OK", b + " OK");
        assertThat(bob.get("/api/tickets/" + a).json("/impact").asText()).isEqualTo("HIGH");

        Response bad = bob.post("/api/tickets/bulk", Map.of("action", "priority", "ids", List.of(c),
                "impact", "ENORMOUS"));
        assertThat(outcomes(bad)).containsExactly(c + " FAILED 400");

        Response closed = bob.post("/api/tickets/bulk", Map.of("action", "close", "ids", List.of(b, c),
                "reason", "Duplicates of a known outage"));
        assertThat(outcomes(closed)).containsExactly(b + " OK", c + " OK");
        assertThat(bob.get("/api/tickets/" + c).json("/status").asText()).isEqualTo("CLOSED");
        assertThat(outcomes(bob.post("/api/tickets/bulk", Map.of("action", "close", "ids", List.of(c),
                "reason", "again")))).containsExactly(c + " FAILED 409");

        problem(bob.post("/api/tickets/bulk", Map.of("action", "delete", "ids", List.of(a))), 400, "action");
        problem(bob.post("/api/tickets/bulk", Map.of("action", "close", "ids", List.of(a))), 400, "reason");
        problem(bob.post("/api/tickets/bulk", Map.of("action", "claim", "ids", List.of())), 400, "ids");
        assertThat(alice.post("/api/tickets/bulk", Map.of("action", "claim", "ids", List.of(a))).status())
                .isEqualTo(403);
    }

    @Test
    void linksTakeOnlyKnownTypes() {
        ApiClient bob = as("bob");
        long a = incident(as("alice"), "Outlook link one");
        long b = incident(as("alice"), "Outlook link two");
        problem(bob.post("/api/tickets/" + a + "/links", Map.of("type", "LOVES", "ticketId", b)), 400, "type");
        problem(bob.post("/api/tickets/" + a + "/links", Map.of("type", "RELATES_TO", "ticketId", a)), 400,
                "ticketId");
        Response linked = bob.post("/api/tickets/" + a + "/links", Map.of("type", "relates-to", "ticketId", b));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        assertThat(types(linked.body())).containsExactly("RELATES_TO");
        assertThat(types(bob.get("/api/tickets/" + b).json("/links"))).containsExactly("RELATES_TO_OF");
        assertThat(as("alice").post("/api/tickets/" + a + "/links", Map.of("type", "RELATES_TO", "ticketId", b))
                .status()).isEqualTo(403);
    }

    private static List<String> outcomes(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : response.json("/results")) {
            rows.add(row.get("ticketId").asLong() + " " + row.get("outcome").asText()
                    + ("OK".equals(row.get("outcome").asText()) ? "" : " " + row.get("status").asInt()));
        }
        return rows;
    }

    private static List<String> types(JsonNode links) {
        List<String> types = new ArrayList<>();
        links.forEach(l -> types.add(l.get("type").asText()));
        return types;
    }

    private static String history(ApiClient client, long id) {
        return client.get("/api/tickets/" + id + "/history").raw();
    }

    private static void problem(Response response, int status, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("\"" + field + "\"");
    }

    private static long incident(ApiClient requester, String subject) {
        Response created = requester.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "since this morning", "impact", "LOW", "urgency", "MEDIUM")));
        assertThat(created.status()).as(created.raw()).isIn(200, 201);
        return created.json("/ticketId").asLong();
    }
}
