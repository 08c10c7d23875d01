package dev.flowdesk.passwordreset;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.TestClock;
import dev.flowdesk.mail.inbound.GreenMailEngineTest;
import dev.flowdesk.security.AccountLock;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
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
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 part 2, password reset by mail, over HTTP against the real application, PostgreSQL and GreenMail's SMTP:
 * the request mails exactly one link (in the user's language) and stores only the token's hash; the link sets a new
 * password with which HTTP Basic works while the old one (cached a moment ago) and the user's browser session stop;
 * a second use, an expired link and a policy violation are refused (the last leaving the link usable); an unknown
 * login gets the very same answer and no mail; the requests are throttled; two concurrent uses of one link: one wins.
 */
class PasswordResetIT extends GreenMailEngineTest {

    private static final Pattern LINK = Pattern.compile("(https?://\\S+)/password-reset\\.html#([A-Za-z0-9_-]+)");
    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate database;
    @Autowired
    TestClock clock;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountLock lock;
    @Autowired
    PasswordResetProperties properties;

    @Test
    void aRequestMailsOneLinkWhoseTokenIsStoredOnlyAsItsHashAndTheLinkSetsANewPasswordOnce() throws Exception {
        String user = localUser("Old-password-1", null);
        ApiClient old = ApiClient.as(port, user, "Old-password-1");
        assertThat(old.get("/api/me").status()).isEqualTo(200); // now also in the verified sign-in cache
        Browser browser = new Browser();
        assertThat(browser.signIn(user, "Old-password-1")).isEqualTo(302);
        assertThat(browser.me()).isEqualTo(200);

        Response asked = ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", user));
        assertThat(asked.status()).isEqualTo(202);
        assertThat(sender.sendDue()).as(whatHappened(user)).isPositive();
        List<MimeMessage> mails = sentTo(address(user));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Reset your Flowdesk password");
        String body = (String) mails.get(0).getContent();
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        assertThat(link.group(1)).isEqualTo("http://localhost:8080");
        String token = link.group(2);
        assertThat(token.length()).isGreaterThanOrEqualTo(43); // 256 bits, URL-safe Base64

        // only the hash is stored: not in the token table, and not in the sent mail's outbox row either
        assertThat(database.queryForList("select token_hash from password_reset_token where user_id = ?",
                String.class, user)).containsExactly(sha256(token));
        assertThat(database.queryForObject("select count(*) from password_reset_token where token_hash = ?"
                + " or user_id = ? and token_hash like ?", Integer.class, token, user, "%" + token + "%")).isZero();
        assertThat(database.queryForList("select body from mail_outbox where recipient = ?", String.class,
                address(user))).singleElement().asString().doesNotContain(token);

        Response valid = ApiClient.anonymous(port).get("/api/password-reset/" + token);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json("/valid").asBoolean()).isTrue();

        Response reset = ApiClient.anonymous(port).post("/api/password-reset/" + token,
                Map.of("password", "New-password-2"));
        assertThat(reset.status()).as(reset.raw()).isEqualTo(204);
        assertThat(ApiClient.as(port, user, "New-password-2").get("/api/me").status()).isEqualTo(200);
        assertThat(old.get("/api/me").status()).as("the old password, cached before the reset").isEqualTo(401);
        assertThat(browser.me()).as("the browser session of before the reset").isEqualTo(401);

        Response again = ApiClient.anonymous(port).post("/api/password-reset/" + token,
                Map.of("password", "Third-password-3"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json("/errors/0/path").asText()).isEqualTo("token");
        assertThat(ApiClient.anonymous(port).get("/api/password-reset/" + token).status()).isEqualTo(400);
        assertThat(ApiClient.as(port, user, "New-password-2").get("/api/me").status()).isEqualTo(200);

        assertThat(database.queryForList("select kind from security_event where subject = ? order by id",
                String.class, user)).containsSubsequence("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET");
    }

    @Test
    void anUnknownLoginADisabledAccountAndARealOneGetTheSameAnswerButOnlyTheRealOneAMail() throws Exception {
        String real = localUser("Some-password-1", null);
        String disabled = localUser("Some-password-1", null);
        lock.disable(disabled, "admin");
        String nobody = "nobody-" + System.nanoTime() + "@example.com";

        Response forReal = ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", address(real)));
        Response forNobody = ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", nobody));
        Response forDisabled = ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", disabled));
        sender.sendDue();

        assertThat(List.of(forReal.status(), forNobody.status(), forDisabled.status())).containsOnly(202);
        assertThat(forNobody.raw()).isEqualTo(forReal.raw()).isEqualTo(forDisabled.raw());
        assertThat(sentTo(address(real))).hasSize(1);
        assertThat(sentTo(nobody)).isEmpty();
        assertThat(sentTo(address(disabled))).isEmpty();
        assertThat(database.queryForObject("select count(*) from mail_outbox where recipient in (?, ?)",
                Integer.class, nobody, address(disabled))).isZero();
        assertThat(database.queryForObject("select count(*) from password_reset_token where user_id = ?",
                Integer.class, disabled)).isZero();
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String user = localUser("Some-password-1", null);
        String token = mailedToken(user);
        clock.pin(Instant.now().plus(properties.validFor()).plusSeconds(1));
        try {
            Response late = ApiClient.anonymous(port).post("/api/password-reset/" + token,
                    Map.of("password", "New-password-2"));
            assertThat(late.status()).isEqualTo(400);
            assertThat(late.json("/errors/0/path").asText()).isEqualTo("token");
            assertThat(ApiClient.anonymous(port).get("/api/password-reset/" + token).status()).isEqualTo(400);
        } finally {
            clock.reset();
        }
        assertThat(identity.checkPassword(user, "Some-password-1")).isTrue();
    }

    /**
     * The demo users of the test context need the policy off (PasswordPolicyPlugin), so this test switches Camunda's
     * policy on for its own duration, as a production start has it.
     */
    @Test
    void aPasswordAgainstThePolicyIsRefusedNamingThePasswordAndTheLinkStaysUsable() throws Exception {
        String user = localUser("Some-password-1", "de");
        String token = mailedToken(user);
        assertThat(sentTo(address(user)).get(0).getSubject()).isEqualTo("Ihr Flowdesk-Passwort zurücksetzen");
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var policyBefore = configuration.getPasswordPolicy();
        boolean enabledBefore = configuration.isEnablePasswordPolicy();
        configuration.setPasswordPolicy(new DefaultPasswordPolicyImpl());
        configuration.setEnablePasswordPolicy(true);
        try {
            Response weak = ApiClient.anonymous(port).post("/api/password-reset/" + token,
                    Map.of("password", "short"));
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.json("/errors/0/path").asText()).isEqualTo("password");
            assertThat(weak.json("/errors/0/message").asText()).contains("policy");
            assertThat(identity.checkPassword(user, "Some-password-1")).isTrue();

            Response strong = ApiClient.anonymous(port).post("/api/password-reset/" + token,
                    Map.of("password", "A-much-better-one-7"));
            assertThat(strong.status()).as(strong.raw()).isEqualTo(204);
        } finally {
            configuration.setEnablePasswordPolicy(enabledBefore);
            configuration.setPasswordPolicy(policyBefore);
        }
        assertThat(identity.checkPassword(user, "A-much-better-one-7")).isTrue();
    }

    @Test
    void aFourthRequestForOneLoginWithinTheWindowAnswers429() {
        String login = "flood-" + System.nanoTime();
        for (int i = 0; i < properties.requestsPerAccount(); i++) {
            assertThat(ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", login)).status())
                    .isEqualTo(202);
        }
        Response throttled = ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", login));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json("/status").asInt()).isEqualTo(429);
    }

    /**
     * Two requests with the same link at the same moment, each with its own password: the conditional update that
     * consumes the token lets exactly one through (the other waits for the row lock, then finds it used), and the
     * account ends with the winner's password.
     */
    @Test
    void twoConcurrentUsesOfOneLinkExactlyOneWins() throws Exception {
        String user = localUser("Some-password-1", null);
        String token = mailedToken(user);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of("First-winner-1", "Second-winner-2").stream()
                    .<Callable<Integer>>map(password -> () -> {
                        start.await();
                        return ApiClient.anonymous(port).post("/api/password-reset/" + token,
                                Map.of("password", password)).status();
                    }).toList();
            List<Future<Integer>> results = both.stream().map(pool::submit).toList();
            start.countDown();
            int first = results.get(0).get();
            int second = results.get(1).get();
            assertThat(List.of(first, second)).containsExactlyInAnyOrder(204, 400);
            String winner = first == 204 ? "First-winner-1" : "Second-winner-2";
            String loser = first == 204 ? "Second-winner-2" : "First-winner-1";
            assertThat(identity.checkPassword(user, winner)).isTrue();
            assertThat(identity.checkPassword(user, loser)).isFalse();
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.queryForObject("select count(*) from password_reset_token where user_id = ?"
                + " and used_at is not null", Integer.class, user)).isOne();
    }

    @Test
    void theLoginPageLinksToTheResetPageInTheBrowsersLanguage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String english = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Accept-Language", "en-GB").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String german = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Accept-Language", "de-DE,de;q=0.9").GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(english).contains("name=\"username\"").contains("<a href=\"/password-reset.html\">Forgot password?</a>");
        assertThat(german).contains("<a href=\"/password-reset.html\">Passwort vergessen?</a>");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A new local account with an address of its own (and a language when given). */
    private String localUser(String password, String language) {
        String id = "reset-" + USERS.incrementAndGet() + "-" + Long.toString(System.nanoTime(), 36);
        User user = identity.newUser(id);
        user.setFirstName("Reset");
        user.setLastName("Probe");
        user.setEmail(address(id));
        user.setPassword(password);
        identity.saveUser(user);
        if (language != null) {
            identity.setUserInfo(id, "language", language);
        }
        return id;
    }

    private static String address(String userId) {
        return userId + "@example.com";
    }

    /** Asks for a link for {@code user} and reads the token from the mail GreenMail received. */
    private String mailedToken(String user) throws Exception {
        assertThat(ApiClient.anonymous(port).post("/api/password-reset", Map.of("login", user)).status())
                .isEqualTo(202);
        sender.sendDue();
        List<MimeMessage> mails = sentTo(address(user));
        assertThat(mails).as(whatHappened(user)).hasSize(1);
        Matcher link = LINK.matcher((String) mails.get(0).getContent());
        assertThat(link.find()).isTrue();
        return link.group(2);
    }

    /** For a failure message: the audit of the user's requests and the mails queued for her. */
    private String whatHappened(String user) {
        return "events " + database.queryForList("select kind, detail from security_event where subject = ?"
                + " or kind = 'PASSWORD_RESET_REQUESTED' order by id desc limit 5", user) + ", outbox "
                + database.queryForList("select status, last_error from mail_outbox where recipient = ?", address(user));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** A browser: the login form (with the CSRF cookie), then the session cookie on API calls. */
    private final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        int signIn(String user, String password) throws Exception {
            http.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
            String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
            return http.send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int me() throws Exception {
            return http.send(HttpRequest.newBuilder(uri("/api/me")).header("Accept", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest").GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
