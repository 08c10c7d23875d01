package dev.flowdesk.classification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.rules.RuleSetCompiler;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A designer changes routing at run time over HTTP: a broken upload is refused with line and column, a good one is
 * replayed against stored tickets, activated without restart, and rolled back — each observed on new tickets.
 */
class RuleSetLifecycleIT extends PostgresEngineTest {

    @Autowired
    IdentityService identity;

    private static final String PRINTERS_TO_SERVICE_DESK = RuleSetCompiler.shippedSources().get("routing")
            .replace("\"Printer and hardware tickets go to field service\"",
                    "\"Printer and hardware tickets go to the service desk\"")
            .replace("setQueue(\"field-service\")", "setQueue(\"service-desk\")");

    @Test
    void uploadReplayActivateAndRollBackRouting() {
        ApiClient dora = as("dora");
        ApiClient bob = as("bob");
        int activeBefore = activeVersion(dora, "routing");
        try {
            // given: recent tickets, two about printers and one about the network
            long printer1 = open(bob, "Printer on floor 3 is jammed");
            long printer2 = open(bob, "Drucker druckt nicht");
            long network = open(bob, "Network is down in building B");
            assertThat(queueOf(bob, printer1)).isEqualTo("field-service");

            // a broken rule set is refused with file, line and column
            Response broken = dora.postRaw("/api/rulesets/routing/versions", "text/plain",
                    "package dev.flowdesk.rules.routing;\n\nrule \"Broken\"\nwhen\n    DecisionDraft( queue == \nthen\nend\n");
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.contentType()).startsWith("application/problem+json");
            assertThat(broken.json("/errors/0/path").asText()).isEqualTo("drl");
            assertThat(broken.json("/errors/0/message").asText()).matches("routing:\\d+:\\d+: .+");
            assertThat(activeVersion(dora, "routing")).isEqualTo(activeBefore);

            // a comment longer than the column and a name no rule set can have are refused as such
            assertThat(dora.postRaw("/api/rulesets/routing/versions?comment=" + "c".repeat(1001), "text/plain",
                    PRINTERS_TO_SERVICE_DESK).status()).isEqualTo(400);
            assertThat(dora.postRaw("/api/rulesets/Not_A_Name/versions", "text/plain", PRINTERS_TO_SERVICE_DESK)
                    .json("/errors/0/path").asText()).isEqualTo("name");

            // agents may not touch rules
            assertThat(bob.postRaw("/api/rulesets/routing/versions", "text/plain", PRINTERS_TO_SERVICE_DESK).status())
                    .isEqualTo(403);

            // when: a good version is uploaded, it is a draft; the live routing has not changed
            Response uploaded = dora.postRaw("/api/rulesets/routing/versions?comment=printers%20to%20desk",
                    "text/plain", PRINTERS_TO_SERVICE_DESK);
            assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
            int draft = uploaded.json("/version/version").asInt();
            assertThat(uploaded.json("/version/status").asText()).isEqualTo("DRAFT");
            long printer3 = open(bob, "Printer again");
            assertThat(queueOf(bob, printer3)).isEqualTo("field-service");

            // the what-if test on given facts
            Response tried = dora.post("/api/rulesets/routing/versions/" + draft + "/test", Map.of(
                    "type", "INCIDENT", "subject", "printer out of toner", "impact", "HIGH", "urgency", "HIGH"));
            assertThat(tried.status()).as(tried.raw()).isEqualTo(200);
            assertThat(tried.json("/queue").asText()).isEqualTo("service-desk");
            assertThat(tried.json("/priority").asText()).isEqualTo("P1");

            // replay names the tickets it re-decides (other tests and background jobs open tickets meanwhile, so
            // "the last 4" would not be ours); an id that names no ticket is refused as such
            Response unknown = dora.post("/api/rulesets/routing/versions/" + draft + "/replay?tickets=" + printer1
                    + ",999999999", Map.of());
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json("/errors/0/path").asText()).isEqualTo("tickets");
            assertThat(unknown.json("/errors/0/message").asText()).contains("999999999");
            assertThat(dora.post("/api/rulesets/routing/versions/" + draft + "/replay?last=0", Map.of())
                    .json("/errors/0/path").asText()).isEqualTo("last");
            // the three printer tickets change queue, the network one not
            Response replay = dora.post("/api/rulesets/routing/versions/" + draft + "/replay?tickets=" + printer1
                    + "," + printer2 + "," + network + "," + printer3, Map.of());
            assertThat(replay.status()).as(replay.raw()).isEqualTo(200);
            assertThat(replay.json("/compared").asInt()).isEqualTo(4);
            assertThat(replay.json("/changed").asInt()).isEqualTo(3);
            JsonNode change = replay.json("/changes/0");
            assertThat(change.get("field").asText()).isEqualTo("queue");
            assertThat(change.get("from").asText()).isEqualTo("field-service");
            assertThat(change.get("to").asText()).isEqualTo("service-desk");
            assertThat(change.get("count").asLong()).isEqualTo(3);
            List<Long> changedIds = new ArrayList<>();
            replay.json("/tickets").forEach(t -> changedIds.add(t.get("ticketId").asLong()));
            assertThat(changedIds).containsExactly(printer1, printer2, printer3);

