package dev.flowdesk.form;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Designers manage forms at run time: JavaScript is refused, new versions apply to new tasks only, a form can end
 * in self-service deflection, and anonymous forms start processes without signing in.
 */
class FormLifecycleIT extends PostgresEngineTest {

    private static final String RESOLVE_WITH_ROOT_CAUSE = """
            {"title":"Resolve incident","display":"form","properties":{"access":"authenticated"},"components":[
              {"type":"textarea","key":"resolution","label":"Resolution","input":true,
               "validate":{"required":true},"properties":{"ticketField":"resolution"}},
              {"type":"textfield","key":"rootCause","label":"Root cause","input":true,"validate":{"required":true}},
              {"type":"button","key":"submit","label":"Resolve","input":true}]}""";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RepositoryService repository;

    @Test
    void javascriptInAFormIsRefusedWithComponentAndProperty() {
        String withScript = """
                {"display":"form","components":[
                  {"type":"number","key":"total","label":"Total","input":true,"calculateValue":"value = data.a * 2"}]}""";
        Response refused = as("dora").put("/api/forms/report-incident", withScript);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("components.total.calculateValue");
        assertThat(as("bob").put("/api/forms/report-incident", RESOLVE_WITH_ROOT_CAUSE).status()).isEqualTo(403);
        assertThat(as("dora").put("/api/forms/report-incident", "{not json").status()).isEqualTo(400);
    }

    /** Issue 8: formio.js runs {{ }} in html and tooltips as JavaScript in the browser of whoever opens the form. */
    @Test
    void aTemplateThatRunsCodeIsRefusedNamingComponentAndProperty() {
        String probe = """
                {"display":"form","components":[
                  {"type":"content","key":"intro","input":false,
                   "html":"<p>{{ (function(){ document.title='XSS'; return 'i'; })() }}</p>"},
                  {"type":"textfield","key":"subject","label":"Subject","input":true,
                   "tooltip":"{{ (function(){ document.title='XSS'; return 'i'; })() }}"}]}""";
        int versions = versionsOf("report-incident");

        Response refused = as("dora").put("/api/forms/report-incident", probe);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("components.intro.html");
        assertThat(refused.json("/errors/0/message").asText())
                .contains("component 'intro' property 'html'", "templates may only name a data path");
        assertThat(refused.json("/errors/1/path").asText()).isEqualTo("components.subject.tooltip");
        assertThat(versionsOf("report-incident")).isEqualTo(versions);

        String plainPaths = probe.replace("(function(){ document.title='XSS'; return 'i'; })()", "data.subject");
        Response accepted = as("dora").put("/api/forms/plain-template-probe", plainPaths);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
    }

    private int versionsOf(String key) {
        return jdbc.queryForObject("select count(*) from form_definition where form_key = ?", Integer.class, key);
    }

    @Test
    void tasksKeepTheFormVersionTheyWereCreatedWith() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        // given: an incident whose task was created with the current resolve-incident form
        String oldTask = reportAndFindTask(alice, bob, "Password expired, cannot log in");

