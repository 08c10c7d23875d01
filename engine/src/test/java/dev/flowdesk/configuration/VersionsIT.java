package dev.flowdesk.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Part;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.workflow.IncidentCopies;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every designer artefact lists its versions with who, when and comment, and compares two of them: forms and mail
 * templates line by line, rule tables also row by row, models also element by element.
 */
class VersionsIT extends PostgresEngineTest {

    private static final String FORM_V1 = "{\"display\":\"form\",\"title\":\"Parking\",\"components\":["
            + "{\"type\":\"textfield\",\"key\":\"plate\",\"label\":\"Plate\",\"input\":true}]}";
    private static final String FORM_V2 = FORM_V1.replace("\"label\":\"Plate\"", "\"label\":\"Number plate\"");

    @Test
    void formVersionsCarryAuthorAndCommentAndTheirDiffShowsTheChangedLine() {
        String key = "parking-" + Long.toString(System.nanoTime(), 36);
        var dora = as("dora");
        assertThat(dora.put("/api/forms/" + key + "?comment=first%20draft", FORM_V1).status()).isEqualTo(200);
        assertThat(dora.put("/api/forms/" + key + "?comment=clearer%20label", FORM_V2).status()).isEqualTo(200);

        Response versions = dora.get("/api/forms/" + key + "/versions");

        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.body()).hasSize(2);
        assertThat(versions.json("/0/version").asInt()).isEqualTo(2);
        assertThat(versions.json("/0/author").asText()).isEqualTo("dora");
        assertThat(versions.json("/0/comment").asText()).isEqualTo("clearer label");
        assertThat(versions.json("/0/current").asBoolean()).isTrue();
        assertThat(versions.json("/1/current").asBoolean()).isFalse();
        assertThat(versions.json("/0/at").asText()).isNotEmpty();

        Response diff = dora.get("/api/forms/" + key + "/diff?from=1&to=2");
        assertThat(diff.status()).isEqualTo(200);
        assertThat(changed(diff.json("/lines"))).containsExactly(
                "REMOVED     \"label\" : \"Plate\",", "ADDED     \"label\" : \"Number plate\",");
        assertThat(diff.json("/fromText").asText()).contains("\"Plate\"");

