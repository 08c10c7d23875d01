package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CMDB over HTTP on PostgreSQL: the impact of a change on a server lists the applications and services that
 * depend on it, transitively and through a cycle, with their open incidents; a critical CI named at creation raises
 * the incident's priority; the status lifecycle, versions and history; requesters see only their own devices.
 */
class AssetIT extends PostgresEngineTest {

    private static final String CRITICAL_RULE = "Business-critical configuration item raises priority one step";

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
    void impactOfAChangeOnAServerListsItsDependantsTransitivelyWithTheirOpenIncidents() {
        // given: a server, two applications on it, services on those, a cycle between the services, a switch the
        // server is wired to, and an unrelated application on another server
        long server = asset("server", "srv-db-" + run, Map.of("critical", true));
        long crm = asset("application", "CRM " + run, Map.of());
        long billing = asset("application", "Billing " + run, Map.of());
        long sales = asset("service", "Sales " + run, Map.of());
        long invoicing = asset("service", "Invoicing " + run, Map.of());
        long sw = asset(assetType("switch-" + run), "sw-" + run, Map.of());
        long otherServer = asset("server", "srv-hr-" + run, Map.of());
        long hr = asset("application", "HR " + run, Map.of());
        relate(crm, "RUNS_ON", server);
        relate(billing, "RUNS_ON", server);
        relate(sales, "DEPENDS_ON", crm);
        relate(invoicing, "DEPENDS_ON", billing);
        relate(invoicing, "DEPENDS_ON", sales);
        relate(sales, "DEPENDS_ON", invoicing); // a cycle
        relate(server, "CONNECTED_TO", sw);
        relate(sw, "CONNECTED_TO", otherServer);
        relate(hr, "RUNS_ON", otherServer);
        assertThat(bob.post("/api/assets/" + crm + "/relations", Map.of("type", "RUNS_ON", "targetId", server))
                .status()).isEqualTo(409);
        Response badType = bob.post("/api/assets/" + crm + "/relations", Map.of("type", "LIVES_IN", "targetId", hr));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().at("/errors/0/path").asText()).isEqualTo("type");

        // and open incidents: one on CRM linked at creation (the form's asset field), one on Invoicing linked by
        // an agent, one on HR
        long crmIncident = open("INCIDENT", "CRM is slow " + run, Map.of("asset", String.valueOf(crm)));
        long invoicingIncident = open("INCIDENT", "Invoices fail " + run, Map.of());
        Response linked = bob.post("/api/tickets/" + invoicingIncident + "/assets", Map.of("assetId", invoicing));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
        open("INCIDENT", "HR portal down " + run, Map.of("asset", hr));

        // when: a change on the server asks for its impact
        long change = open("CHANGE", "Patch the database server " + run, Map.of("asset", server));
        JsonNode impact = admin.get("/api/assets/" + server + "/impact").body();

        // then: every dependant, transitively and once each despite the cycle, nearest first, nothing else
        Map<String, Integer> distance = new HashMap<>();
        impact.get("impacted").forEach(i -> distance.put(i.get("name").asText(), i.get("distance").asInt()));
        assertThat(distance).containsOnly(Map.entry("CRM " + run, 1), Map.entry("Billing " + run, 1),
                Map.entry("Sales " + run, 2), Map.entry("Invoicing " + run, 2));
        assertThat(openTickets(impact, "CRM " + run)).containsExactly(crmIncident);
        assertThat(openTickets(impact, "Invoicing " + run)).containsExactly(invoicingIncident);
        assertThat(openTickets(impact, "Billing " + run)).isEmpty();
        assertThat(StreamSupport.stream(impact.get("openTickets").spliterator(), false).map(t -> t.get("id").asLong()))
                .containsExactly(change);
        // carol (approver, votes on changes) may read the impact; alice may not
        assertThat(as("carol").get("/api/assets/" + server + "/impact").status()).isEqualTo(200);
        assertThat(alice.get("/api/assets/" + server + "/impact").status()).isIn(403, 404);

