package dev.flowdesk.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organisations and contacts over HTTP on PostgreSQL: a new portal user or mail sender of a known GOLD domain joins
 * the organisation on her first ticket and its tier halves the SLA targets, because the rules read the stored tier;
 * a {@code tier} in the request body changes nothing. Contacts merge with optimistic versions.
 */
class OrganisationIT extends PostgresEngineTest {

    private static final String GOLD_RULE = "Gold customers get half the standard targets";

    @Autowired
    IdentityService identity;

    ApiClient admin;
    ApiClient bob;
    ApiClient alice;
    String domain;

    @BeforeEach
    void setUp() {
        admin = as("admin");
        bob = as("bob");
        alice = as("alice");
        domain = "gold-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @Test
    void portalUserAndMailSenderOfAGoldDomainGetGoldTargetsWhileABodyTierIsIgnored() {
        // given: an organisation with the GOLD tier owning a domain (admins only)
        Map<String, Object> gold = Map.of("name", "Goldcorp " + domain, "domains", List.of(domain.toUpperCase()),
                "tier", "GOLD", "tenant", "goldcorp");
        assertThat(bob.post("/api/organisations", gold).status()).isEqualTo(403);
        Response created = admin.post("/api/organisations", gold);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long orgId = created.body().get("id").asLong();
        assertThat(created.body().get("domains")).hasSize(1);
        assertThat(created.body().at("/domains/0").asText()).isEqualTo(domain);
        assertThat(bob.get("/api/organisations/" + orgId).body().get("tier").asText()).isEqualTo("GOLD");
        assertThat(alice.get("/api/organisations").status()).isEqualTo(403);

        // and a portal user of that domain who has never asked for anything
        String gina = "gina-" + domain.substring(5, 13);
        var user = identity.newUser(gina);
        user.setFirstName("Gina");
        user.setLastName("Gold");
        user.setEmail(gina + "@" + domain);
        user.setPassword("gina-Secret-1");
        identity.saveUser(user);
        ApiClient ginaClient = ApiClient.as(port, gina, "gina-Secret-1");

        // when: she and alice (no organisation) report the same incident through the form
        Map<String, Object> data = Map.of("subject", "Printer on floor 3 jams", "description",
                "Paper jam every second page", "impact", "MEDIUM", "urgency", "MEDIUM");
        long ginas = submit(ginaClient, data);
        long alices = submit(alice, data);

        // then: the rules read her stored tier: GOLD halves her targets, alice keeps the standard ones
        JsonNode ginaTicket = admin.get("/api/tickets/" + ginas).body();
        JsonNode aliceTicket = admin.get("/api/tickets/" + alices).body();
        assertThat(ginaTicket.get("priority").asText()).isEqualTo(aliceTicket.get("priority").asText());
        assertThat(fired(ginaTicket)).contains(GOLD_RULE);
        assertThat(fired(aliceTicket)).doesNotContain(GOLD_RULE);
        assertThat(java.time.Duration.between(java.time.Instant.parse(ginaTicket.at("/sla/resolutionDue").asText()),
                java.time.Instant.parse(aliceTicket.at("/sla/resolutionDue").asText())))
                .as("half the business minutes to resolve").isGreaterThan(java.time.Duration.ofHours(1));

        // and she became a contact of the organisation, found by her address
        JsonNode contacts = bob.get("/api/contacts?q=" + gina).body().get("items");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.at("/0/organisationId").asLong()).isEqualTo(orgId);
        assertThat(contacts.at("/0/name").asText()).isEqualTo("Gina Gold");
        assertThat(contacts.at("/0/tenant").asText()).isEqualTo("goldcorp");

        // a mail sender of the domain (the requester is her address) is GOLD on her first ticket too
        long mailed = openDirectly(Map.of("type", "INCIDENT", "channel", "EMAIL", "subject", "VPN drops",
                "requester", "Mia.Mail@" + domain.toUpperCase(), "impact", "MEDIUM", "urgency", "MEDIUM"));
        assertThat(fired(admin.get("/api/tickets/" + mailed).body())).contains(GOLD_RULE);
        assertThat(bob.get("/api/contacts?organisationId=" + orgId).body().get("items")).hasSize(2);

        // when: a request body claims GOLD for a requester of no organisation
        long claimed = openDirectly(Map.of("type", "INCIDENT", "channel", "PHONE", "subject", "VPN drops",
                "requester", "nobody@plain-" + domain, "impact", "MEDIUM", "urgency", "MEDIUM",
                "fields", Map.of("tier", "GOLD", "vip", true, "tenant", "goldcorp")));
        // then: the claim is ignored
        assertThat(fired(admin.get("/api/tickets/" + claimed).body())).doesNotContain(GOLD_RULE);
    }

