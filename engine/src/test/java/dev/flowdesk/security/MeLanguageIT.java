package dev.flowdesk.security;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/me} names the profile's language (issue 10: the browser app speaks it unless the user chose another
 * on their device). Own users, so the demo users' profiles stay as the other tests expect them.
 */
class MeLanguageIT extends PostgresEngineTest {

    @Autowired
    IdentityService identity;

    @BeforeEach
    void users() {
        for (String id : new String[] {"lena", "liam"}) {
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setPassword("demo");
                user.setEmail(id + "@example.com");
                identity.saveUser(user);
            }
        }
    }

    @AfterEach
    void removeUsers() {
        identity.deleteUser("lena");
        identity.deleteUser("liam");
    }

    @Test
    void theProfilesLanguageIsPartOfWhoIsSignedIn() {
        // given lena's profile says German (as the directory may spell it), liam's says nothing
        identity.setUserInfo("lena", "language", " DE ");

        // when each asks who they are
        Response lena = ApiClient.as(port, "lena", "demo").get("/api/me");
        Response liam = ApiClient.as(port, "liam", "demo").get("/api/me");

        // then lena's answer carries "de", liam's an explicit null, and both still say who they are
        assertThat(lena.status()).as(lena.raw()).isEqualTo(200);
        assertThat(lena.json("/id").asText()).isEqualTo("lena");
        assertThat(lena.json("/language").asText()).isEqualTo("de");
        assertThat(liam.status()).isEqualTo(200);
        assertThat(liam.body().has("language")).isTrue();
        assertThat(liam.json("/language").isNull()).isTrue();
    }
}