        // the incident on the CRM shows its CI with the CI's other open tickets; the asset shows its tickets
        JsonNode cis = admin.get("/api/tickets/" + crmIncident + "/assets").body();
        assertThat(cis.at("/0/asset/id").asLong()).isEqualTo(crm);
        assertThat(cis.at("/0/otherOpenTickets")).isEmpty();
        JsonNode serverDetail = admin.get("/api/assets/" + server).body();
        assertThat(serverDetail.get("name").asText()).isEqualTo("srv-db-" + run);
        assertThat(serverDetail.get("tickets")).hasSize(1);
        assertThat(serverDetail.get("relations")).hasSize(3);
    }

    @Test
    void aCriticalCiNamedAtCreationRaisesThePriority() {
        long critical = asset("server", "srv-core-" + run, Map.of("critical", true));
        long ordinary = asset("server", "srv-test-" + run, Map.of());
        long onCritical = open("INCIDENT", "Core server unreachable " + run, Map.of("asset", critical));
        long onOrdinary = open("INCIDENT", "Core server unreachable " + run, Map.of("asset", ordinary));
        JsonNode raised = admin.get("/api/tickets/" + onCritical).body();
        JsonNode plain = admin.get("/api/tickets/" + onOrdinary).body();
        assertThat(fired(raised)).contains(CRITICAL_RULE);
        assertThat(fired(plain)).doesNotContain(CRITICAL_RULE);
        assertThat(raised.get("priority").asText()).isLessThan(plain.get("priority").asText());

        Response unknown = bob.post("/api/tickets", Map.of("type", "INCIDENT", "channel", "PHONE", "subject", "x",
                "fields", Map.of("asset", "987654321")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/path").asText()).isEqualTo("fields.asset");
    }

    @Test
    void statusFollowsTheLifecycleWithVersionsAndHistoryAndRequestersSeeTheirOwnDevices() {
        Response bad = bob.post("/api/assets", Map.of("type", "Laptop!", "name", "", "status", "LOST",
                "warrantyEnd", "soon"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(StreamSupport.stream(bad.body().get("errors").spliterator(), false).map(e -> e.get("path").asText()))
                .containsExactlyInAnyOrder("type", "name", "status", "warrantyEnd");
        assertThat(alice.post("/api/assets", Map.of("type", "laptop", "name", "mine")).status()).isEqualTo(403);

        long laptop = asset("laptop", "ThinkPad " + run, Map.of("ownerId", "alice", "serial", "TP-" + run,
                "status", "IN_USE", "fields", Map.of("model", "T14")));
        long other = asset("laptop", "MacBook " + run, Map.of("ownerId", "frank"));

        // requesters: only their own devices, anything else is not found
        // (other tests give alice many devices; the search keeps to this test's)
        List<Long> mine = ids(alice.get("/api/assets?mine=true&q=" + run).body());
        assertThat(mine).containsExactly(laptop);
        assertThat(ids(alice.get("/api/assets?q=" + run).body())).containsExactly(laptop);
        assertThat(ids(bob.get("/api/assets?q=" + run).body())).containsExactlyInAnyOrder(laptop, other);
        assertThat(alice.get("/api/assets/" + laptop).status()).isEqualTo(200);
        assertThat(alice.get("/api/assets/" + other).status()).isEqualTo(404);

        // to repair, with the version read; a stale version then conflicts
        String repair = "{\"type\":\"laptop\",\"name\":\"ThinkPad " + run + "\",\"serial\":\"TP-" + run
                + "\",\"status\":\"IN_REPAIR\",\"ownerId\":\"alice\",\"fields\":{\"model\":\"T14\"},\"version\":0}";
        Response repaired = bob.put("/api/assets/" + laptop, repair);
        assertThat(repaired.status()).as(repaired.raw()).isEqualTo(200);
        assertThat(repaired.body().get("status").asText()).isEqualTo("IN_REPAIR");
        assertThat(bob.put("/api/assets/" + laptop, repair).status()).isEqualTo(409);

        Response retired = bob.put("/api/assets/" + laptop, repair.replace("IN_REPAIR", "RETIRED")
                .replace("\"version\":0", "\"version\":1"));
        assertThat(retired.status()).isEqualTo(200);
        Response revived = bob.put("/api/assets/" + laptop, repair.replace("IN_REPAIR", "IN_USE")
                .replace("\"version\":0", "\"version\":2"));
        assertThat(revived.status()).isEqualTo(400);
        assertThat(revived.body().at("/errors/0/path").asText()).isEqualTo("status");

        JsonNode history = bob.get("/api/assets/" + laptop).body().get("history");
        assertThat(StreamSupport.stream(history.spliterator(), false).map(h -> h.get("action").asText()))
                .containsExactly("CREATED", "CHANGED", "CHANGED");
        assertThat(history.at("/1/details/status/0").asText()).isEqualTo("IN_USE");
        assertThat(history.at("/1/details/status/1").asText()).isEqualTo("IN_REPAIR");
    }

    private long asset(String type, String name, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("type", type);
        body.put("name", name);
        Response r = bob.post("/api/assets", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    /** A type of this run (the network switch is none of the shipped ones), defined by a designer. */
    private String assetType(String key) {
        Response r = as("dora").post("/api/asset-types", Map.of("key", key, "name", key, "formKey", "asset-server"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return key;
    }

    private void relate(long source, String type, long target) {
        Response r = bob.post("/api/assets/" + source + "/relations", Map.of("type", type, "targetId", target));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private long open(String type, String subject, Map<String, Object> fields) {
        Response r = bob.post("/api/tickets", Map.of("type", type, "channel", "PHONE", "subject", subject,
                "requester", "alice", "impact", "MEDIUM", "urgency", "MEDIUM", "fields", fields));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private static List<Long> openTickets(JsonNode impact, String name) {
        for (JsonNode item : impact.get("impacted")) {
            if (item.get("name").asText().equals(name)) {
                return StreamSupport.stream(item.get("openTickets").spliterator(), false)
                        .map(t -> t.get("id").asLong()).toList();
            }
        }
        throw new AssertionError(name + " not in the impact");
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(a -> a.get("id").asLong()).toList();
    }

    private static List<String> fired(JsonNode ticket) {
        return StreamSupport.stream(ticket.at("/decision/rulesFired").spliterator(), false)
                .map(r -> r.get("name").asText()).toList();
    }
}
