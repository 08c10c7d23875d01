package dev.flowdesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.ApiClient;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 part 1: browser sign-in through an OpenID Connect provider (authorization-code flow) against a real
 * authorization server on loopback, driven like a browser (redirects followed, cookies kept); claims map to groups
 * and roles; HTTP Basic and the 401 of API clients stay as they were.
 */
class OidcSignInIT extends DirectoryServers {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aProviderUserSignsInThroughTheRedirectFlowWithMappedGroups() throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "subject-oscar", "JWT", List.of("flowdesk"),
                Map.of("preferred_username", "oscar", "email", "oscar@corp.example.com", "given_name", "Oscar",
                        "family_name", "Provider", "groups", List.of("support", "unmapped")), 3600));
        HttpClient browser = browser();

        HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(
                URI.create(base() + "/oauth2/authorization/corp")).GET().build(), HttpResponse.BodyHandlers.ofString());

        // the provider's answer came back to Flowdesk, which sent the browser to the app (whose files a build
        // without the front end lacks, so the status of "/" itself says nothing here)
        assertThat(landed.uri().getPath()).isEqualTo("/");
        assertThat(landed.previousResponse()).hasValueSatisfying(callback -> {
            assertThat(callback.statusCode()).isEqualTo(302);
            assertThat(callback.uri().getPath()).isEqualTo("/login/oauth2/code/corp");
        });
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/me"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(me.body());
        assertThat(body.at("/id").asText()).isEqualTo("oscar");
        assertThat(body.at("/name").asText()).isEqualTo("Oscar Provider");
        assertThat(body.at("/email").asText()).isEqualTo("oscar@corp.example.com");
        assertThat(body.at("/groups").toString()).isEqualTo("[\"service-desk\"]");
        assertThat(body.at("/roles").toString()).isEqualTo("[\"AGENT\",\"USER\"]");
        assertThat(identity.getUserInfo("oscar", ExternalAccounts.SOURCE)).isEqualTo("oidc:corp");
        assertThat(jdbc.queryForObject("select c.user_id from contact c join contact_email e on e.contact_id = c.id"
                + " where e.email = 'oscar@corp.example.com'", String.class)).isEqualTo("oscar");
    }

    @Test
    void aProviderUserNamedLikeALocalAccountIsRefused() throws Exception {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, "subject-admin", "JWT", List.of("flowdesk"),
                Map.of("preferred_username", "admin", "email", "mallory@corp.example.com"), 3600));
        HttpClient browser = browser();

        HttpResponse<String> landed = browser.send(HttpRequest.newBuilder(
                URI.create(base() + "/oauth2/authorization/corp")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(landed.uri().getPath()).isEqualTo("/login");
        assertThat(landed.uri().getQuery()).isEqualTo("error");
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(URI.create(base() + "/api/me"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(identity.getUserInfo("admin", ExternalAccounts.SOURCE)).isNull();
    }

    @Test
    void apiClientsAndTheLoginPageAreUndisturbed() throws Exception {
        assertThat(as("alice").get("/api/me").status()).isEqualTo(200);
        ApiClient.Response anonymous = ApiClient.anonymous(port).get("/api/tickets");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base() + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"").contains("/oauth2/authorization/corp");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(new CookieManager())
                .build();
    }
}
