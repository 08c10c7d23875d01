package dev.flowdesk.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge base on PostgreSQL over HTTP (issue 10): an article drafted from a resolved ticket, published, found
 * by a German query in another inflection, hidden from requesters while internal; a deflection instead of a ticket.
 */
class KnowledgeBaseIT extends PostgresEngineTest {

    @Autowired
    TaskService tasks;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anArticleFromATicketIsPublishedAndFoundByAGermanQueryInAnotherInflection() {
        long ticket = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Outlook password prompt loops", "description", "Der Drucker im 3. Stock druckt nicht",
                "impact", "MEDIUM", "urgency", "MEDIUM"))).json("/ticketId").asLong();
        assertThat(as("bob").post("/api/tickets/" + ticket + "/kb-draft", Map.of()).status())
                .as("no resolution yet").isEqualTo(409);
        String pid = as("bob").get("/api/tickets/" + ticket).json("/processInstanceId").asText();
        String task = tasks.createTaskQuery().processInstanceId(pid).singleResult().getId();
        assertThat(as("bob").post("/api/tasks/" + task + "/complete", Map.of("data", Map.of("resolution",
                "Druckerwarteschlange geleert und den Treiber neu installiert"))).status()).isEqualTo(204);

        Response draft = as("bob").post("/api/tickets/" + ticket + "/kb-draft", Map.of("language", "de"));
        assertThat(draft.status()).as(draft.raw()).isEqualTo(201);
        long id = draft.json("/id").asLong();
        assertThat(draft.json("/status").asText()).isEqualTo("DRAFT");
        assertThat(draft.json("/visibility").asText()).isEqualTo("INTERNAL");
        assertThat(draft.json("/sourceTicketId").asLong()).isEqualTo(ticket);
        assertThat(draft.json("/body").asText()).contains("Druckerwarteschlange");
        assertThat(as("alice").post("/api/tickets/" + ticket + "/kb-draft", Map.of()).status()).isEqualTo(403);

        // bob edits: a title about "Druckerproblemen"; a stale version is refused
        Response edited = as("bob").put("/api/kb/articles/" + id, json(Map.of("title",
                "Hilfe bei Druckerproblemen im Büro", "body", "<p>Warteschlange leeren.</p><script>alert(1)</script>",
                "tags", List.of("Drucker", "Treiber"), "version", 1)));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.json("/version").asInt()).isEqualTo(2);
        assertThat(edited.json("/body").asText()).doesNotContain("script");
        Response stale = as("bob").put("/api/kb/articles/" + id, json(Map.of("title", "Old", "version", 1)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(as("bob").get("/api/kb/articles/" + id + "/versions").body()).hasSize(1);

        // only editors publish; requesters never see it while it is a draft or internal
        assertThat(as("bob").post("/api/kb/articles/" + id + "/publish", Map.of()).status()).isEqualTo(403);
        assertThat(ids(as("alice").get("/api/kb/articles?q=Drucker"))).doesNotContain(id);
        assertThat(as("dora").post("/api/kb/articles/" + id + "/publish", Map.of()).status()).isEqualTo(200);
        assertThat(ids(as("alice").get("/api/kb/articles?q=Drucker+druckt+nicht"))).doesNotContain(id);
        assertThat(as("alice").get("/api/kb/articles/" + id).status()).isEqualTo(404);
        assertThat(ids(as("bob").get("/api/kb/articles?q=Drucker+druckt+nicht&lang=de"))).contains(id);

        Response publicNow = as("bob").put("/api/kb/articles/" + id, json(Map.of("visibility", "PUBLIC",
                "version", 2)));
        assertThat(publicNow.status()).as(publicNow.raw()).isEqualTo(200);
        assertThat(publicNow.json("/status").asText()).isEqualTo("PUBLISHED");
        Response found = as("alice").get("/api/kb/articles?q=Drucker+druckt+nicht");
        assertThat(found.status()).isEqualTo(200);
        assertThat(ids(found)).contains(id);
        JsonNode hit = found.json("/items/0");
        assertThat(hit.get("id").asLong()).isEqualTo(id);
        assertThat(hit.get("score").asDouble()).isPositive();
        assertThat(hit.get("excerpt").asText()).contains("Warteschlange");
        assertThat(found.json("/total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ids(as("alice").get("/api/kb/articles?q=Urlaubsantrag"))).doesNotContain(id);
        assertThat(as("bob").get("/api/tickets/" + ticket + "/kb-suggestions").body().findValuesAsText("id"))
                .contains(String.valueOf(id));
    }

    @Test
    void englishStemmingRanksTitleMatchesFirst() {
        long title = publish(Map.of("title", "Printer not printing", "body", "<p>Clear the queue.</p>",
                "language", "en"));
        long body = publish(Map.of("title", "Office moves", "body", "<p>Your printers move with you.</p>",
                "language", "en"));
        Response found = as("alice").get("/api/kb/articles?q=printers+printed&lang=en");
        List<Long> order = ids(found);
        assertThat(order).contains(title, body);
        assertThat(order.indexOf(title)).isLessThan(order.indexOf(body));
        assertThat(ids(as("alice").get("/api/kb/articles?q=printers&lang=de"))).doesNotContain(title, body);
    }

    @Test
    void everyWordMustMatchUnlessNoArticleMatchesThemAll() {
        long both = publish(Map.of("title", "Quokka scanner jams in the duplex unit", "body", "<p>Open it.</p>",
                "language", "en"));
        long one = publish(Map.of("title", "Quokka scanner driver", "body", "<p>Install it.</p>", "language", "en"));
        // every word must match: the driver article lacks "duplex"
        assertThat(ids(as("alice").get("/api/kb/articles?q=quokka+duplex"))).contains(both).doesNotContain(one);
        // stop words of either language ("nicht", "the") need not match
        assertThat(ids(as("alice").get("/api/kb/articles?q=quokka+nicht+the+duplex"))).contains(both)
                .doesNotContain(one);
        // no article holds both words: any word is enough, ranked
        Response wider = as("alice").get("/api/kb/articles?q=quokka+zeppelinxq");
        assertThat(ids(wider)).contains(both, one);
        assertThat(wider.json("/total").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRequesterWhoFindsTheAnswerDeflectsInsteadOfOpeningATicket() {
        long id = publish(Map.of("title", "VPN drops every hour", "body", "<p>Update the client.</p>"));
        long tickets = count("ticket");
        long deflections = count("form_deflection");
        Response solved = as("alice").post("/api/kb/articles/" + id + "/solved", Map.of("form", "report-incident"));
        assertThat(solved.status()).as(solved.raw()).isEqualTo(200);
        assertThat(count("form_deflection")).isEqualTo(deflections + 1);
        assertThat(jdbc.queryForObject("SELECT kb_article_id FROM form_deflection ORDER BY id DESC LIMIT 1",
                Long.class)).isEqualTo(id);
        assertThat(count("ticket")).isEqualTo(tickets);
        assertThat(as("alice").post("/api/kb/articles/" + id + "/solved", Map.of()).json("/errors/0/path")
                .asText()).isEqualTo("form");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Response empty = as("bob").post("/api/kb/articles", Map.of("language", "fr", "visibility", "SECRET"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("errors").findValuesAsText("path"))
                .contains("title", "body", "language", "visibility");
        assertThat(as("alice").post("/api/kb/articles", Map.of("title", "t", "body", "b")).status()).isEqualTo(403);
        assertThat(as("bob").get("/api/kb/articles?lang=fr").json("/errors/0/path").asText()).isEqualTo("lang");
        assertThat(as("bob").get("/api/kb/articles/999999999").status()).isEqualTo(404);
    }

    @Test
    void aTitleMatchRanksAboveABodyMatchAndEveryPageKnowsTheTotal() {
        String word = "Quokkafilter" + System.nanoTime() % 100000;
        long inTitle = publish(Map.of("title", word + " stops the proxy", "body", "<p>Restart the service.</p>",
                "language", "en", "visibility", "PUBLIC"));
        long inBody = publish(Map.of("title", "Proxy troubles", "body", "<p>Check the " + word + " first.</p>",
                "language", "en", "visibility", "PUBLIC"));
        Response first = as("alice").get("/api/kb/articles?q=" + word + "&size=1");
        assertThat(ids(first)).containsExactly(inTitle); // the newer body match comes second
        assertThat(first.json("/total").asLong()).isEqualTo(2);
        Response second = as("alice").get("/api/kb/articles?q=" + word + "&size=1&page=1");
        assertThat(ids(second)).containsExactly(inBody);
        assertThat(second.json("/total").asLong()).isEqualTo(2);
        Response past = as("alice").get("/api/kb/articles?q=" + word + "&size=1&page=5");
        assertThat(ids(past)).isEmpty();
        assertThat(past.json("/total").asLong()).isEqualTo(2);
    }

    @Test
    void termsThatSayNothingMoreAreLeftOutOfTheQuery() {
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        // "Drucker" is druck:* (German) or drucker:* (English, within druck:*), and every text with a word
        // beginning "druckt" has one beginning "druck": the one term left says all of it
        assertThat(dev.flowdesk.text.TextQuery.tsquery(named, "Drucker druckt nicht").all()).isEqualTo("druckt:*");
        assertThat(dev.flowdesk.text.TextQuery.tsquery(named, "Drucker Drucker").all()).isEqualTo("druck:*");
        // words that do not cover each other all stay
        assertThat(dev.flowdesk.text.TextQuery.tsquery(named, "printer queue").all())
                .isEqualTo("print:* & queu:*");
    }

    @Test
    void aVeryBroadQueryRanksItsFirstThousandMatchesAndSaysTheTotalIsALowerBound() {
        String word = "Wombatcache" + System.nanoTime() % 100000;
        long titled = publish(Map.of("title", word + " explained", "body", "<p>All about it.</p>", "language", "en",
                "visibility", "PUBLIC"));
        // 1,004 more published public articles that name the word in the body only, by SQL (the API would take
        // minutes)
        jdbc.update("INSERT INTO kb_article (id, version, status, visibility, language, title, body_html, body_text,"
                + " created_by, created_at, updated_by, updated_at) SELECT -7000000000 - g, 1, 'PUBLISHED', 'PUBLIC',"
                + " 'en', 'Proxy note ' || g, '<p>' || ? || ' again</p>', ? || ' again', 'bob', now(), 'bob', now()"
                + " FROM generate_series(1, 1004) g", word, word);
        try {
            Response broad = as("alice").get("/api/kb/articles?q=" + word + "&size=20");
            assertThat(ids(broad)).hasSize(20);
            assertThat(broad.json("/total").asLong()).isEqualTo(1000);
            assertThat(broad.json("/totalExact").asBoolean(true)).isFalse();
            // a narrow query over the same articles stays exact, and says nothing about exactness
            Response narrow = as("alice").get("/api/kb/articles?q=" + word + "+explained");
            assertThat(ids(narrow)).containsExactly(titled);
            assertThat(narrow.json("/total").asLong()).isEqualTo(1);
            assertThat(narrow.raw()).doesNotContain("totalExact");
        } finally {
            jdbc.update("DELETE FROM kb_article WHERE id <= -7000000000");
        }
    }

    private long publish(Map<String, Object> article) {
        Response created = as("bob").post("/api/kb/articles", article);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        assertThat(as("dora").post("/api/kb/articles/" + id + "/publish", Map.of()).status()).isEqualTo(200);
        return id;
    }

    private static List<Long> ids(Response page) {
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        page.json("/items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
