package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMDB at the desk, over HTTP on PostgreSQL: the incident form's asset picker (a requester names only her own
 * device, checked and linked by the server), CIs linked to and unlinked from a ticket, statistics per asset type,
 * model and supplier on a known data set, XLSX import of assets and contacts beside CSV, and paged lists.
 */
class CmdbDeskIT extends PostgresEngineTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String CRITICAL_RULE = "Business-critical configuration item raises priority one step";

    @Autowired
    JdbcTemplate jdbc;

    ApiClient admin;
    ApiClient bob;
    ApiClient alice;
    String run;

    @BeforeEach
    void setUp() {
        admin = as("admin");
        bob = as("bob");
        alice = as("alice");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theIncidentFormLinksTheRequestersOwnDeviceAndRefusesAnybodyElses() {
        // given: alice's laptop (critical for her work) and frank's
        long mine = asset("laptop", "Alice's ThinkPad " + run, Map.of("ownerId", "alice", "critical", true));
        long franks = asset("laptop", "Frank's MacBook " + run, Map.of("ownerId", "frank"));

        // when: alice reports an incident naming her laptop
        Response ok = alice.post("/api/forms/report-incident/submissions", Map.of("data", incident(mine)));

        // then: the ticket exists with the laptop linked, and the critical CI raised its priority
        assertThat(ok.status()).as(ok.raw()).isEqualTo(201);
        long ticket = ok.body().get("ticketId").asLong();
        JsonNode cis = alice.get("/api/tickets/" + ticket + "/assets").body();
        assertThat(cis).hasSize(1);
        assertThat(cis.at("/0/asset/id").asLong()).isEqualTo(mine);
        assertThat(fired(admin.get("/api/tickets/" + ticket).body())).contains(CRITICAL_RULE);

        // when: she names frank's laptop, or an asset that does not exist
        long ticketsBefore = countTickets();
        for (long other : List.of(franks, 987654321L)) {
            Response refused = alice.post("/api/forms/report-incident/submissions", Map.of("data", incident(other)));
            // then: 400 naming the form's field, and no ticket
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json("/errors/0/path").asText()).isEqualTo("data.asset");
        }
        assertThat(countTickets()).isEqualTo(ticketsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket_asset WHERE asset_id = ?", Long.class, franks))
                .isZero();

        // an agent reporting through the same form may name any asset of the desk
        Response agent = bob.post("/api/forms/report-incident/submissions", Map.of("data", incident(franks)));
        assertThat(agent.status()).as(agent.raw()).isEqualTo(201);
        assertThat(bob.get("/api/tickets/" + agent.body().get("ticketId").asLong() + "/assets").body()
                .at("/0/asset/id").asLong()).isEqualTo(franks);
    }

    @Test
    void agentsLinkAndUnlinkCisAndTheTicketShowsEachCisOtherOpenTickets() {
        long printer = asset("printer", "Printer " + run, Map.of());
        long first = open("INCIDENT", "Strange noise " + run, Map.of("asset", printer));
        long second = open("INCIDENT", "Strange smell " + run, Map.of());

        // when: bob links the printer to the second ticket too
        Response linked = bob.post("/api/tickets/" + second + "/assets", Map.of("assetId", printer));

        // then: the second ticket shows the printer with the first ticket as its other open ticket
        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        assertThat(linked.json("/0/asset/id").asLong()).isEqualTo(printer);
        assertThat(ids(linked.body().at("/0/otherOpenTickets"))).containsExactly(first);

        // a requester may not unlink, even on a ticket she sees
        assertThat(alice.delete("/api/tickets/" + second + "/assets/" + printer).status()).isEqualTo(403);
        // when: bob unlinks it
        Response unlinked = bob.delete("/api/tickets/" + second + "/assets/" + printer);
        // then: the ticket has no CI, the first ticket keeps its link, the asset's history says so
        assertThat(unlinked.status()).as(unlinked.raw()).isEqualTo(200);
        assertThat(unlinked.body()).isEmpty();
        assertThat(bob.get("/api/tickets/" + first + "/assets").body()).hasSize(1);
        assertThat(StreamSupport.stream(bob.get("/api/assets/" + printer).body().get("history").spliterator(), false)
                .map(h -> h.get("action").asText())).containsSubsequence("TICKET_LINKED", "TICKET_UNLINKED");
        // unlinking what is not linked: 404
        assertThat(bob.delete("/api/tickets/" + second + "/assets/" + printer).status()).isEqualTo(404);
    }

    @Test
    void theCabMemberSeesTheImpactOfTheChangeSheVotesOnWithTheOpenIncidentsThere() {
        // given: a server, a shop on it, a checkout service depending on the shop, an open incident on the shop
        long server = asset("server", "srv-cab-" + run, Map.of("critical", true));
        long shop = asset("application", "Shop " + run, Map.of());
        long checkout = asset("service", "Checkout " + run, Map.of());
        assertThat(bob.post("/api/assets/" + shop + "/relations", Map.of("type", "RUNS_ON", "targetId", server))
                .status()).isEqualTo(200);
        assertThat(bob.post("/api/assets/" + checkout + "/relations", Map.of("type", "DEPENDS_ON", "targetId", shop))
                .status()).isEqualTo(200);
        long outage = open("INCIDENT", "Shop slow " + run, Map.of("asset", shop));
        // and alice's change request on the server, assessed by bob, so that it waits for the CAB's votes
        Response requested = alice.post("/api/forms/request-change/submissions", Map.of("data", Map.of(
                "subject", "Patch srv-cab-" + run, "description", "Kernel update", "changeType", "normal",
                "risk", "medium", "implementer", "bob", "plannedStart", "2030-01-07T09:00:00Z")));
        assertThat(requested.status()).as(requested.raw()).isEqualTo(201);
        long change = requested.body().get("ticketId").asLong();
        assertThat(bob.post("/api/tickets/" + change + "/assets", Map.of("assetId", server)).status()).isEqualTo(200);
        JsonNode assess = StreamSupport.stream(bob.get("/api/tasks?filter=candidate&size=200").body().get("items")
                .spliterator(), false).filter(t -> t.at("/ticket/id").asLong() == change).findFirst().orElseThrow();
        JsonNode form = bob.get("/api/tasks/" + assess.get("id").asText() + "/form").body();
        assertThat(bob.post("/api/tasks/" + assess.get("id").asText() + "/complete", Map.of("data", form.get("data")))
                .status()).isEqualTo(204);

        // when: carol, who votes on it, asks for the change's impact
        Response impact = as("carol").get("/api/tickets/" + change + "/impact");

        // then: the server, the shop (1 away) with its open incident, the checkout (2 away); the incident is not
        // carol's to read, so she learns its number, status and priority only
        assertThat(impact.status()).as(impact.raw()).isEqualTo(200);
        assertThat(impact.json("/0/asset/id").asLong()).isEqualTo(server);
        Map<String, JsonNode> impacted = new LinkedHashMap<>();
        impact.body().at("/0/impacted").forEach(i -> impacted.put(i.get("name").asText(), i));
        assertThat(impacted.keySet()).containsExactly("Shop " + run, "Checkout " + run);
        assertThat(impacted.get("Checkout " + run).get("distance").asInt()).isEqualTo(2);
        JsonNode incident = impacted.get("Shop " + run).at("/openTickets/0");
        assertThat(incident.get("id").asLong()).isEqualTo(outage);
        assertThat(incident.get("visible").asBoolean()).isFalse();
        assertThat(incident.has("subject")).isFalse();
        assertThat(as("carol").get("/api/tickets/" + outage).status()).isEqualTo(404);
        // bob, whose queue holds the incident, may open it; the requester may not ask; an outsider gets 404
        assertThat(bob.get("/api/tickets/" + change + "/impact").body().at("/0/impacted/0/openTickets/0/visible")
                .asBoolean()).isTrue();
        assertThat(alice.get("/api/tickets/" + change + "/impact").status()).isEqualTo(403);
        assertThat(as("frank").get("/api/tickets/" + change + "/impact").status()).isEqualTo(404);
    }

    @Test
    void statisticsCountTicketsAndIncidentsPerAssetTypeModelAndSupplier() {
        // given: a known data set in types, models and a supplier of this run only
        String typeA = assetType("sta-" + run);
        String typeB = assetType("stb-" + run);
        String modelX = "X-" + run;
        String modelY = "Y-" + run;
        String supplier = "Supplier " + run;
        long a1 = asset(typeA, "a1", Map.of("fields", Map.of("model", modelX, "supplier", supplier)));
        long a2 = asset(typeA, "a2", Map.of("fields", Map.of("model", modelX, "supplier", supplier)));
        long a3 = asset(typeA, "a3", Map.of("fields", Map.of("model", modelY, "supplier", supplier)));
        long b1 = asset(typeB, "b1", Map.of("fields", Map.of("model", modelY)));
        open("INCIDENT", "a1 broken", Map.of("asset", a1));
        open("INCIDENT", "a1 broken again", Map.of("asset", a1));
        open("PROBLEM", "a1 keeps breaking", Map.of("asset", a1));
        open("INCIDENT", "a2 broken", Map.of("asset", a2));
        long shared = open("INCIDENT", "b1 and a3 down", Map.of("asset", b1));
        assertThat(bob.post("/api/tickets/" + shared + "/assets", Map.of("assetId", a3)).status()).isEqualTo(200);

        // when / then: by type (the administrator sees every ticket)
        Map<String, JsonNode> byType = rows(admin.get("/api/assets/statistics?by=type").body());
        assertRow(byType.get(typeA), 3, 5, 4, "1.67", "1.33");
        assertRow(byType.get(typeB), 1, 1, 1, "1.00", "1.00");
        // by model
        Map<String, JsonNode> byModel = rows(admin.get("/api/assets/statistics?by=model").body());
        assertRow(byModel.get(modelX), 2, 4, 3, "2.00", "1.50");
        assertRow(byModel.get(modelY), 2, 2, 2, "1.00", "1.00");
        // by supplier
        Map<String, JsonNode> bySupplier = rows(admin.get("/api/assets/statistics?by=supplier").body());
        assertRow(bySupplier.get(supplier), 3, 5, 4, "1.67", "1.33");
        assertThat(bySupplier.get(supplier).get("openIncidents").asLong()).isEqualTo(4);

        // an agent counts only the tickets he may see: frank's figures equal the tickets of this set he may open
        JsonNode frankA = rows(as("frank").get("/api/assets/statistics").body()).get(typeA);
        long frankSees = jdbc.queryForList("SELECT DISTINCT ta.ticket_id FROM ticket_asset ta"
                + " WHERE ta.asset_id IN (?, ?, ?)", Long.class, a1, a2, a3).stream()
                .filter(id -> as("frank").get("/api/tickets/" + id).status() == 200).count();
        assertThat(frankA.get("assets").asLong()).isEqualTo(3);
        assertThat(frankA.get("tickets").asLong()).isEqualTo(frankSees).isLessThan(5);
        // requesters have no statistics; a grouping that does not exist is 400 naming it
        assertThat(alice.get("/api/assets/statistics").status()).isEqualTo(403);
        Response bad = bob.get("/api/assets/statistics?by=colour");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json("/errors/0/path").asText()).isEqualTo("by");
    }

    @Test
    void anXlsxImportOfAssetsReportsEachRowAndARerunChangesNothing() throws IOException {
        // given: a workbook as Excel writes it: a numeric serial, a date cell, custom columns and one bad row
        byte[] workbook = xlsx(List.of("serial", "type", "name", "status", "ownerId", "warrantyEnd", "model",
                "supplier"), List.of(
                List.of(run + "-1", "laptop", "Laptop one", "IN_USE", "alice", LocalDate.of(2027, 3, 31), "T14",
                        "Lenovo"),
                List.of(run + "-2", "laptop", "Laptop two", "IN_STOCK", "", "", "T14", "Lenovo"),
                List.of(run + "-3", "monitor", "Screen", "LOST", "", "", "", ""),
                List.of(700000L + Math.floorMod(run.hashCode(), 99999), "monitor", "Numbered screen", "", "", "",
                        "P27", "Dell")));

        // when: a dry run, then the real import, then the same file again
        JsonNode dry = importXlsx("/api/assets/import", workbook, true);
        JsonNode real = importXlsx("/api/assets/import", workbook, false);
        JsonNode again = importXlsx("/api/assets/import", workbook, false);

        // then: the dry run reported exactly what the real run did, and kept nothing of it
        for (JsonNode report : List.of(dry, real)) {
            assertThat(report.get("rows").asInt()).isEqualTo(4);
            assertThat(report.get("created").asInt()).isEqualTo(3);
            assertThat(report.get("rejected")).hasSize(1);
            assertThat(report.at("/rejected/0/line").asInt()).as("the sheet's row number").isEqualTo(4);
            assertThat(report.at("/rejected/0/reason").asText()).startsWith("status:");
        }
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        JsonNode first = bob.get("/api/assets?q=" + run + "-1").body().at("/items/0");
        assertThat(first.get("warrantyEnd").asText()).isEqualTo("2027-03-31");
        assertThat(first.get("ownerId").asText()).isEqualTo("alice");
        assertThat(first.at("/fields/supplier").asText()).isEqualTo("Lenovo");
        String numbered = real.at("/results/3/serial").asText();
        assertThat(numbered).as("a numeric serial reads as Excel shows it").matches("7\\d{5}");
        assertThat(bob.get("/api/assets?q=" + numbered).body().get("total").asLong()).isEqualTo(1);

        // contacts from a workbook too; a requester may not import; a file that is no workbook is 400
        byte[] people = xlsx(List.of("email", "name", "vip"), List.of(
                List.of("ann-" + run + "@xlsx.example", "Ann", "yes"),
                List.of("ben-" + run + "@xlsx.example", "Ben", "no")));
        JsonNode contacts = importXlsx("/api/contacts/import", people, false);
        assertThat(contacts.get("created").asInt()).isEqualTo(2);
        assertThat(bob.get("/api/contacts?q=ann-" + run).body().at("/items/0/vip").asBoolean()).isTrue();
        assertThat(alice.postBytes("/api/assets/import", XLSX, workbook).status()).isEqualTo(403);
        Response garbage = bob.postBytes("/api/assets/import", XLSX, "serial,type\n1,x\n".getBytes());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
    }

    @Test
    void assetOrganisationAndContactListsArePagesWithTheirTotal() {
        String type = assetType("pg-" + run);
        for (int i = 0; i < 5; i++) {
            asset(type, "Paged " + i, Map.of());
        }
        JsonNode second = bob.get("/api/assets?type=" + type + "&size=2&page=1").body();
        assertThat(second.get("total").asLong()).isEqualTo(5);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(StreamSupport.stream(second.get("items").spliterator(), false).map(a -> a.get("name").asText()))
                .containsExactly("Paged 2", "Paged 3");
        assertThat(bob.get("/api/assets?type=" + type + "&size=2&page=2").body().get("items")).hasSize(1);
        Response tooBig = bob.get("/api/assets?size=500");
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json("/errors/0/path").asText()).isEqualTo("size");

        String domain = "paged-" + run + ".example";
        for (String name : List.of("Org B", "Org A")) {
            Response created = admin.post("/api/organisations", Map.of("name", name + " " + run,
                    "domains", List.of(name.substring(4).toLowerCase() + "." + domain)));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
        }
        JsonNode orgs = bob.get("/api/organisations?q=" + run + "&size=1").body();
        assertThat(orgs.get("total").asLong()).isEqualTo(2);
        assertThat(orgs.at("/items/0/name").asText()).isEqualTo("Org A " + run);
        for (String name : List.of("Cleo", "Carl", "Cora")) {
            assertThat(bob.post("/api/contacts", Map.of("name", name + " " + run, "emails",
                    List.of(name.toLowerCase() + "@" + domain))).status()).isEqualTo(201);
        }
        JsonNode contacts = bob.get("/api/contacts?q=" + domain + "&size=2&page=1").body();
        assertThat(contacts.get("total").asLong()).isEqualTo(3);
        assertThat(contacts.at("/items/0/name").asText()).isEqualTo("Cora " + run);
        assertThat(bob.get("/api/contacts?page=-1").status()).isEqualTo(400);
    }

    private static Map<String, Object> incident(long asset) {
        return Map.of("subject", "My laptop will not start", "description", "Black screen since this morning",
                "impact", "LOW", "urgency", "MEDIUM", "asset", asset);
    }

    private long countTickets() {
        return jdbc.queryForObject("SELECT count(*) FROM ticket", Long.class);
    }

    private long asset(String type, String name, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("type", type);
        body.put("name", name);
        Response r = bob.post("/api/assets", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    /** A type of this run only (its form: the shipped laptop fields, model and supplier among them). */
    private String assetType(String key) {
        Response r = as("dora").post("/api/asset-types", Map.of("key", key, "name", key, "formKey", "asset-laptop"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return key;
    }

    private long open(String type, String subject, Map<String, Object> fields) {
        Response r = bob.post("/api/tickets", Map.of("type", type, "channel", "PHONE", "subject", subject,
                "requester", "alice", "impact", "MEDIUM", "urgency", "MEDIUM", "fields", fields));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private JsonNode importXlsx(String path, byte[] workbook, boolean dryRun) {
        Response r = bob.postBytes(path + "?dryRun=" + dryRun, XLSX, workbook);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private static Map<String, JsonNode> rows(JsonNode statistics) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        statistics.get("rows").forEach(row -> rows.put(row.get("key").asText(null), row));
        return rows;
    }

    private static void assertRow(JsonNode row, long assets, long tickets, long incidents, String ticketsPerAsset,
                                  String incidentsPerAsset) {
        assertThat(row).isNotNull();
        assertThat(row.get("assets").asLong()).as("assets").isEqualTo(assets);
        assertThat(row.get("tickets").asLong()).as("tickets").isEqualTo(tickets);
        assertThat(row.get("incidents").asLong()).as("incidents").isEqualTo(incidents);
        assertThat(row.get("ticketsPerAsset").decimalValue()).as("tickets per asset")
                .isEqualByComparingTo(ticketsPerAsset);
        assertThat(row.get("incidentsPerAsset").decimalValue()).as("incidents per asset")
                .isEqualByComparingTo(incidentsPerAsset);
    }

    private static List<Long> ids(JsonNode tickets) {
        return StreamSupport.stream(tickets.spliterator(), false).map(t -> t.get("id").asLong()).toList();
    }

    private static List<String> fired(JsonNode ticket) {
        return StreamSupport.stream(ticket.at("/decision/rulesFired").spliterator(), false)
                .map(r -> r.get("name").asText()).toList();
    }

    /** A workbook as Excel saves it: strings as text cells, numbers as numeric cells, dates as formatted dates. */
    private static byte[] xlsx(List<String> header, List<List<Object>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Assets");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            Row top = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                top.createCell(c).setCellValue(header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<Object> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value instanceof LocalDate d) {
                        var cell = row.createCell(c);
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (!String.valueOf(value).isEmpty()) {
                        row.createCell(c).setCellValue(String.valueOf(value));
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
