package dev.flowdesk.mail.outbound;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9: designers edit a mail template in the browser's API with a preview on a real ticket; anything that does
 * not render on the known values, or reaches past the sandbox, is refused with the line, before it is saved.
 */
class MailTemplateEditorIT extends PostgresEngineTest {

    private static final String PATH = "/api/mail/templates/closed/de";

    @Autowired
    MailTemplates templates;

    @AfterEach
    void revert() {
        as("dora").delete(PATH);
    }

    @Test
    void aDesignerEditsPreviewsSavesAndRevertsATemplate() {
        assertThat(as("bob").get(PATH).status()).isEqualTo(403);
        Response shipped = as("dora").get(PATH);
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.json("/edited").asBoolean()).isFalse();
        assertThat(shipped.json("/version").asInt()).isZero();
        assertThat(shipped.json("/source").asText()).startsWith("Subject:");
        assertThat(as("dora").get("/api/mail/templates").body().findValuesAsText("name")).contains("closed", "ack");

        long ticket = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Costs $100 #if", "description", "-", "impact", "LOW", "urgency", "LOW")))
                .json("/ticketId").asLong();
        String source = "Subject: Erledigt: $tag $subject\nHallo,\n\n#if($priority == \"P1\")dringend #end\n"
                + "Ticket $number: ERLEDIGT-MARKER.\n";
        // a preview on a real ticket, within the previewer's access scope (a designer sees no requester's ticket)
        assertThat(as("dora").post(PATH + "/preview", Map.of("source", source, "ticketId", ticket)).status())
                .isEqualTo(404);
        Response sample = as("dora").post(PATH + "/preview", Map.of("source", source));
        assertThat(sample.status()).as(sample.raw()).isEqualTo(200);
        assertThat(sample.json("/subject").asText()).contains("Printer on floor 3");
        Response preview = as("admin").post(PATH + "/preview", Map.of("source", source, "ticketId", ticket));
        assertThat(preview.status()).as(preview.raw()).isEqualTo(200);
        // ticket data is printed as it is, never evaluated
        assertThat(preview.json("/subject").asText()).contains("Costs $100 #if");
        assertThat(preview.json("/body").asText()).contains("ERLEDIGT-MARKER");
        assertThat(as("frank").post(PATH + "/preview", Map.of("source", source, "ticketId", ticket)).status())
                .isEqualTo(403);

        Response saved = as("dora").put(PATH, json(Map.of("source", source, "version", 0)));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        assertThat(saved.json("/version").asInt()).isEqualTo(1);
        assertThat(templates.render("closed", "de", values()).body()).contains("ERLEDIGT-MARKER");
        assertThat(templates.render("closed", "en", values()).body()).doesNotContain("ERLEDIGT-MARKER");
        assertThat(as("dora").put(PATH, json(Map.of("source", source, "version", 0))).status()).isEqualTo(409);

        Response reverted = as("dora").delete(PATH);
        assertThat(reverted.status()).isEqualTo(200);
        assertThat(reverted.json("/edited").asBoolean()).isFalse();
        assertThat(templates.render("closed", "de", values()).body()).doesNotContain("ERLEDIGT-MARKER");
    }

    @Test
    void brokenOrHostileTemplatesAreRefusedNamingTheProblem() {
        assertRefused("Hallo $number", "Subject:");
        assertRefused("Subject: x\n#if($number\n", "line");
        assertRefused("Subject: x\n$unknownValue\n", "$number");
        assertRefused("Subject: x\n$subject.getClass().forName(\"java.lang.Runtime\")\n", "");
        assertRefused("Subject: x\n#include(\"application.yml\")\n", "#include is not allowed");
        assertRefused("Subject: x\n#parse(\"mail/templates/ack_en.vm\")\n", "#parse is not allowed");
        // a loop ends after 1,000 rounds
        Response loop = as("dora").post(PATH + "/preview", Map.of("source", "Subject: x\n#foreach($i in [1..100000])x#end"));
        assertThat(loop.status()).isEqualTo(200);
        assertThat(loop.json("/body").asText().length()).isLessThanOrEqualTo(1000);
        assertThat(as("dora").get(PATH).json("/edited").asBoolean()).isFalse();
        assertThat(as("dora").put("/api/mail/templates/no-such/de", json(Map.of("source", "Subject: x\n",
                "version", 0))).status()).isEqualTo(404);
        assertThat(as("dora").put("/api/mail/templates/closed/fr", json(Map.of("source", "Subject: x\n",
                "version", 0))).json("/errors/0/path").asText()).isEqualTo("language");
    }

    private void assertRefused(String source, String messagePart) {
        Response refused = as("dora").put(PATH, json(Map.of("source", source, "version", 0)));
        assertThat(refused.status()).as(source + " -> " + refused.raw()).isEqualTo(400);
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("source");
        assertThat(refused.json("/errors/0/message").asText()).contains(messagePart);
    }

    private static Map<String, String> values() {
        return new HashMap<>(MailTemplateEditor.SAMPLE);
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
