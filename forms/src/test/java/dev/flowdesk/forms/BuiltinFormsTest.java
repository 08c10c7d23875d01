package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.forms.ValidationResult.FieldError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinFormsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static FormDefinition form(String key) {
        return FormDefinition.parse(BuiltinForms.all().get(key));
    }

    private static JsonNode data(String json) throws IOException {
        return JSON.readTree(json);
    }

    @Test
    void everyShippedJsonFileIsListedAndParses() throws IOException, URISyntaxException {
        Path folder = Path.of(BuiltinFormsTest.class.getResource("/dev/flowdesk/forms/builtin/index.txt").toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            var keys = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).collect(Collectors.toSet());
            assertThat(BuiltinForms.all().keySet()).containsExactlyInAnyOrderElementsOf(keys);
        }
        BuiltinForms.all().values().forEach(FormDefinition::parse);
    }

    @Test
    void reportIncidentDeclaresTicketTypeAccessAndMapping() {
        FormDefinition form = form("report-incident");

        assertThat(form.title()).isEqualTo("Report an incident");
        assertThat(form.properties()).containsEntry("ticketType", "INCIDENT").containsEntry("access", "authenticated");
        assertThat(form.ticketFieldMapping()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "subject", "subject", "description", "description", "impact", "impact", "urgency", "urgency",
                "categoryHint", "category"));
        assertThat(form.inputKeys())
                .containsExactly("subject", "description", "impact", "urgency", "categoryHint", "asset",
                        "attachments");
        // the asset picker's value is a custom field "asset", which the engine checks and links (issue 13)
        assertThat(form.validate(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("subject", "s").put("description", "d").put("impact", "LOW").put("urgency", "LOW")
                .put("asset", 17)).data()).containsEntry("asset", 17L);
    }

    @Test
    void emptyReportIncidentNamesEveryRequiredFieldButImpactWhichDefaults() throws IOException {
        ValidationResult result = form("report-incident").validate(data("{}"));

        assertThat(result.errors()).containsExactly(
                new FieldError("subject", "Subject is required"),
                new FieldError("description", "Description is required"),
                new FieldError("urgency", "Urgency is required"));
        assertThat(result.data()).containsEntry("impact", "MEDIUM");
    }

    @Test
    void validReportIncidentKeepsDefinedFieldsOnly() throws IOException {
        ValidationResult result = form("report-incident").validate(data("""
                {"subject":"Printer on 3rd floor jams","description":"Since this morning","impact":"LOW",
                 "urgency":"HIGH","categoryHint":"printer","submit":true,"isAdmin":true}"""));

        assertThat(result.errors()).isEmpty();
        assertThat(result.data()).containsExactlyInAnyOrderEntriesOf(Map.of("subject", "Printer on 3rd floor jams",
                "description", "Since this morning", "impact", "LOW", "urgency", "HIGH", "categoryHint", "printer",
                "attachments", List.of(), "submit", true));
    }

    @Test
    void tooLongSubjectAndUnknownSelectValuesAreFieldErrors() throws IOException {
        ValidationResult result = form("report-incident").validate(JSON.createObjectNode()
                .put("subject", "x".repeat(201)).put("description", "d").put("impact", "CATASTROPHIC")
                .put("urgency", "LOW").put("categoryHint", "coffee"));

        assertThat(result.errors()).containsExactly(
                new FieldError("subject", "Subject must have no more than 200 characters."),
                new FieldError("impact", "Impact is an invalid value."),
                new FieldError("categoryHint", "What is it about? is an invalid value."));
    }

    @Test
    void resolveIncidentRequiresResolution() throws IOException {
        FormDefinition form = form("resolve-incident");

        assertThat(form.validate(data("{\"resolution\":\"  \"}")).errors())
                .containsExactly(new FieldError("resolution", "Resolution is required"));
        assertThat(form.validate(data("{\"resolution\":\"Replaced toner\"}")).valid()).isTrue();
        assertThat(form.ticketFieldMapping()).containsEntry("resolution", "resolution");
    }
}
