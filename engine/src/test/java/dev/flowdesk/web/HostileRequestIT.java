package dev.flowdesk.web;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smaller findings of the outside probe (issue 8): NUL characters, page bounds, CSRF beside an Authorization
 * header, and a process that fails at start. Each answers a clear problem and changes nothing.
 */
class HostileRequestIT extends PostgresEngineTest {

    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;

    @Test
    void nulInAJsonFieldIsRefusedNamingTheField() {
        long before = count("ticket");

        Response response = as("alice").post("/api/forms/report-incident/submissions",
                "{\"data\":{\"subject\":\"Printer\\u0000jammed\",\"description\":\"x\",\"impact\":\"LOW\","
                        + "\"urgency\":\"LOW\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json("/errors/0/path").asText()).isEqualTo("data.subject");
        assertThat(count("ticket")).isEqualTo(before);
    }

    @Test
    void nulInNestedArraysAndQueriesAndTextBodiesIsRefused() {
        Response nested = as("bob").post("/api/tickets", "{\"type\":\"INCIDENT\",\"subject\":\"s\","
                + "\"fields\":{\"items\":[\"ok\",\"b\\u0000d\"]}}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json("/errors/0/path").asText()).isEqualTo("fields.items[1]");

        Response query = as("bob").get("/api/tickets?q=a%00b");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.json("/errors/0/path").asText()).isEqualTo("q");

        Response drl = as("dora").postRaw("/api/rulesets/zprobe/versions", "text/plain", "package x;\u0000");
        assertThat(drl.status()).isEqualTo(400);
        assertThat(drl.json("/errors/0/path").asText()).isEqualTo("body");
    }

    @Test
    void pagesBeyondTheOffsetLimitAnswer400NamingThePage() {
        for (String list : new String[] {"/api/tickets", "/api/tasks", "/api/approvals"}) {
            Response response = as("bob").get(list + "?page=2147483647");
            assertThat(response.status()).as(list).isEqualTo(400);
            assertThat(response.json("/errors/0/path").asText()).as(list).isEqualTo("page");
            assertThat(as("bob").get(list + "?size=0").json("/errors/0/path").asText()).as(list).isEqualTo("size");
            assertThat(as("bob").get(list + "?page=-1").status()).as(list).isEqualTo(400);
        }
        assertThat(as("bob").get("/api/tickets?page=99999999999").status()).isEqualTo(400);
        assertThat(as("bob").get("/api/tickets?page=3&size=200").status()).isEqualTo(200);
    }

    @Test
    void anAuthorizationHeaderThatIsNotValidBasicDoesNotSkipCsrfOrBorrowTheSession() throws Exception {
        // a user of its own: the wrong password below starts Camunda's login delay for that user
        String agent = "csrf-probe-agent";
        if (identity.createUserQuery().userId(agent).count() == 0) {
            User user = identity.newUser(agent);
            user.setPassword("demo");
            user.setEmail(agent + "@example.com");
            identity.saveUser(user);
            identity.createMembership(agent, "service-desk");
        }
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        String csrf = xsrfCookie(browser);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + agent + "&password=demo&_csrf=" + csrf))
                .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        // signing in replaces the CSRF token; the next request hands out the new one
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(base + "/api/me")).header("Accept",
                "application/json").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        csrf = xsrfCookie(browser);
        String body = "{\"type\":\"INCIDENT\",\"subject\":\"Forged\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}";
        long before = count("ticket");

        // a forged bearer token beside the session cookie and no CSRF token: a token request never uses the
        // session, so it is not signed in (401)
        HttpResponse<String> bearer = browser.send(post(base, body).header("Authorization", "Bearer forged").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(401);
        // Basic with a wrong password for the session's own user: 401, the session does not sign it in
        String wrong = "Basic "
                + Base64.getEncoder().encodeToString((agent + ":wrong").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> badBasic = browser.send(post(base, body).header("Authorization", wrong).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(badBasic.statusCode()).isEqualTo(401);
        // a malformed Basic header: 401 as well
        HttpResponse<String> malformed = browser.send(post(base, body).header("Authorization", "Basic !!!").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(count("ticket")).isEqualTo(before);

        // the session itself still works with its CSRF token, and valid Basic still works without one
        HttpResponse<String> withToken = browser.send(post(base, body).header("X-XSRF-TOKEN", csrf).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(201);
        assertThat(as("bob").post("/api/tickets", body).status()).isEqualTo(201);
    }

    @Test
    void aProcessThatFailsAtStartAnswersAProblemNamingItAndOpensNoTicket() {
        String form = "{\"display\":\"form\",\"title\":\"Broken start probe\",\"components\":["
                + "{\"type\":\"textfield\",\"key\":\"subject\",\"label\":\"Subject\",\"input\":true}]}";
        assertThat(as("dora").put("/api/forms/probe-broken-start", form).status()).isIn(200, 201);
        // deployed past the linter (as an administrator could through Camunda's own API): the candidate group
        // names a variable that nothing sets, so the process fails on its way to the first task
        BpmnModelInstance broken = Bpmn.createExecutableProcess("probe-broken-start").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Probe").camundaFormKey("formio:probe-broken-start")
                .userTask("Task_Probe").camundaCandidateGroups("${groupNobodySets}").endEvent().done();
        repository.createDeployment().addModelInstance("probe-broken-start.bpmn", broken).deploy();
        long before = count("ticket");

        Response response = as("alice").post("/api/forms/probe-broken-start/submissions",
                Map.of("data", Map.of("subject", "Will it start?")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json("/detail").asText()).contains("probe-broken-start").contains("groupNobodySets");
        assertThat(count("ticket")).isEqualTo(before);
    }

    private static HttpRequest.Builder post(String base, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/tickets")).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String xsrfCookie(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).reduce((first, last) -> last).orElseThrow().getValue();
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

}