            // activate: new tickets follow the new routing, without restart, and say which rules decided
            Response activated = dora.post("/api/rulesets/routing/versions/" + draft + "/activate", Map.of());
            assertThat(activated.status()).as(activated.raw()).isEqualTo(200);
            assertThat(activated.json("/liveVersion").asText()).contains("routing@" + draft);
            long afterSwap = open(bob, "Printer makes strange noises");
            JsonNode ticket = bob.get("/api/tickets/" + afterSwap).body();
            assertThat(ticket.get("queue").asText()).isEqualTo("service-desk");
            assertThat(ticket.at("/decision/ruleSetVersion").asText()).contains("routing@" + draft);
            List<String> fired = new ArrayList<>();
            ticket.at("/decision/rulesFired").forEach(r -> fired.add(r.get("name").asText()));
            assertThat(fired).contains("Printer and hardware tickets go to the service desk");

            // roll back: activate the earlier version again
            Response rolledBack = dora.post("/api/rulesets/routing/versions/" + activeBefore + "/activate", Map.of());
            assertThat(rolledBack.status()).isEqualTo(200);
            assertThat(queueOf(bob, open(bob, "Printer still noisy"))).isEqualTo("field-service");

            // every step is in the rule set's log
            List<String> steps = new ArrayList<>();
            dora.get("/api/rulesets/routing/events").body().forEach(e -> steps.add(e.get("type").asText()));
            assertThat(steps).containsSubsequence("REFUSED", "UPLOADED", "TESTED", "REPLAYED", "ACTIVATED", "ACTIVATED");
            JsonNode list = dora.get("/api/rulesets").body();
            assertThat(list.findValuesAsText("name")).contains("categorization", "priority", "routing", "sla");
        } finally {
            dora.post("/api/rulesets/routing/versions/" + activeBefore + "/activate", Map.of());
        }
    }

    @Test
    void rawDrlNeedsTheRuleDeveloperGroupAndCodeInItIsRefusedBeforeItRuns(@TempDir Path probeDir) {
        // given: dana designs flows and forms but is not a rule developer
        if (identity.createUserQuery().userId("dana").count() == 0) {
            var dana = identity.newUser("dana");
            dana.setPassword("dana-secret");
            dana.setEmail("dana@example.com");
            identity.saveUser(dana);
            identity.createMembership("dana", "designers");
        }
        ApiClient dana = ApiClient.as(port, "dana", "dana-secret");
        ApiClient dora = as("dora");

        // when dana uploads DRL text: 403, though she may still look at the rule sets
        Response forbidden = dana.postRaw("/api/rulesets/routing/versions", "text/plain", PRINTERS_TO_SERVICE_DESK);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(forbidden.json("/detail").asText()).contains("rule-developer");
        assertThat(dana.get("/api/rulesets").status()).isEqualTo(200);

        // when dora, a rule developer, uploads the outside probe's payload: 400 naming the rule, and no file
        Path marker = probeDir.resolve("probe");
        Response probe = dora.postRaw("/api/rulesets/zprobe/versions", "text/plain", """
                package dev.flowdesk.rules.zprobe;
                import dev.flowdesk.rules.DecisionDraft;
                agenda-group "zprobe"
                rule "zprobe"
                when
                    $d : DecisionDraft()
                then
                    java.util.Formatter f = new java.util.Formatter("MARKER"); f.format("x"); f.close();
                end
                """.replace("MARKER", marker.toString()));
        assertThat(probe.status()).as(probe.raw()).isEqualTo(400);
        assertThat(probe.contentType()).startsWith("application/problem+json");
        assertThat(probe.json("/errors/0/path").asText()).isEqualTo("drl");
        assertThat(probe.json("/errors/0/message").asText())
                .startsWith("zprobe:8:5: rule \"zprobe\": ").contains("java.util.Formatter");
        assertThat(marker).doesNotExist();
        List<String> steps = new ArrayList<>();
        dora.get("/api/rulesets/zprobe/events").body().forEach(e -> steps.add(e.get("type").asText()));
        assertThat(steps).containsExactly("REFUSED");
    }

    @Test
    void changingImpactReclassifiesAndGuardsAgainstLostUpdates() {
        ApiClient bob = as("bob");
        long id = open(bob, "Password reset does not work");
        JsonNode before = bob.get("/api/tickets/" + id).body();
        assertThat(before.get("priority").asText()).isEqualTo("P5"); // LOW x LOW

        Response changed = bob.patch("/api/tickets/" + id, Map.of("impact", "HIGH", "urgency", "HIGH",
                "version", before.get("version").asLong()));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json("/priority").asText()).isEqualTo("P1");

        Response stale = bob.patch("/api/tickets/" + id, Map.of("impact", "LOW", "version",
                before.get("version").asLong()));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(bob.get("/api/tickets/" + id).body().get("priority").asText()).isEqualTo("P1");

        List<String> history = new ArrayList<>();
        bob.get("/api/tickets/" + id + "/history").body().forEach(e -> history.add(e.get("type").asText()));
        assertThat(history).contains("RECLASSIFIED");
        assertThat(as("alice").patch("/api/tickets/" + id, Map.of("impact", "LOW")).status()).isEqualTo(404);
    }

    private static long open(ApiClient client, String subject) {
        Response created = client.post("/api/tickets", Map.of("type", "INCIDENT", "subject", subject,
                "description", "", "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("ticketId").asLong();
    }

    private static String queueOf(ApiClient client, long id) {
        return client.get("/api/tickets/" + id).body().get("queue").asText();
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
