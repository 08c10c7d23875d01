package dev.flowdesk.quickticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ticket templates ("quick tickets"): designers write them with values the form accepts (bad values are a 400 naming
 * {@code values.<key>}, a stale version a 409), agents list them and open a caller's ticket from one, and that ticket
 * is the one the caller would have opened with the form and the same values: same type, process, fields and the
 * rules' decision.
 */
class TicketTemplatesIT extends PostgresEngineTest {

    @Autowired
    RuntimeService runtime;

    private static Map<String, Object> printerJam(String subject) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", subject);
        values.put("description", "The printer on floor 2 jams on every second page");
        values.put("categoryHint", "printer");
        values.put("impact", "LOW");
        values.put("urgency", "HIGH");
        return values;
    }

    private static Map<String, Object> draft(String name, Map<String, Object> values) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("formKey", "report-incident");
        draft.put("values", values);
        draft.put("queueHint", "service-desk");
        draft.put("priorityHint", "P3");
        return draft;
    }

    @Test
    void designersWriteTemplatesAgentsReadThemAndStaleVersionsConflict() {
        ApiClient dora = as("dora");
        String name = "Printer jam " + System.nanoTime();
        Response created = dora.post("/api/ticket-templates", draft(name, printerJam("Printer jams")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        assertThat(created.json("/values/categoryHint").asText()).isEqualTo("printer");
        assertThat(created.json("/priorityHint").asText()).isEqualTo("P3");
        assertThat(created.json("/version").asLong()).isZero();

        // agents see it (the buttons), requesters do not, and only designers write
        Response listed = as("bob").get("/api/ticket-templates");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().findValuesAsText("name")).contains(name);
        assertThat(as("alice").get("/api/ticket-templates").status()).isEqualTo(403);
        assertThat(as("bob").post("/api/ticket-templates", draft(name + " 2", printerJam("x"))).status())
                .isEqualTo(403);
        // the same name twice is a conflict
        assertThat(dora.post("/api/ticket-templates", draft(name, printerJam("x"))).status()).isEqualTo(409);

        Map<String, Object> change = draft(name, printerJam("Printer jams again"));
        change.put("version", 0);
        Response updated = dora.put("/api/ticket-templates/" + id, json(change));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.json("/version").asLong()).isEqualTo(1);
        assertThat(updated.json("/values/subject").asText()).isEqualTo("Printer jams again");
        // a second designer still holding version 0 is told it changed
        Response stale = dora.put("/api/ticket-templates/" + id, json(change));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");

        assertThat(dora.delete("/api/ticket-templates/" + id).status()).isEqualTo(204);
        assertThat(dora.get("/api/ticket-templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void valuesTheFormWouldRefuseAreA400NamingTheValue() {
        ApiClient dora = as("dora");
        Map<String, Object> unknownCategory = printerJam("Printer jams");
        unknownCategory.put("categoryHint", "toaster");
        assertField(dora.post("/api/ticket-templates", draft("bad " + System.nanoTime(), unknownCategory)),
                "values.categoryHint");

        Map<String, Object> notAField = printerJam("Printer jams");
        notAField.put("colour", "red");
        assertField(dora.post("/api/ticket-templates", draft("bad " + System.nanoTime(), notAField)), "values.colour");

        assertField(dora.post("/api/ticket-templates", draft("bad " + System.nanoTime(),
                printerJam("x".repeat(201)))), "values.subject");

        Map<String, Object> noSuchForm = draft("bad " + System.nanoTime(), printerJam("x"));
        noSuchForm.put("formKey", "no-such-form");
        assertField(dora.post("/api/ticket-templates", noSuchForm), "formKey");

        Map<String, Object> badHint = draft("bad " + System.nanoTime(), printerJam("x"));
        badHint.put("priorityHint", "P9");
        assertField(dora.post("/api/ticket-templates", badHint), "priorityHint");

        // a template may leave required fields to the agent: only what it gives is checked
        Map<String, Object> partial = new LinkedHashMap<>();
        partial.put("categoryHint", "vpn");
        assertThat(dora.post("/api/ticket-templates", draft("partial " + System.nanoTime(), partial)).status())
                .isEqualTo(201);
    }

    @Test
    void aTemplatesTicketIsTheTicketOfTheFormWithTheseValues() {
        String subject = "Printer jams " + System.nanoTime();
        long template = as("dora").post("/api/ticket-templates", draft("Printer jam " + System.nanoTime(),
                printerJam(subject))).json("/id").asLong();

        // bob opens it for alice on the phone with the template's values as they are
        Response opened = as("bob").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("requester", "alice", "channel", "PHONE"));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        long fromTemplate = opened.json("/ticketId").asLong();
        // alice herself submits the form with the same values
        Response submitted = as("alice").post("/api/forms/report-incident/submissions",
                Map.of("data", printerJam(subject)));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        long fromForm = submitted.json("/ticketId").asLong();

        JsonNode a = as("admin").get("/api/tickets/" + fromTemplate).body();
        JsonNode b = as("admin").get("/api/tickets/" + fromForm).body();
        for (String field : List.of("/type", "/subject", "/description", "/category", "/impact", "/urgency",
                "/priority", "/queue", "/requester", "/status", "/fields")) {
            assertThat(a.at(field)).as(field).isEqualTo(b.at(field));
        }
        assertThat(a.at("/priority").asText()).isNotEmpty();
        assertThat(a.at("/requester").asText()).isEqualTo("alice");
        assertThat(a.at("/channel").asText()).isEqualTo("PHONE");
        assertThat(b.at("/channel").asText()).isEqualTo("WEB");
        assertThat(processKey(a)).isEqualTo(processKey(b)).isNotNull();
        // the requester sees the ticket opened for her
        assertThat(as("alice").get("/api/tickets/" + fromTemplate).status()).isEqualTo(200);
    }

    @Test
    void theAgentEditsThePrefilledValuesAndTheFormStillJudgesThem() {
        long template = as("dora").post("/api/ticket-templates", draft("Printer jam " + System.nanoTime(),
                printerJam("Printer jams"))).json("/id").asLong();
        Map<String, Object> edited = printerJam("Printer on floor 3 jams");
        Response opened = as("bob").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("requester", "alice", "channel", "WALK_IN", "values", edited));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        assertThat(as("admin").get("/api/tickets/" + opened.json("/ticketId").asLong()).json("/subject").asText())
                .isEqualTo("Printer on floor 3 jams");

        Map<String, Object> missing = printerJam("Printer jams");
        missing.remove("description");
        assertField(as("bob").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("requester", "alice", "channel", "PHONE", "values", missing)), "values.description");
        assertField(as("bob").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("requester", "alice", "channel", "PIGEON")), "channel");
        assertField(as("bob").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("channel", "PHONE")), "requester");
        // requesters and designers do not open tickets for callers; unknown templates are 404
        assertThat(as("alice").post("/api/ticket-templates/" + template + "/tickets",
                Map.of("requester", "alice", "channel", "PHONE")).status()).isEqualTo(403);
        assertThat(as("bob").post("/api/ticket-templates/999999999/tickets",
                Map.of("requester", "alice", "channel", "PHONE")).status()).isEqualTo(404);
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String processKey(JsonNode ticket) {
        var instance = runtime.createProcessInstanceQuery().processInstanceId(ticket.at("/processInstanceId")
                .asText()).singleResult();
        return instance == null ? null : instance.getProcessDefinitionId().split(":")[0];
    }

    private static void assertField(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().findValuesAsText("path")).as(response.raw()).contains(field);
    }
}
