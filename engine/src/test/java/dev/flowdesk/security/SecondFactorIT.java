package dev.flowdesk.security;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.security.totp.Totp;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 part 2: TOTP enrolment with a server-drawn QR code, confirmation and sign-in with codes generated here as
 * an authenticator app would (RFC 6238), recovery codes used once, replay of a used code refused, wrong codes
 * throttled, HTTP Basic refused for enrolled users, and enrolment enforced for a role ({@code DESIGNER} in this
 * context) at the next browser sign-in.
 */
class SecondFactorIT extends DirectoryServers {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern KEY = Pattern.compile("type this key: <code>([A-Z2-7]+)</code>");

    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void enrolConfirmAndSignInWithAGeneratedCodeWhichCannotBeReplayed() throws Exception {
        ApiClient tina = localUser("tina");
        Response started = tina.post("/api/me/totp", Map.of());
        assertThat(started.status()).isEqualTo(201);
        String secret = started.json("/secret").asText();
        assertThat(started.json("/otpauthUri").asText()).isEqualTo("otpauth://totp/Flowdesk%3Atina?secret="
                + secret + "&issuer=Flowdesk&algorithm=SHA1&digits=6&period=30");
        assertThat(started.json("/qrSvg").asText()).startsWith("<svg").contains("<path");
        byte[] key = Totp.fromBase32(secret);
        long now = Totp.step(Instant.now());

        Response wrong = tina.post("/api/me/totp/confirm", Map.of("code", otherThan(key, now)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.raw()).contains("code");
        Response confirmed = tina.post("/api/me/totp/confirm", Map.of("code", Totp.code(key, now)));
        assertThat(confirmed.status()).isEqualTo(200);
        List<String> recovery = List.of(confirmed.json("/recoveryCodes").toString().replaceAll("[\\[\\]\"]", "")
                .split(","));
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        assertThat(jdbc.queryForObject("select count(*) from totp_recovery_code where user_id = 'tina'"
                + " and code_hash = ?", Long.class, recovery.get(0))).isZero();

        // HTTP Basic cannot carry the second factor any more
        Response basic = tina.get("/api/me");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.raw()).contains("API token");

        Browser browser = new Browser();
        HttpResponse<String> asked = browser.password("tina");
        assertThat(asked.uri().getPath()).isEqualTo("/login/totp");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
        // the code used to confirm is spent; the next step's code (one step of drift is allowed) signs in
        assertThat(browser.code(asked.body(), Totp.code(key, now)).statusCode()).isEqualTo(401);
        HttpResponse<String> signedIn = browser.code(browser.get("/login/totp").body(), Totp.code(key, now + 1));
        assertThat(signedIn.uri().getPath()).isEqualTo("/");
        HttpResponse<String> me = browser.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"id\":\"tina\"");
        assertThat(jdbc.queryForList("select kind || ':' || coalesce(detail, '') from security_event"
                + " where actor = 'tina' order by id", String.class)).contains("SECOND_FACTOR_ENROLLED:by the user",
                "SECOND_FACTOR_FAILED:sign-in", "SIGN_IN:password and second factor");

        // replay in another browser
        Browser other = new Browser();
        HttpResponse<String> replay = other.code(other.password("tina").body(), Totp.code(key, now + 1));
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(other.get("/api/me").statusCode()).isEqualTo(401);

        // a recovery code signs in once
        assertThat(other.code(other.get("/login/totp").body(), recovery.get(3)).uri().getPath()).isEqualTo("/");
        assertThat(other.get("/api/me").statusCode()).isEqualTo(200);
        Browser third = new Browser();
        assertThat(third.code(third.password("tina").body(), recovery.get(3)).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from totp_recovery_code where user_id = 'tina'"
                + " and used_at is null", Long.class)).isEqualTo(9);
    }

    @Test
    void wrongCodesAreThrottledPerAccount() throws Exception {
        ApiClient tom = localUser("tom");
        byte[] key = Totp.fromBase32(tom.post("/api/me/totp", Map.of()).json("/secret").asText());
        long now = Totp.step(Instant.now());
        assertThat(tom.post("/api/me/totp/confirm", Map.of("code", Totp.code(key, now))).status()).isEqualTo(200);

        Browser browser = new Browser();
        String page = browser.password("tom").body();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = browser.code(page, otherThan(key, now));
            assertThat(wrong.statusCode()).isEqualTo(401);
            page = wrong.body();
        }
        HttpResponse<String> throttled = browser.code(page, Totp.code(key, now + 1));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aRoleThatRequiresASecondFactorEnrolsAtTheNextBrowserSignIn() throws Exception {
        assertThat(as("dora").get("/api/me").status()).isEqualTo(401);

        Browser browser = new Browser();
        HttpResponse<String> enrol = browser.password("dora");
        assertThat(enrol.uri().getPath()).isEqualTo("/login/totp");
        assertThat(enrol.body()).contains("data:image/svg+xml;base64,");
        Matcher secret = KEY.matcher(enrol.body());
        assertThat(secret.find()).isTrue();
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);

        HttpResponse<String> done = browser.code(enrol.body(),
                Totp.code(Totp.fromBase32(secret.group(1)), Totp.step(Instant.now())));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Recovery codes");
        assertThat(browser.get("/api/me").body()).contains("\"id\":\"dora\"");
        assertThat(jdbc.queryForObject("select count(*) from totp_credential where user_id = 'dora'"
                + " and confirmed_at is not null", Long.class)).isOne();
    }

    /** A local account with a password that meets any policy, signed in by HTTP Basic. */
    private ApiClient localUser(String id) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(id);
            user.setEmail(id + "@example.com");
            user.setPassword(passwordOf(id));
            identity.saveUser(user);
        }
        return ApiClient.as(port, id, passwordOf(id));
    }

    private static String passwordOf(String id) {
        return id.equals("dora") ? "demo" : "Secret-" + id + "-42";
    }

    private static String otherThan(byte[] key, long step) {
        String right = Totp.code(key, step);
        String wrong = right.equals("000000") ? "000001" : "000000";
        for (long s = step - 1; s <= step + 1; s++) {
            if (Totp.code(key, s).equals(wrong)) {
                return "999999".equals(right) ? "123456" : "999999";
            }
        }
        return wrong;
    }

    /** A browser: cookies kept, redirects followed, the CSRF token echoed in forms. */
    private final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", path.startsWith("/api") ? "application/json" : "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** The login form with the user's password; answers the page that follows. */
        HttpResponse<String> password(String user) throws Exception {
            get("/login");
            String csrf = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
            return form("/login", Map.of("username", user, "password", passwordOf(user), "_csrf", csrf));
        }

        /** Sends a code from the second-factor page (with that page's CSRF token). */
        HttpResponse<String> code(String page, String code) throws Exception {
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).as("the page has a CSRF token: %s", page).isTrue();
            return form("/login/totp", Map.of("code", code, "_csrf", csrf.group(1)));
        }

        private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
