package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search box and the structured filters of {@code GET /api/tickets} and {@code GET /api/search} against a known
 * data set on PostgreSQL: five tickets in categories of their own (so other tests' tickets never match a filter),
 * a word only they carry ("zebrafinch"), German stems, an internal note, a custom field; every filter and sort, the
 * access scope for a requester and for an agent of another queue, and the 400s for values off the allow-lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketSearchIT extends PostgresEngineTest {

    static final String CATS = "category=srch-printer,srch-network,srch-other";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.flowdesk.inbox.InboxEntries inbox;

    final Map<String, Long> ids = new HashMap<>();
    final Map<String, String> numbers = new HashMap<>();
    final Instant now = Instant.now();

    @BeforeAll
    void dataSet() {
        create("S1", "Zebrafinch printer jams on floor 3", "Paper everywhere", Map.of());
        create("S2", "Zebrafinch VPN drops", "Kennwort abgelaufen", Map.of());
        create("S3", "Monitor flickers", "Since Monday", Map.of());
        create("S4", "Keyboard", "Die Drucker drucken seit gestern nicht mehr", Map.of("room", "B12"));
        create("S5", "Mouse", "Scroll wheel", Map.of("room", "C7"));
        //  name, category, priority, status, requester, assignee, channel, created, resolution due, resolved
        set("S1", "srch-printer", "P2", "OPEN", "alice", null, "WEB", days(-10), days(-1), null);        // BREACHED
        set("S2", "srch-network", "P3", "RESOLVED", "carol", "bob", "EMAIL", days(-9), days(1), days(-2)); // MET
        set("S3", "srch-other", "P3", "OPEN", "alice", "bob", "PHONE", days(-8), days(10), null);         // GREEN
        set("S4", "srch-printer", "P1", "IN_PROGRESS", "carol", null, "WEB", days(-6), days(1), null);   // RED
        set("S5", "srch-other", "P4", "OPEN", "carol", null, "API", days(-2), days(2), null);            // YELLOW
        ApiClient admin = as("admin");
        assertThat(admin.post("/api/tickets/" + ids.get("S3") + "/articles",
                Map.of("body", "Internal: the zebrafinch driver again", "visibility", "INTERNAL")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/tickets/" + ids.get("S5") + "/articles",
                Map.of("body", "Bitte die Batterien wechseln", "visibility", "PUBLIC")).status()).isEqualTo(201);
    }

    @Test
    void wordsFindTicketsByTextConversationStemsAndNumber() {
        ApiClient bob = as("bob");
        assertThat(names(bob.get("/api/tickets?q=zebrafinch&" + CATS))).containsExactlyInAnyOrder("S1", "S2", "S3");
        // German stems: "Drucker" finds "drucken", "Batterie" finds a public reply's "Batterien"
        assertThat(names(bob.get("/api/tickets?q=Drucker&" + CATS))).containsExactly("S4");
        assertThat(names(bob.get("/api/tickets?q=Batterie&" + CATS))).containsExactly("S5");
        // a custom field's value is searchable too
        assertThat(names(bob.get("/api/tickets?q=B12&" + CATS))).containsExactly("S4");
        // the number finds exactly that ticket, in any case
        assertThat(names(bob.get("/api/tickets?q=" + numbers.get("S2").toLowerCase()))).containsExactly("S2");
        // relevance: a subject match ranks above a match in a note
        List<String> ranked = names(bob.get("/api/tickets?q=zebrafinch&sort=relevance&" + CATS));
        assertThat(ranked.indexOf("S3")).isEqualTo(2);
        // the same search through /api/search
        assertThat(names(bob.get("/api/search?type=ticket&q=zebrafinch&" + CATS)))
                .containsExactlyInAnyOrder("S1", "S2", "S3");
        Response total = bob.get("/api/tickets?q=zebrafinch&size=1&" + CATS);
        assertThat(total.json("/total").asLong()).isEqualTo(3);
        assertThat(total.json("/items").size()).isEqualTo(1);
    }

    @Test
    void aLongListCountsUpToItsCapAndSaysItsTotalIsALowerBound() {
        // 10,005 copies of S5 in a category of their own, by SQL (ids far below any the sequence hands out)
        List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE"
                + " table_schema = current_schema() AND table_name = 'ticket' AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position", String.class);
        Map<String, String> replaced = Map.of("id", "-8000000000 - g", "number", "'SRCH-MANY-' || g",
                "category", "'srch-many'");
        jdbc.update("INSERT INTO ticket (" + String.join(", ", columns) + ") SELECT " + String.join(", ",
                columns.stream().map(c -> replaced.getOrDefault(c, "s." + c)).toList())
                + " FROM ticket s, generate_series(1, 10005) g WHERE s.id = ?", ids.get("S5"));
        try {
            ApiClient bob = as("bob");
            Response first = bob.get("/api/tickets?category=srch-many&size=50");
            assertThat(first.status()).as(first.raw()).isEqualTo(200);
            assertThat(first.json("/items").size()).isEqualTo(50);
            assertThat(first.json("/total").asLong()).isEqualTo(TicketSearch.COUNTED);
            assertThat(first.json("/totalExact").asBoolean(true)).isFalse();
            // the last page counts exactly: nothing lies beyond it
            Response last = bob.get("/api/tickets?category=srch-many&size=50&page=200");
            assertThat(last.json("/items").size()).isEqualTo(5);
            assertThat(last.json("/total").asLong()).isEqualTo(10005);
            assertThat(last.raw()).doesNotContain("totalExact");
            // search words that match them all: by relevance, the first 250 candidates are ranked; newest first
            // gives the exact page, and counts as far as a search counts
            Response ranked = bob.get("/api/tickets?q=Mouse&category=srch-many&size=20");
            assertThat(ranked.json("/items").size()).isEqualTo(20);
            assertThat(ranked.json("/total").asLong()).isEqualTo(TicketSearch.CANDIDATES);
            assertThat(ranked.json("/totalExact").asBoolean(true)).isFalse();
            // a page beyond the candidates widens them: never an empty page while more match
            Response further = bob.get("/api/tickets?q=Mouse&category=srch-many&size=50&page=6");
            assertThat(further.json("/items").size()).isEqualTo(50);
            assertThat(further.json("/total").asLong()).isGreaterThanOrEqualTo(350);
            Response newest = bob.get("/api/tickets?q=Mouse&category=srch-many&size=20&sort=-createdAt");
            assertThat(newest.json("/items").size()).isEqualTo(20);
            assertThat(newest.json("/total").asLong()).isEqualTo(TicketSearch.CANDIDATES);
            assertThat(newest.json("/totalExact").asBoolean(true)).isFalse();
            // a short list's total is exact and says nothing about it
            Response small = bob.get("/api/tickets?" + CATS);
            assertThat(small.json("/total").asLong()).isEqualTo(5);
            assertThat(small.raw()).doesNotContain("totalExact");
        } finally {
            jdbc.update("DELETE FROM ticket WHERE category = 'srch-many'");
        }
    }

    @Test
    void everyFilterAndSortNarrowsAsAsked() {
        ApiClient bob = as("bob");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sort=number"))).containsExactly("S1", "S2", "S3", "S4",
                "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sort=-number"))).containsExactly("S5", "S4", "S3", "S2",
                "S1");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sort=priority"))).containsExactly("S4", "S1", "S2", "S3",
                "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sort=due"))).containsExactly("S1", "S2", "S4", "S5",
                "S3");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sort=-createdAt"))).containsExactly("S5", "S4", "S3",
                "S2", "S1");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&status=open&sort=number"))).containsExactly("S1", "S3",
                "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&status=OPEN,RESOLVED&priority=P3&sort=number")))
                .containsExactly("S2", "S3");
        assertThat(names(bob.get("/api/tickets?category=srch-printer&sort=number"))).containsExactly("S1", "S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&channel=WEB&sort=number"))).containsExactly("S1", "S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&type=INCIDENT&sort=number"))).hasSize(5);
        assertThat(names(bob.get("/api/tickets?" + CATS + "&type=CHANGE"))).isEmpty();
        assertThat(names(bob.get("/api/tickets?" + CATS + "&assignee=none&sort=number"))).containsExactly("S1", "S4",
                "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&assignee=me&sort=number"))).containsExactly("S2", "S3");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&requester=ALICE&sort=number"))).containsExactly("S1",
                "S3");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&createdFrom=" + days(-8) + "&createdTo=" + days(-5)
                + "&sort=number"))).containsExactly("S3", "S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&dueTo=" + days(1).plusSeconds(1) + "&sort=number")))
                .containsExactly("S1", "S2", "S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sla=BREACHED"))).containsExactly("S1");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sla=MET"))).containsExactly("S2");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sla=GREEN"))).containsExactly("S3");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sla=RED"))).containsExactly("S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&sla=YELLOW,RED&sort=number"))).containsExactly("S4",
                "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&field.room=B12"))).containsExactly("S4");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&field.room=B1"))).isEmpty();
        assertThat(names(bob.get("/api/tickets?" + CATS + "&q=zebrafinch&status=OPEN&sort=number")))
                .containsExactly("S1", "S3");
    }

    @Test
    void nobodyFindsTicketsOutsideTheirScope() {
        // alice requested S1 and S3; S3 matches "zebrafinch" only in an internal note
        assertThat(names(as("alice").get("/api/tickets?q=zebrafinch&" + CATS))).containsExactly("S1");
        assertThat(names(as("alice").get("/api/search?q=zebrafinch"))).containsExactly("S1");
        assertThat(names(as("alice").get("/api/tickets?" + CATS + "&sort=number"))).containsExactly("S1", "S3");
        // frank's queues are field-service and network: none of these
        assertThat(names(as("frank").get("/api/tickets?q=zebrafinch&" + CATS))).isEmpty();
        assertThat(as("frank").get("/api/tickets?" + CATS).json("/total").asLong()).isZero();
        assertThat(names(as("frank").get("/api/tickets?q=" + numbers.get("S1")))).isEmpty();
        // carol requested S2, S4 and S5
        assertThat(names(as("carol").get("/api/tickets?q=Drucker&" + CATS))).containsExactly("S4");
    }

    @Test
    void valuesOffTheAllowListsAreRejectedByName() {
        ApiClient bob = as("bob");
        problem(bob.get("/api/tickets?sort=password"), "sort");
        problem(bob.get("/api/tickets?sort=t.id%3Bdrop%20table%20ticket"), "sort");
        problem(bob.get("/api/tickets?status=OPEN'--"), "status");
        problem(bob.get("/api/tickets?priority=P9"), "priority");
        problem(bob.get("/api/tickets?createdFrom=yesterday"), "createdFrom");
        problem(bob.get("/api/tickets?sla=ORANGE"), "sla");
        problem(bob.get("/api/tickets?view=everything"), "view");
        problem(bob.get("/api/tickets?field.room%27=1"), "field.room'");
        problem(bob.get("/api/search?q="), "q");
        problem(bob.get("/api/search?q=x&type=user"), "type");
        // SQL meta-characters in the words are only words
        assertThat(bob.get("/api/tickets?q=%5C&sort=relevance&" + CATS).status()).isEqualTo(200);
        assertThat(bob.get("/api/tickets?q=%25_&" + CATS).json("/total").asLong()).isZero();
        Response quoted = bob.get("/api/tickets?q=%27%20OR%201%3D1%20--&" + CATS);
        assertThat(quoted.status()).isEqualTo(200);
        assertThat(quoted.json("/total").asLong()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ticket", Long.class)).isPositive();
    }

    @Test
    void savedViewsKeepFiltersCountInScopeAndBelongToTheirOwner() {
        ApiClient bob = as("bob");
        Response saved = bob.post("/api/views", Map.of("name", "Search test open", "shared", true,
                "filters", Map.of("category", "srch-printer,srch-network,srch-other", "state", "open"),
                "sort", "number", "columns", List.of("number", "subject", "slaLevel")));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(201);
        String id = saved.json("/id").asText();
        assertThat(saved.json("/count").asLong()).isEqualTo(4);          // S2 is resolved
        Response privateView = bob.post("/api/views", Map.of("name", "Search test mine", "shared", false,
                "filters", Map.of("category", "srch-printer,srch-network,srch-other", "assignee", "me")));
        assertThat(privateView.status()).as(privateView.raw()).isEqualTo(201);
        assertThat(privateView.json("/count").asLong()).isEqualTo(2);

        Response listed = bob.get("/api/views");
        assertThat(listed.status()).isEqualTo(200);
        List<String> bobs = new ArrayList<>();
        listed.body().forEach(v -> bobs.add(v.get("id").asText() + "=" + v.get("count").asLong()));
        assertThat(bobs).contains(id + "=4", privateView.json("/id").asText() + "=2");
        assertThat(bobs.subList(0, 4)).extracting(v -> v.substring(0, v.indexOf('='))).containsExactly("my-open",
                "my-groups-unassigned", "breaching-today", "waiting-for-customer");
        // the same filters through the list: the view says what the list shows
        assertThat(names(bob.get("/api/tickets?" + CATS + "&state=open&sort=number"))).containsExactly("S1", "S3",
                "S4", "S5");
        assertThat(names(bob.get("/api/tickets?" + CATS + "&state=done"))).containsExactly("S2");

        // frank sees the shared view, counted in his scope (none of these tickets), and may not change it
        Response franks = as("frank").get("/api/views");
        List<String> seen = new ArrayList<>();
        franks.body().forEach(v -> seen.add(v.get("id").asText() + "=" + v.get("count").asLong()));
        assertThat(seen).contains(id + "=0").noneMatch(v -> v.startsWith(privateView.json("/id").asText() + "="));
        assertThat(as("frank").put("/api/views/" + id, "{\"name\":\"mine now\"}").status()).isEqualTo(403);
        assertThat(as("frank").delete("/api/views/" + privateView.json("/id").asText()).status()).isEqualTo(404);
        assertThat(as("alice").get("/api/views").status()).isEqualTo(403);

        problem(bob.post("/api/views", Map.of("name", "Bad", "filters", Map.of("priority", "P9"))),
                "filters.priority");
        problem(bob.post("/api/views", Map.of("name", "Bad", "filters", Map.of("password", "x"))), "filters.password");
        problem(bob.post("/api/views", Map.of("name", "Bad", "columns", List.of("secret"))), "columns");
        problem(bob.post("/api/views", Map.of("filters", Map.of())), "name");
        assertThat(bob.post("/api/views", Map.of("name", "Search test open")).status()).isEqualTo(409);

        Response renamed = bob.put("/api/views/" + id, "{\"name\":\"Search test all\",\"shared\":true,"
                + "\"filters\":{\"category\":\"srch-printer,srch-network,srch-other\"},\"version\":0}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.json("/count").asLong()).isEqualTo(5);
        assertThat(bob.put("/api/views/" + id, "{\"name\":\"x\",\"version\":0}").status()).isEqualTo(409);
        assertThat(bob.delete("/api/views/" + id).status()).isEqualTo(204);
        assertThat(bob.get("/api/views").raw()).doesNotContain("Search test all");
    }

    @Test
    void articlesAreSearchedThroughTheSameEndpoint() {
        Response articles = as("bob").get("/api/search?type=article&q=printer");
        assertThat(articles.status()).as(articles.raw()).isEqualTo(200);
        assertThat(articles.json("/items").isArray()).isTrue();
    }

    private void problem(Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("\"" + field + "\"");
    }

    private List<String> names(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode item : response.json("/items")) {
            ids.forEach((name, id) -> {
                if (id == item.get("id").asLong()) {
                    names.add(name);
                }
            });
        }
        return names;
    }

    private void create(String name, String subject, String description, Map<String, Object> fields) {
        Response created = as("admin").post("/api/tickets", Map.of("type", "INCIDENT", "subject", subject,
                "description", description, "requester", "alice", "impact", "LOW", "urgency", "LOW",
                "fields", fields));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        ids.put(name, created.json("/ticketId").asLong());
        numbers.put(name, created.json("/number").asText());
    }

    private void set(String name, String category, String priority, String status, String requester, String assignee,
                     String channel, Instant created, Instant due, Instant resolved) {
        // the level instants as the known data set wants them: YELLOW at half, RED at 80 % of the wall-clock time
        Instant yellow = due == null ? null : created.plus(java.time.Duration.between(created, due).dividedBy(2));
        Instant red = due == null ? null
                : created.plus(java.time.Duration.between(created, due).multipliedBy(4).dividedBy(5));
        jdbc.update("update ticket set category = ?, priority = ?, status = ?, requester = ?, assignee = ?,"
                        + " channel = ?, queue = 'service-desk', created_at = ?, resolution_due = ?, resolved_at = ?,"
                        + " sla_yellow_at = ?, sla_red_at = ? where id = ?", category, priority, status, requester,
                assignee, channel, ts(created), ts(due), ts(resolved), ts(yellow), ts(red), ids.get(name));
        inbox.ticketChanged(ids.get(name));
    }

    private Instant days(int days) {
        return now.truncatedTo(ChronoUnit.SECONDS).plus(days, ChronoUnit.DAYS);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
