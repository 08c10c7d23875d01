package dev.flowdesk.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/me/export} over HTTP on PostgreSQL (issue 15 part 6): the caller's tickets with their public
 * conversation, attachments, ratings, own actions and token metadata; never another person's ticket, an internal
 * note, or a token's secret.
 */
class PersonalDataExportIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theExportHoldsTheCallersDataAndNothingOfOthers() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long alicesTicket = submit("alice", "Alice password expired " + marker);
        long franksTicket = submit("frank", "Frank password expired " + marker);
        assertThat(as("bob").post("/api/tickets/" + alicesTicket + "/articles", Map.of("body",
                "Public answer " + marker, "visibility", "PUBLIC")).status()).isIn(200, 201);
        assertThat(as("bob").post("/api/tickets/" + alicesTicket + "/articles", Map.of("body",
                "Internal note " + marker, "visibility", "INTERNAL")).status()).isIn(200, 201);
        Response upload = as("alice").postMultipart("/api/tickets/" + alicesTicket + "/attachments",
                List.of(new ApiClient.Part("file", "screen-" + marker + ".txt", "hello".getBytes())));
        assertThat(upload.status()).isIn(200, 201);
        jdbc.update("insert into ticket_rating (ticket_id, score, comment, rated_by, created_at) values (?, 4, ?,"
                + " 'alice', now())", alicesTicket, "Rated " + marker);
        String token = as("alice").post("/api/me/tokens", Map.of("name", "export " + marker,
                "scopes", List.of("profile:read"), "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .json("/token").asText();

        Response response = as("alice").get("/api/me/export");

        assertThat(response.status()).isEqualTo(200);
        JsonNode export = response.body();
        assertThat(export.at("/profile/id").asText()).isEqualTo("alice");
        assertThat(export.at("/profile/email").asText()).isEqualTo("alice@example.com");
        JsonNode ticket = find(export.at("/tickets"), "id", Long.toString(alicesTicket));
        assertThat(ticket).as("alice's ticket").isNotNull();
        assertThat(ticket.at("/subject").asText()).isEqualTo("Alice password expired " + marker);
        assertThat(texts(ticket.at("/conversation"), "body")).contains("Public answer " + marker);
        assertThat(texts(ticket.at("/attachments"), "name")).contains("screen-" + marker + ".txt");
        assertThat(texts(ticket.at("/history"), "type")).contains("CREATED");
        assertThat(texts(export.at("/ratings"), "comment")).contains("Rated " + marker);
        assertThat(texts(export.at("/attachmentsUploaded"), "name")).contains("screen-" + marker + ".txt");
        assertThat(texts(export.at("/apiTokens"), "name")).contains("export " + marker);
        // never: another requester's ticket, an internal note, a token's secret
        assertThat(response.raw()).doesNotContain("Frank password expired " + marker)
                .doesNotContain("Internal note " + marker)
                .doesNotContain(token.substring(8))
                .doesNotContain("\"id\":" + franksTicket + ",");
        for (JsonNode each : export.at("/tickets")) {
            assertThat(each.at("/history").findValuesAsText("type")).doesNotContain("NOTE_ADDED", "ROUTED");
        }

        // the same export by a token with profile:read, without a session
        Response byToken = ApiClient.bearer(port, token).get("/api/me/export");
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.json("/profile/id").asText()).isEqualTo("alice");
    }

    @Test
    void anAgentsExportHoldsTheirWordsOnOthersTicketsButNotThoseTickets() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long alicesTicket = submit("alice", "Alice cannot log in " + marker);
        as("bob").post("/api/tickets/" + alicesTicket + "/articles", Map.of("body", "Bob replies " + marker,
                "visibility", "PUBLIC"));

        Response response = as("bob").get("/api/me/export");

        assertThat(response.status()).isEqualTo(200);
        assertThat(texts(response.body().at("/articlesWrittenElsewhere"), "body")).contains("Bob replies " + marker);
        assertThat(response.raw()).doesNotContain("Alice cannot log in " + marker);
        assertThat(texts(response.body().at("/tickets"), "id")).doesNotContain(Long.toString(alicesTicket));
        assertThat(texts(response.body().at("/groups"), "id")).contains("service-desk");
        assertThat(ApiClient.anonymous(port).get("/api/me/export").status()).isEqualTo(401);
    }

    private long submit(String user, String subject) {
        Response response = as(user).post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "details", "impact", "LOW", "urgency", "LOW")));
        assertThat(response.status()).isEqualTo(201);
        return response.json("/ticketId").asLong();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode each : array) {
            if (each.path(field).asText().equals(value)) {
                return each;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(each -> values.add(each.path(field).asText()));
        return values;
    }
}