    @Test
    void organisationInputIsCheckedFieldByField() {
        Response bad = admin.post("/api/organisations", Map.of("name", " ", "domains", List.of("not a domain"),
                "tier", "gold!"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "domains[0]", "tier");

        assertThat(admin.post("/api/organisations", Map.of("name", "Owner " + domain, "domains", List.of(domain)))
                .status()).isEqualTo(201);
        Response taken = admin.post("/api/organisations", Map.of("name", "Other " + domain, "domains",
                List.of(domain)));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(fields(taken)).containsExactly("domains[0]");
        assertThat(admin.get("/api/organisations/987654321").status()).isEqualTo(404);
    }

    @Test
    void contactsMergeWithOptimisticVersions() {
        // given: one person known under two addresses
        Response first = bob.post("/api/contacts", Map.of("name", "Paul Private", "emails",
                List.of("paul@home-" + domain)));
        Response second = bob.post("/api/contacts", Map.of("name", "Paul Work", "emails",
                List.of("paul@work-" + domain), "vip", true, "language", "de"));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        long keep = first.body().get("id").asLong();
        long other = second.body().get("id").asLong();
        assertThat(alice.post("/api/contacts", Map.of("name", "x", "emails", List.of("x@" + domain))).status())
                .isEqualTo(403);
        Response duplicate = bob.post("/api/contacts", Map.of("name", "Again", "emails",
                List.of("PAUL@home-" + domain)));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(fields(duplicate)).containsExactly("emails[0]");

        // when: someone changes the first contact after bob read it
        Response renamed = bob.put("/api/contacts/" + keep, "{\"name\":\"Paul P.\",\"emails\":[\"paul@home-" + domain
                + "\"],\"version\":0}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        // then: a merge with the version bob read is refused, and nothing moved
        Response stale = bob.post("/api/contacts/" + keep + "/merge", Map.of("otherId", other, "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(bob.get("/api/contacts/" + other).body().get("emails")).hasSize(1);

        // when: merged with the current version
        Response merged = bob.post("/api/contacts/" + keep + "/merge", Map.of("otherId", other, "version", 1));
        assertThat(merged.status()).as(merged.raw()).isEqualTo(200);
        assertThat(StreamSupport.stream(merged.body().get("emails").spliterator(), false).map(JsonNode::asText))
                .containsExactly("paul@home-" + domain, "paul@work-" + domain);
        assertThat(merged.body().get("vip").asBoolean()).isTrue();
        assertThat(merged.body().get("language").asText()).isEqualTo("de");
        // the duplicate is no longer listed, and merging it again conflicts
        assertThat(bob.get("/api/contacts?q=paul@work-" + domain).body().get("items")).hasSize(1);
        assertThat(bob.post("/api/contacts/" + keep + "/merge", Map.of("otherId", other)).status()).isEqualTo(409);
    }

    @Test
    void contactImportIsKeyedByAddressRejectsBadRowsAndChangesNothingOnARerun() {
        Response org = admin.post("/api/organisations", Map.of("name", "Importers " + domain, "domains",
                List.of(domain), "tier", "GOLD"));
        long orgId = org.body().get("id").asLong();
        String csv = "email;name;organisationId;vip;language\n"
                + "ann@" + domain + ";Ann;" + orgId + ";true;de\n"
                + "not-an-address;Broken;;;\n"
                + "ben@" + domain + ";\"Ben; the second\";" + orgId + ";no;en\n"
                + "ANN@" + domain + ";Ann again;;;\n"
                + "cy@" + domain + ";Cy;;maybe;\n";
        JsonNode dry = importContacts(csv, true);
        assertThat(dry.get("created").asInt()).isEqualTo(2);
        assertThat(bob.get("/api/contacts?organisationId=" + orgId).body().get("items")).isEmpty();

        JsonNode real = importContacts(csv, false);
        assertThat(real.get("created").asInt()).isEqualTo(2);
        assertThat(StreamSupport.stream(real.get("rejected").spliterator(), false).map(r -> r.get("line").asInt()))
                .containsExactly(3, 5, 6);
        JsonNode imported = bob.get("/api/contacts?organisationId=" + orgId).body().get("items");
        assertThat(imported).hasSize(2);
        assertThat(imported.at("/1/name").asText()).isEqualTo("Ben; the second");
        assertThat(imported.at("/0/vip").asBoolean()).isTrue();

        JsonNode again = importContacts(csv, false);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(importContacts(csv.replace(";true;de", ";false;de"), false).get("updated").asInt()).isEqualTo(1);
    }

    private JsonNode importContacts(String csv, boolean dryRun) {
        Response r = bob.postRaw("/api/contacts/import?dryRun=" + dryRun, "text/csv", csv);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private long submit(ApiClient client, Map<String, Object> data) {
        Response r = client.post("/api/forms/report-incident/submissions", Map.of("data", data));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private long openDirectly(Map<String, Object> body) {
        Response r = bob.post("/api/tickets", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private static List<String> fired(JsonNode ticket) {
        return StreamSupport.stream(ticket.at("/decision/rulesFired").spliterator(), false)
                .map(r -> r.get("name").asText()).toList();
    }

    private static List<String> fields(Response problem) {
        return StreamSupport.stream(problem.body().path("errors").spliterator(), false)
                .map(e -> e.get("path").asText()).toList();
    }
}
