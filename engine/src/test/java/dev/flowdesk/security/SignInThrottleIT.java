package dev.flowdesk.security;

import dev.flowdesk.ApiClient;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling over HTTP (issue 15): after five wrong passwords an account answers 429 with Retry-After even
 * for the right password, through HTTP Basic and the login form, while other accounts from the same address go on.
 * (The per-address limit and the anonymous submission limit are counted the same way; SignInThrottleTest covers them
 * with a clock, since exhausting them here would throttle the other tests sharing this address.)
 */
class SignInThrottleIT extends PostgresEngineTest {

    private static final String ACCOUNT = "throttle-probe";
    private static final String PASSWORD = "Throttle-probe-1";

    @Autowired
    IdentityService identity;

    @Test
    void fiveWrongPasswordsThrottleTheAccountButNotOthers() throws Exception {
        if (identity.createUserQuery().userId(ACCOUNT).count() == 0) {
            User user = identity.newUser(ACCOUNT);
            user.setPassword(PASSWORD);
            user.setEmail("throttle-probe@example.com");
            identity.saveUser(user);
        }
        assertThat(ApiClient.as(port, ACCOUNT, PASSWORD).get("/api/me").status()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(ApiClient.as(port, ACCOUNT, "wrong-" + i).get("/api/me").status()).isEqualTo(401);
        }
        HttpResponse<String> throttled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/me")).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ACCOUNT + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + ACCOUNT + "&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        // without a CSRF token the login form is refused earlier (403); with the throttle it never checks a password
        assertThat(form.statusCode()).isIn(403, 429);
        assertThat(as("bob").get("/api/me").status()).isEqualTo(200);
    }
}