        assertThat(as("bob").get("/api/forms/" + key + "/versions").status()).isEqualTo(403);
        assertThat(dora.get("/api/forms/" + key + "/diff?from=1&to=7").status()).isEqualTo(404);
        Response noFrom = dora.get("/api/forms/" + key + "/diff?to=2");
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.contentType()).startsWith("application/problem+json");
        assertThat(noFrom.raw()).contains("from");
    }

    @Test
    void mailTemplateRevisionsKeepEverySaveAndTheRevertToTheShippedText() {
        String path = "/api/mail/templates/approval-reply-refused/en";
        var dora = as("dora");
        Response shipped = dora.get(path);
        int before = shipped.json("/version").asInt();
        String edited = shipped.json("/shippedSource").asText().replaceFirst("\n", "\nWith kind regards from the desk.\n");
        Response saved = dora.put(path, json(Map.of("source", edited, "version", before, "comment", "friendlier")));
        assertThat(saved.status()).isEqualTo(200);
        int revision = saved.json("/version").asInt();
        assertThat(dora.delete(path).status()).isEqualTo(200);

        Response versions = dora.get(path + "/versions");

        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json("/0/version").asInt()).isEqualTo(revision + 1);
        assertThat(versions.json("/0/comment").asText()).isEqualTo("reverted to the shipped template");
        assertThat(versions.json("/0/current").asBoolean()).isTrue();
        assertThat(versions.json("/1/version").asInt()).isEqualTo(revision);
        assertThat(versions.json("/1/comment").asText()).isEqualTo("friendlier");
        assertThat(versions.json("/1/author").asText()).isEqualTo("dora");
        JsonNode last = versions.body().get(versions.body().size() - 1);
        assertThat(last.get("version").asInt()).isZero();
        assertThat(last.get("author").asText()).isEqualTo("flowdesk");

        Response diff = dora.get(path + "/diff?from=0&to=" + revision);
        assertThat(changed(diff.json("/lines"))).containsExactly("ADDED With kind regards from the desk.");
        Response back = dora.get(path + "/diff?from=0&to=" + (revision + 1));
        assertThat(changed(back.json("/lines"))).isEmpty();
        assertThat(as("alice").get(path + "/versions").status()).isEqualTo(403);
    }

    @Test
    void ruleTableVersionsDifferByRowAndCell() {
        var dora = as("dora");
        JsonNode table = dora.get("/api/rulesets/routing/shipped-table").body();
        Response first = dora.post("/api/rulesets/routing/versions", Map.of("format", "table", "table", table,
                "comment", "the shipped table"));
        assertThat(first.status()).isEqualTo(201);
        JsonNode changedTable = table.deepCopy();
        var firstRow = (com.fasterxml.jackson.databind.node.ObjectNode) changedTable.at("/tables/0/rows/0");
        String rowName = firstRow.get("name").asText();
        String explanation = firstRow.get("explanation").asText();
        firstRow.put("explanation", explanation + " (checked)");
        Response second = dora.post("/api/rulesets/routing/versions", Map.of("format", "table", "table",
                changedTable, "comment", "explain better"));
        assertThat(second.status()).isEqualTo(201);
        int from = first.json("/version/version").asInt();
        int to = second.json("/version/version").asInt();

        Response diff = dora.get("/api/rulesets/routing/diff?from=" + from + "&to=" + to);

        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json("/table/rows")).hasSize(1);
        assertThat(diff.json("/table/rows/0/row").asText()).isEqualTo(rowName);
        assertThat(diff.json("/table/rows/0/change").asText()).isEqualTo("CHANGED");
        assertThat(diff.json("/table/rows/0/cells/0/column").asText()).isEqualTo("explanation");
        assertThat(diff.json("/table/rows/0/cells/0/to").asText()).isEqualTo(explanation + " (checked)");
        assertThat(changed(diff.json("/lines"))).isNotEmpty();
        Response versions = dora.get("/api/rulesets/routing/versions");
        assertThat(versions.json("/0/version").asInt()).isEqualTo(to);
        assertThat(versions.json("/0/comment").asText()).isEqualTo("explain better");
    }

    @Test
    void modelVersionsCarryTheDeployCommentAndDifferByElement() {
        String key = IncidentCopies.newKey("versions");
        String v1 = IncidentCopies.incidentAs(key);
        String v2 = v1.replaceFirst("name=\"Dispatch incident\"", "name=\"Dispatch the incident\"");
        assertThat(v2).isNotEqualTo(v1);
        var dora = as("dora");
        assertThat(dora.postMultipart("/api/processes", List.of(new Part("file", key + ".bpmn",
                v1.getBytes(StandardCharsets.UTF_8)), Part.text("comment", "first cut"))).status()).isEqualTo(201);
        assertThat(dora.postMultipart("/api/processes", List.of(new Part("file", key + ".bpmn",
                v2.getBytes(StandardCharsets.UTF_8)), Part.text("comment", "clearer task name"))).status())
                .isEqualTo(201);

        Response versions = dora.get("/api/processes/" + key + "/versions");
        Response diff = dora.get("/api/processes/" + key + "/diff?from=1&to=2");

        assertThat(versions.json("/0/version").asInt()).isEqualTo(2);
        assertThat(versions.json("/0/author").asText()).isEqualTo("dora");
        assertThat(versions.json("/0/comment").asText()).isEqualTo("clearer task name");
        assertThat(versions.json("/1/comment").asText()).isEqualTo("first cut");
        assertThat(diff.json("/elements")).hasSize(1);
        assertThat(diff.json("/elements/0/change").asText()).isEqualTo("CHANGED");
        assertThat(diff.json("/elements/0/properties/0/property").asText()).isEqualTo("name");
        assertThat(diff.json("/elements/0/properties/0/to").asText()).isEqualTo("Dispatch the incident");
        assertThat(as("bob").get("/api/processes/" + key + "/diff?from=1&to=2").status()).isEqualTo(403);
    }

    private static List<String> changed(JsonNode lines) {
        List<String> changed = new ArrayList<>();
        lines.forEach(l -> {
            if (!l.get("op").asText().equals("SAME")) {
                changed.add(l.get("op").asText() + " " + l.get("text").asText());
            }
        });
        return changed;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
