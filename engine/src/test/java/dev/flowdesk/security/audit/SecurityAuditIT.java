package dev.flowdesk.security.audit;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 part 4: failed sign-ins, API token creation and revocation and exports land in {@code security_event};
 * administrators page through them (newest first, by kind or actor), nobody else may.
 */
class SecurityAuditIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void failuresTokensAndExportsAreRecordedAndAdministratorsReadThem() {
        assertThat(ApiClient.as(port, "carol", "not-carols-password").get("/api/me").status()).isEqualTo(401);
        Response token = as("chris").post("/api/me/tokens", Map.of("name", "audited", "scopes",
                List.of("tickets:read"), "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        long tokenId = token.json("/id").asLong();
        assertThat(as("chris").delete("/api/me/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(as("chris").get("/api/me/export").status()).isEqualTo(200);

        Response failures = as("admin").get("/api/admin/security-events?kind=SIGN_IN_FAILED&actor=carol");
        assertThat(failures.status()).isEqualTo(200);
        assertThat(failures.json("/total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(failures.json("/items/0/detail").asText()).isEqualTo("BadCredentialsException");
        assertThat(failures.json("/items/0/address").asText()).isNotBlank();

        Response chris = as("admin").get("/api/admin/security-events?actor=chris&size=3");
        assertThat(chris.json("/size").asInt()).isEqualTo(3);
        assertThat(chris.json("/items/0/kind").asText()).isEqualTo("EXPORT");
        assertThat(chris.json("/items/1/kind").asText()).isEqualTo("TOKEN_REVOKED");
        assertThat(chris.json("/items/1/detail").asText()).isEqualTo("token " + tokenId);
        assertThat(chris.json("/items/2/kind").asText()).isEqualTo("TOKEN_CREATED");
        assertThat(chris.json("/items/2/detail").asText()).contains("audited").contains("tickets:read")
                .doesNotContain(token.json("/token").asText());
    }

    @Test
    void onlyAdministratorsReadTheAuditAndBadParametersAnswer400() {
        assertThat(as("bob").get("/api/admin/security-events").status()).isEqualTo(403);
        assertThat(as("dora").get("/api/admin/security-events").status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).get("/api/admin/security-events").status()).isEqualTo(401);

        Response kind = as("admin").get("/api/admin/security-events?kind=NOPE");
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.contentType()).startsWith("application/problem+json");
        assertThat(kind.raw()).contains("kind");
        assertThat(as("admin").get("/api/admin/security-events?size=500").raw()).contains("size");
        long before = jdbc.queryForObject("select count(*) from security_event", Long.class);
        assertThat(as("admin").get("/api/admin/security-events").json("/total").asLong()).isEqualTo(before);
    }
}
