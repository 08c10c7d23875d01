package dev.flowdesk.classification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Download;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A designer changes routing as a table, on PostgreSQL over HTTP: the shipped routing table is the start, a bad cell
 * is refused naming its row and column, a good table becomes a draft whose DRL the server generated, is replayed,
 * activated and rolled back like DRL; the table goes out to CSV and XLSX and comes back unchanged.
 */
class RuleSetTablesIT extends PostgresEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    IdentityService identity;

    @Test
    void aRoutingTableIsCheckedGeneratedReplayedActivatedAndRolledBack() {
        ApiClient dora = as("dora");
        ApiClient bob = as("bob");
        int activeBefore = activeVersion(dora, "routing");
        try {
            // given: the shipped routing table, and recent tickets about printers and the network
            Response shipped = dora.get("/api/rulesets/routing/shipped-table");
            assertThat(shipped.status()).as(shipped.raw()).isEqualTo(200);
            ObjectNode table = (ObjectNode) shipped.body();
            ArrayNode printerRow = (ArrayNode) table.at("/tables/0/rows/1/then");
            assertThat(printerRow.get(0).asText()).isEqualTo("field-service");
            long printer = open(bob, "Printer on floor 2 is jammed");
            long network = open(bob, "Network is down in building C");

            // a misspelt category is refused with its table, row and column
            ((ArrayNode) table.at("/tables/0/rows/1/when")).set(1, "printr, hardware");
            Response bad = dora.post("/api/rulesets/routing/versions", Map.of("format", "table", "table", table));
            assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json("/errors/0/path").asText()).isEqualTo("table.tables[0].rows[1].when[1]");
            assertThat(bad.json("/errors/0/message").asText())
                    .startsWith("table \"queue\", row 2, column \"category in\": unknown category \"printr\"");
            // and so is a priority that is not one, in another rule set's table
            ObjectNode sla = (ObjectNode) dora.get("/api/rulesets/sla/shipped-table").body();
            ((ArrayNode) sla.at("/tables/0/rows/4/when")).set(0, "P7");
            Response badPriority = dora.post("/api/rulesets/sla/versions", Map.of("format", "table", "table", sla));
            assertThat(badPriority.json("/errors/0/message").asText())
                    .isEqualTo("table \"targets\", row 5, column \"priority eq\": \"P7\" is not a priority: P1, P2,"
                            + " P3, P4 or P5");

            // agents may not upload tables
            ((ArrayNode) table.at("/tables/0/rows/1/when")).set(1, "printer, hardware");
            printerRow.set(0, "service-desk");
            assertThat(bob.post("/api/rulesets/routing/versions", Map.of("format", "table", "table", table))
                    .status()).isEqualTo(403);

            // when: the corrected table with printers routed to the service desk is uploaded
            Response uploaded = dora.post("/api/rulesets/routing/versions", Map.of("format", "table", "table", table,
                    "comment", "printers to the desk"));
            assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
            int draft = uploaded.json("/version/version").asInt();
            assertThat(uploaded.json("/format").asText()).isEqualTo("table");
            assertThat(uploaded.json("/version/format").asText()).isEqualTo("table");
            assertThat(uploaded.json("/drl").asText()).contains("setQueue(\"service-desk\")")
                    .contains("agenda-group \"routing\"");

            // then: the version reads back as {format, table, drl}
            Response read = dora.get("/api/rulesets/routing/versions/" + draft);
            assertThat(read.json("/format").asText()).isEqualTo("table");
            assertThat(read.json("/table")).isEqualTo(table);
            assertThat(read.json("/drl").asText()).isEqualTo(uploaded.json("/drl").asText());
            Response drlVersion = dora.get("/api/rulesets/routing/versions/" + activeBefore);
            assertThat(drlVersion.json("/format").asText()).isEqualTo("drl");
            assertThat(drlVersion.json("/table").isNull() || drlVersion.json("/table").isMissingNode()).isTrue();

            // replay: the printer ticket changes queue, the network ticket does not
            Response replay = dora.post("/api/rulesets/routing/versions/" + draft + "/replay?tickets=" + printer + ","
                    + network, Map.of());
            assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
            assertThat(replay.json("/changed").asInt()).isEqualTo(1);
            assertThat(replay.json("/tickets/0/ticketId").asLong()).isEqualTo(printer).isNotEqualTo(network);
            assertThat(replay.json("/changes/0/from").asText()).isEqualTo("field-service");
            assertThat(replay.json("/changes/0/to").asText()).isEqualTo("service-desk");

            // activate: a new printer ticket goes to the desk, and names the table's row as the rule that fired
            assertThat(dora.post("/api/rulesets/routing/versions/" + draft + "/activate", Map.of()).status())
                    .isEqualTo(200);
            JsonNode after = bob.get("/api/tickets/" + open(bob, "Printer out of toner")).body();
            assertThat(after.get("queue").asText()).isEqualTo("service-desk");
            List<String> fired = new ArrayList<>();
            after.at("/decision/rulesFired").forEach(rule -> fired.add(rule.get("name").asText()));
            assertThat(fired).contains("Printer and hardware tickets go to field service");

            // roll back
            assertThat(dora.post("/api/rulesets/routing/versions/" + activeBefore + "/activate", Map.of())
                    .status()).isEqualTo(200);
            assertThat(bob.get("/api/tickets/" + open(bob, "Printer again")).body().get("queue").asText())
                    .isEqualTo("field-service");
        } finally {
            dora.post("/api/rulesets/routing/versions/" + activeBefore + "/activate", Map.of());
        }
    }

    @Test
    void aTableGoesOutAsCsvAndXlsxAndComesBackUnchanged() throws Exception {
        ApiClient dora = as("dora");
        JsonNode table = dora.get("/api/rulesets/categorization/shipped-table").body();
        Response uploaded = dora.post("/api/rulesets/categorization/versions", Map.of("format", "table",
                "table", table));
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        int version = uploaded.json("/version/version").asInt();
        // the shipped keyword rows overlap (a text can mention two): warnings, not errors
        assertThat(uploaded.json("/warnings").size()).isPositive();
        assertThat(uploaded.json("/warnings/0/path").asText()).startsWith("table.tables[0].rows[");

        Download csv = dora.download("/api/rulesets/categorization/versions/" + version + "/table.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("categorization-v" + version + ".csv");
        Response fromCsv = dora.postMultipart("/api/rulesets/categorization/versions", List.of(
                new ApiClient.Part("file", "categorization.csv", csv.body()), ApiClient.Part.text("comment", "csv")));
        assertThat(fromCsv.status()).as(fromCsv.raw()).isEqualTo(201);
        assertThat(fromCsv.json("/table")).isEqualTo(table);

        Download xlsx = dora.download("/api/rulesets/categorization/versions/" + version + "/table.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).startsWith("application/vnd.openxmlformats");
        Response fromXlsx = dora.postFile("/api/rulesets/categorization/versions", "file", "categorization.xlsx",
                xlsx.body());
        assertThat(fromXlsx.status()).as(fromXlsx.raw()).isEqualTo(201);
        assertThat(fromXlsx.json("/table")).isEqualTo(table);
        assertThat(fromXlsx.json("/drl").asText()).isEqualTo(uploaded.json("/drl").asText());

        // a bad file names line and column; a DRL version has no table to export
        String broken = new String(csv.body(), StandardCharsets.UTF_8).replace("then category", "else category");
        Response refused = dora.postFile("/api/rulesets/categorization/versions", "file", "broken.csv",
                broken.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("file");
        assertThat(refused.json("/errors/0/message").asText()).contains("line 2, column 6: \"else category-from-form\""
                + " is no column");
        assertThat(dora.download("/api/rulesets/categorization/versions/1/table.csv").status()).isEqualTo(404);
        assertThat(dora.postFile("/api/rulesets/categorization/versions", "file", "rules.txt", csv.body()).status())
                .isEqualTo(400);
    }

    @Test
    void designersWhoMayNotWriteDrlMayStillUploadTables() {
        if (identity.createUserQuery().userId("dana").count() == 0) {
            var dana = identity.newUser("dana");
            dana.setPassword("dana-secret");
            dana.setEmail("dana@example.com");
            identity.saveUser(dana);
            identity.createMembership("dana", "designers");
        }
        ApiClient dana = ApiClient.as(port, "dana", "dana-secret");
        JsonNode table = dana.get("/api/rulesets/sla/shipped-table").body();

        Response drl = dana.post("/api/rulesets/sla/versions", Map.of("drl", "package x;"));
        Response fromTable = dana.post("/api/rulesets/sla/versions", Map.of("format", "table", "table", table));
        Response unknownFormat = dana.post("/api/rulesets/sla/versions", Map.of("format", "dmn"));

        assertThat(drl.status()).isEqualTo(403);
        assertThat(fromTable.status()).as(fromTable.raw()).isEqualTo(201);
        assertThat(unknownFormat.status()).isEqualTo(400);
        assertThat(unknownFormat.json("/errors/0/path").asText()).isEqualTo("format");
    }

    private static long open(ApiClient client, String subject) {
        Response created = client.post("/api/tickets", Map.of("type", "INCIDENT", "subject", subject,
                "description", "", "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("ticketId").asLong();
    }

    private static int activeVersion(ApiClient dora, String name) {
        for (JsonNode set : dora.get("/api/rulesets").body()) {
            if (set.get("name").asText().equals(name)) {
                return set.get("activeVersion").asInt();
            }
        }
        throw new AssertionError("no rule set " + name);
    }
}
