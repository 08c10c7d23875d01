package dev.flowdesk.security;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens over HTTP on PostgreSQL (issue 15 part 3): shown once and stored hashed, scoped (a read token cannot
 * create), revocable, expiring, stateless, last use recorded; an administrator's token for a service account.
 */
class ApiTokenIT extends PostgresEngineTest {

    private static final Map<String, Object> INCIDENT = Map.of("data", Map.of("subject", "Token password expired",
            "description", "jammed", "impact", "LOW", "urgency", "LOW"));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;

    @Test
    void aTokenIsShownOnceAndStoredOnlyAsItsHash() throws Exception {
        Response created = as("alice").post("/api/me/tokens", body("ci read", List.of("tickets:read"), days(30)));

        assertThat(created.status()).isEqualTo(201);
        String token = created.json("/token").asText();
        long id = created.json("/id").asLong();
        assertThat(token).startsWith("fdt_").hasSizeGreaterThanOrEqualTo(4 + 43);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.queryForObject("select token_hash from api_token where id = ?", String.class, id))
                .isEqualTo(hash);
        assertThat(jdbc.queryForObject("select count(*) from api_token where name like ? or scopes like ?"
                + " or hint like ? or token_hash like ?", Long.class, "%" + token.substring(8) + "%",
                "%" + token.substring(8) + "%", "%" + token.substring(8) + "%", "%" + token.substring(8) + "%"))
                .isZero();
        Response list = as("alice").get("/api/me/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw()).doesNotContain(token.substring(8)).contains("\"hint\":\"" + token.substring(0, 8) + "\"");
    }

    @Test
    void aReadTokenReadsButCannotCreate() {
        String token = as("alice").post("/api/me/tokens", body("reader", List.of("tickets:read"), days(1)))
                .json("/token").asText();
        ApiClient reader = ApiClient.bearer(port, token);
        long before = count("ticket");

        assertThat(reader.get("/api/tickets").status()).isEqualTo(200);
        Response create = reader.post("/api/forms/report-incident/submissions", INCIDENT);

        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        assertThat(create.json("/detail").asText()).contains("tickets:write");
        assertThat(count("ticket")).isEqualTo(before);
        // outside its scopes entirely, even for reading
        assertThat(reader.get("/api/me").status()).isEqualTo(403);
        assertThat(reader.get("/api/kb/articles").status()).isEqualTo(403);
    }

    @Test
    void aWriteTokenCreatesAsItsOwnerWithoutCsrfAndTheRoleStillDecides() {
        String token = as("alice").post("/api/me/tokens", body("writer", List.of("tickets:write", "tickets:read"),
                days(1))).json("/token").asText();
        ApiClient writer = ApiClient.bearer(port, token);

        Response created = writer.post("/api/forms/report-incident/submissions", INCIDENT);
        assertThat(created.status()).isEqualTo(201);
        long ticket = created.json("/ticketId").asLong();
        assertThat(jdbc.queryForObject("select requester from ticket where id = ?", String.class, ticket))
                .isEqualTo("alice");
        assertThat(writer.get("/api/tickets/" + ticket).status()).isEqualTo(200);
        // alice is a requester: her token may not create tickets directly for callers, like alice herself
        assertThat(writer.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "x")).status()).isEqualTo(403);
    }

    @Test
    void aRevokedOrExpiredTokenAnswers401AndOnlyItsOwnerRevokesIt() {
        String token = as("bob").post("/api/me/tokens", body("soon gone", List.of("tickets:read"), days(1)))
                .json("/token").asText();
        long id = jdbc.queryForObject("select id from api_token where hint = ? and user_id = 'bob'"
                + " order by id desc limit 1", Long.class, token.substring(0, 8));
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(200);

        assertThat(as("alice").delete("/api/me/tokens/" + id).status()).isEqualTo(404);
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(200);
        Response revoked = as("bob").delete("/api/me/tokens/" + id);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json("/revokedAt").isNull()).isFalse();

        Response refused = ApiClient.bearer(port, token).get("/api/tickets");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        String expiring = as("bob").post("/api/me/tokens", body("expiring", List.of("tickets:read"), days(1)))
                .json("/token").asText();
        jdbc.update("update api_token set expires_at = ? where hint = ? and user_id = 'bob'",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), expiring.substring(0, 8));
        assertThat(ApiClient.bearer(port, expiring).get("/api/tickets").status()).isEqualTo(401);
        assertThat(ApiClient.bearer(port, "fdt_" + "A".repeat(43)).get("/api/tickets").status()).isEqualTo(401);
    }

    @Test
    void aBearerRequestIsStatelessAndRecordsItsLastUseAtMostOnceAMinute() throws Exception {
        String token = as("bob").post("/api/me/tokens", body("stateless", List.of("tickets:read"), days(1)))
                .json("/token").asText();
        assertThat(jdbc.queryForObject("select last_used_at from api_token where hint = ? and user_id = 'bob'",
                java.sql.Timestamp.class, token.substring(0, 8))).isNull();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/tickets")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        java.sql.Timestamp first = jdbc.queryForObject("select last_used_at from api_token where hint = ?"
                + " and user_id = 'bob'", java.sql.Timestamp.class, token.substring(0, 8));
        assertThat(first).isNotNull();
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select last_used_at from api_token where hint = ? and user_id = 'bob'",
                java.sql.Timestamp.class, token.substring(0, 8))).isEqualTo(first);
    }

    @Test
    void tokensWorkUnderApiOnlyAndCannotManageTokens() {
        String token = as("admin").post("/api/me/tokens", body("admin all", List.of("admin:read", "admin:write",
                "tickets:read", "profile:read"), days(1))).json("/token").asText();
        ApiClient admin = ApiClient.bearer(port, token);

        assertThat(admin.get("/api/me").status()).isEqualTo(200);
        assertThat(admin.get("/engine-rest/engine").status()).isEqualTo(401);
        assertThat(admin.get("/api/me/tokens").status()).isEqualTo(403);
        long before = count("api_token");
        assertThat(admin.post("/api/me/tokens", body("child", List.of("tickets:read"), days(1))).status())
                .isEqualTo(403);
        assertThat(admin.post("/api/admin/tokens", Map.of("userId", "bob", "name", "child",
                "scopes", List.of("tickets:read"), "expiresAt", days(1))).status()).isEqualTo(403);
        assertThat(count("api_token")).isEqualTo(before);
    }

    @Test
    void badRequestsNameTheField() {
        long before = count("api_token");
        Response scope = as("alice").post("/api/me/tokens", body("x", List.of("tickets:read", "root"), days(1)));
        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.contentType()).startsWith("application/problem+json");
        assertThat(scope.json("/errors/0/path").asText()).isEqualTo("scopes[1]");
        assertThat(as("alice").post("/api/me/tokens", body("x", List.of("tickets:read"),
                Instant.now().minusSeconds(60).toString())).json("/errors/0/path").asText()).isEqualTo("expiresAt");
        assertThat(as("alice").post("/api/me/tokens", body("x", List.of("tickets:read"),
                Instant.now().plus(400, ChronoUnit.DAYS).toString())).json("/errors/0/path").asText())
                .isEqualTo("expiresAt");
        assertThat(as("alice").post("/api/me/tokens", body(" ", List.of("tickets:read"), days(1)))
                .json("/errors/0/path").asText()).isEqualTo("name");
        assertThat(as("alice").post("/api/me/tokens", Map.of("name", "x", "expiresAt", days(1)))
                .json("/errors/0/path").asText()).isEqualTo("scopes");
        assertThat(ApiClient.anonymous(port).post("/api/me/tokens", body("x", List.of("tickets:read"), days(1)))
                .status()).isEqualTo(401);
        assertThat(count("api_token")).isEqualTo(before);
    }

    @Test
    void anAdministratorCreatesATokenForAServiceAccount() {
        String account = "svc-monitoring";
        if (identity.createUserQuery().userId(account).count() == 0) {
            User user = identity.newUser(account);
            user.setPassword(java.util.UUID.randomUUID().toString());
            user.setEmail("monitoring@example.com");
            identity.saveUser(user);
            identity.createMembership(account, "service-desk");
        }
        Map<String, Object> request = Map.of("userId", account, "name", "monitoring",
                "scopes", List.of("tickets:read"), "expiresAt", days(90));

        assertThat(as("bob").post("/api/admin/tokens", request).status()).isEqualTo(403);
        Response created = as("admin").post("/api/admin/tokens", request);

        assertThat(created.status()).isEqualTo(201);
        ApiClient service = ApiClient.bearer(port, created.json("/token").asText());
        assertThat(service.get("/api/tickets?view=queue").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select created_by from api_token where id = ?", String.class,
                created.json("/id").asLong())).isEqualTo("admin");
        assertThat(as("admin").get("/api/admin/tokens?userId=" + account).json("/0/name").asText())
                .isEqualTo("monitoring");
        Response unknown = as("admin").post("/api/admin/tokens", Map.of("userId", "nobody-here", "name", "x",
                "scopes", List.of("tickets:read"), "expiresAt", days(1)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json("/errors/0/path").asText()).isEqualTo("userId");
        assertThat(as("admin").delete("/api/admin/tokens/" + created.json("/id").asLong()).status()).isEqualTo(200);
        assertThat(service.get("/api/tickets").status()).isEqualTo(401);
    }

    private static Map<String, Object> body(String name, List<String> scopes, String expiresAt) {
        return Map.of("name", name, "scopes", scopes, "expiresAt", expiresAt);
    }

    private static String days(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).toString();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