        // when: the designer saves a version that also requires a root cause
        Response saved = as("dora").put("/api/forms/resolve-incident", RESOLVE_WITH_ROOT_CAUSE);
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        int version = saved.json("/version").asInt();
        try {
            String newTask = reportAndFindTask(alice, bob, "Password expired again");

            // then: the waiting task keeps its form, the new task gets the new one
            assertThat(bob.get("/api/tasks/" + oldTask + "/form").json("/formVersion").asInt()).isLessThan(version);
            assertThat(bob.get("/api/tasks/" + newTask + "/form").json("/formVersion").asInt()).isEqualTo(version);
            Map<String, Object> onlyResolution = Map.of("data", Map.of("resolution", "Reset the password"));
            assertThat(bob.post("/api/tasks/" + oldTask + "/complete", onlyResolution).status()).isEqualTo(204);
            Response missing = bob.post("/api/tasks/" + newTask + "/complete", onlyResolution);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json("/errors/0/path").asText()).isEqualTo("data.rootCause");
            assertThat(bob.post("/api/tasks/" + newTask + "/complete", Map.of("data", Map.of(
                    "resolution", "Reset the password", "rootCause", "expiry policy"))).status()).isEqualTo(204);
        } finally {
            // later tests expect the shipped form: save it again as the newest version
            as("dora").put("/api/forms/resolve-incident", builtinResolveIncident());
        }
    }

    @Test
    void aFormCanEndWithoutATicketWhenTheAnswerHelped() {
        String faq = """
                {"title":"Printer help","display":"form","properties":{"ticketType":"INCIDENT","deflectWhen":"solved"},
                 "components":[
                  {"type":"htmlelement","key":"answer","tag":"p","content":"Open tray 2 and remove the jammed paper."},
                  {"type":"checkbox","key":"solved","label":"This solved my problem","input":true},
                  {"type":"textfield","key":"subject","label":"Subject","input":true,"properties":{"ticketField":"subject"},
                   "validate":{"required":true},"conditional":{"show":false,"when":"solved","eq":"true"}}]}""";
        assertThat(as("dora").put("/api/forms/printer-help", faq).status()).isEqualTo(200);
        long tickets = count("ticket");
        long deflections = jdbc.queryForObject("select count(*) from form_deflection where form_key = 'printer-help'",
                Long.class);

        Response deflected = as("alice").post("/api/forms/printer-help/submissions",
                Map.of("data", Map.of("solved", true)));

        assertThat(deflected.status()).as(deflected.raw()).isEqualTo(200);
        assertThat(deflected.json("/deflected").asBoolean()).isTrue();
        assertThat(count("ticket")).isEqualTo(tickets);
        assertThat(jdbc.queryForObject("select count(*) from form_deflection where form_key = 'printer-help'",
                Long.class)).isEqualTo(deflections + 1);
    }

    @Test
    void anonymousFormsStartProcessesWithoutSigningIn() {
        String contact = """
                {"title":"Contact the service desk","display":"form","properties":{"access":"anonymous","ticketType":"INCIDENT"},
                 "components":[
                  {"type":"email","key":"email","label":"Your e-mail","input":true,"validate":{"required":true},
                   "properties":{"ticketField":"requester"}},
                  {"type":"textfield","key":"subject","label":"Subject","input":true,"validate":{"required":true},
                   "properties":{"ticketField":"subject"}}]}""";
        assertThat(as("dora").put("/api/forms/contact-us", contact).status()).isEqualTo(200);
        repository.createDeployment().addModelInstance("contact-us.bpmn", Bpmn.createExecutableProcess("contact-us")
                .camundaHistoryTimeToLive(30).startEvent("StartEvent_Contact").camundaFormKey("formio:contact-us")
                .userTask("Task_Answer").name("Answer").camundaCandidateGroups("service-desk")
                .camundaFormKey("formio:resolve-incident").endEvent().done()).deploy();
        ApiClient anonymous = ApiClient.anonymous(port);

        assertThat(anonymous.get("/api/forms/contact-us").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/forms/report-incident").status()).isEqualTo(404);
        Response invalid = anonymous.post("/api/forms/contact-us/submissions",
                Map.of("data", Map.of("email", "not-an-address", "subject", "Hello")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json("/errors/0/path").asText()).isEqualTo("data.email");

        Response created = anonymous.post("/api/forms/contact-us/submissions",
                Map.of("data", Map.of("email", "visitor@example.org", "subject", "Where is my order?")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();
        assertThat(as("admin").get("/api/tickets/" + id).json("/requester").asText()).isEqualTo("visitor@example.org");
        assertThat(anonymous.get("/api/tickets/" + id).status()).isEqualTo(401);
    }

    @Test
    void hostileSubmissionsGetClearErrorsAndCreateNothing() {
        ApiClient alice = as("alice");
        long tickets = count("ticket");
        String deep = "{\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        String huge = "{\"data\":{\"subject\":\"" + "x".repeat(10_000_000) + "\",\"description\":\"d\","
                + "\"impact\":\"LOW\",\"urgency\":\"LOW\"}}";
        for (String body : new String[] {deep, huge, "{\"data\":[1,2,3]}", "{\"data\":\"text\"}", "[]", "null",
                "{\"data\":{\"subject\":{\"$gt\":\"\"},\"impact\":[\"HIGH\"],\"urgency\":7}}"}) {
            Response response = alice.postRaw("/api/forms/report-incident/submissions", "application/json", body);
            assertThat(response.status()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(count("ticket")).isEqualTo(tickets);
    }

    @Test
    void aServiceRequestFormCarriesItsFulfilmentItemsToTheTicket() {
        Response created = as("alice").post("/api/forms/request-service/submissions", Map.of("data", Map.of(
                "catalogueItem", "other", "subject", "Onboarding for Jo", "justification", "starts Monday",
                "fulfilmentItems", java.util.List.of(
                        Map.of("subject", "Laptop", "category", "hardware"),
                        Map.of("subject", "VPN account", "category", "network"),
                        Map.of("subject", "Mailbox", "category", "email", "unknownColumn", "dropped")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        var ticket = as("admin").get("/api/tickets/" + created.json("/ticketId").asLong()).body();
        assertThat(ticket.get("type").asText()).isEqualTo("SERVICE_REQUEST");
        assertThat(ticket.at("/fields/fulfilmentItems")).hasSize(3);
        assertThat(ticket.at("/fields/fulfilmentItems/1/category").asText()).isEqualTo("network");
        assertThat(ticket.at("/fields/fulfilmentItems/2").has("unknownColumn")).isFalse();
    }

    private String reportAndFindTask(ApiClient alice, ApiClient bob, String subject) {
        Response created = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", subject, "description", "-", "impact", "LOW", "urgency", "LOW")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();
        for (var task : bob.get("/api/tasks").body().get("items")) {
            if (task.at("/ticket/id").asLong() == id) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError("no task for ticket " + id);
    }

    private static String builtinResolveIncident() {
        return dev.flowdesk.forms.BuiltinForms.all().get("resolve-incident");
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
