package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search paths that exist for volume (issue 11), against a known data set on PostgreSQL: an open-only search
 * (the index of the open tickets' words) finds the few open tickets among many closed ones, by their own text and by
 * their conversation, inside each caller's scope; a search in another order than relevance (each side's first rows
 * in that order, merged) gives exactly the page that sorting every match would, across pages and both directions,
 * with a total that is exact or says it is a lower bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketSearchOrdersIT extends PostgresEngineTest {

    /** A word only this data set carries, and its category (other tests' filters never see these rows). */
    static final String WORD = "quokkafrost";
    static final String CATEGORY = "srch-quokka";
    static final int CLOSED = 300;
    /** Ids far from any the sequence hands out and from other tests' SQL copies. */
    static final long BASE = -7_000_000_000L;

    @Autowired
    JdbcTemplate jdbc;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** Bob's matches (service desk), each with its creation instant. */
    final List<Match> bobs = new ArrayList<>();
    long openByText;
    long openByNote;
    long openByReply;

    record Match(long id, Instant created) {
    }

    @BeforeAll
    void dataSet() {
        Response template = as("admin").post("/api/tickets", Map.of("type", "INCIDENT", "subject", "Template",
                "description", "Template", "requester", "carol", "impact", "LOW", "urgency", "LOW"));
        assertThat(template.status()).as(template.raw()).isEqualTo(201);
        long source = template.json("/ticketId").asLong();
        // closed tickets of the service desk, one an hour back from now; every tenth matches by its conversation only
        for (int i = 1; i <= CLOSED; i++) {
            boolean byReply = i % 10 == 0;
            long id = copy(source, BASE - i, "CLOSED", "service-desk", byReply ? "Closed copy " + i
                    : WORD + " printer " + i, now.minus(i, ChronoUnit.HOURS));
            if (byReply) {
                // written a minute after the ticket, or (every other one) just now: a newest-first search looks in
                // recent windows first, by the ticket's creation, and must find old tickets with a new reply only
                // where they belong
                article(id, BASE - i, "PUBLIC", "The " + WORD + " wombat",
                        i % 20 == 0 ? now : now.minus(i, ChronoUnit.HOURS).plus(1, ChronoUnit.MINUTES));
            }
            bobs.add(new Match(id, now.minus(i, ChronoUnit.HOURS)));
        }
        // three open ones, older than every closed one: an open-only search must not stop at the closed matches
        openByText = copy(source, BASE - 1001, "OPEN", "service-desk", "Open " + WORD + " case",
                now.minus(500, ChronoUnit.HOURS));
        bobs.add(new Match(openByText, now.minus(500, ChronoUnit.HOURS)));
        openByNote = copy(source, BASE - 1002, "IN_PROGRESS", "service-desk", "Open, found by its note",
                now.minus(501, ChronoUnit.HOURS));
        article(openByNote, BASE - 1002, "INTERNAL", "Internal: " + WORD + " seen on floor 2", now);
        jdbc.update("UPDATE ticket SET requester = 'alice' WHERE id = ?", openByNote);
        bobs.add(new Match(openByNote, now.minus(501, ChronoUnit.HOURS)));
        openByReply = copy(source, BASE - 1003, "OPEN", "network", "Open, found by a reply",
                now.minus(502, ChronoUnit.HOURS));
        article(openByReply, BASE - 1003, "PUBLIC", "A " + WORD + " in the network closet", now);
        jdbc.execute("ANALYZE ticket");
        jdbc.execute("ANALYZE article");
    }

    @AfterAll
    void removeDataSet() {
        jdbc.update("DELETE FROM article WHERE ticket_id IN (SELECT id FROM ticket WHERE category = ?)", CATEGORY);
        jdbc.update("DELETE FROM ticket WHERE category = ?", CATEGORY);
    }

    @Test
    void anOpenOnlySearchFindsTheFewOpenTicketsAmongManyClosedOnesInsideEachScope() {
        // bob (service desk): the open ticket by its text and the one by an internal note, not the closed 300
        Response bob = as("bob").get("/api/tickets?q=" + WORD + "&state=open");
        assertThat(ids(bob)).containsExactlyInAnyOrder(openByText, openByNote);
        assertThat(bob.json("/total").asLong()).isEqualTo(2);
        assertThat(bob.raw()).doesNotContain("totalExact");
        assertThat(ids(as("bob").get("/api/tickets?q=" + WORD + "&state=open&sort=-createdAt")))
                .containsExactly(openByText, openByNote);
        // frank (network): only the one his queue holds, found by its public reply
        assertThat(ids(as("frank").get("/api/tickets?q=" + WORD + "&state=open"))).containsExactly(openByReply);
        assertThat(ids(as("frank").get("/api/search?q=" + WORD + "&state=open&sort=-createdAt")))
                .containsExactly(openByReply);
        // alice requested the one with the note: an internal note never lets a requester find a ticket
        assertThat(ids(as("alice").get("/api/tickets?q=" + WORD + "&state=open"))).isEmpty();
        assertThat(ids(as("alice").get("/api/tickets?q=" + WORD + "&state=open&sort=-createdAt"))).isEmpty();
        // the done ones are the closed 300: more than a search counts, and it says so
        Response done = as("bob").get("/api/tickets?q=" + WORD + "&state=done&size=10");
        assertThat(done.json("/items").size()).isEqualTo(10);
        assertThat(done.json("/total").asLong()).isGreaterThanOrEqualTo(TicketSearch.CANDIDATES);
        assertThat(done.json("/totalExact").asBoolean(true)).isFalse();
    }

    @Test
    void anotherOrderThanRelevanceGivesExactlyThePagesOfSortingEveryMatch() {
        List<Long> newest = bobs.stream().sorted(Comparator.comparing(Match::created).reversed()
                .thenComparing(Comparator.comparing(Match::id).reversed())).map(Match::id).toList();
        String search = "/api/tickets?q=" + WORD + "&category=" + CATEGORY + "&size=20";
        // pages 0-7 lie in the last week (168 hourly tickets), 8-14 in the last month, 15 only in all tickets
        for (int page : new int[] {0, 1, 7, 8, 14, 15}) {
            Response response = as("bob").get(search + "&sort=-createdAt&page=" + page);
            assertThat(ids(response)).as("newest first, page %d", page)
                    .containsExactlyElementsOf(newest.subList(page * 20, Math.min(newest.size(), page * 20 + 20)));
        }
        List<Long> oldest = new ArrayList<>(newest);
        java.util.Collections.reverse(oldest);
        assertThat(ids(as("bob").get(search + "&sort=createdAt"))).containsExactlyElementsOf(oldest.subList(0, 20));
        // the last page, past the candidates the total counts: its rows and an exact total
        Response last = as("bob").get(search + "&sort=-createdAt&page=15");
        assertThat(last.json("/items").size()).isEqualTo(newest.size() - 300);
        Response first = as("bob").get(search + "&sort=-createdAt");
        assertThat(first.json("/total").asLong()).isGreaterThanOrEqualTo(TicketSearch.CANDIDATES);
        assertThat(first.json("/totalExact").asBoolean(true)).isFalse();
        // a narrower search counts exactly: both words are in 30 closed tickets' conversation only
        Response replies = as("bob").get("/api/tickets?q=" + WORD + "%20wombat&category=" + CATEGORY
                + "&sort=-createdAt&size=50");
        assertThat(replies.json("/total").asLong()).isEqualTo(CLOSED / 10);
        assertThat(replies.raw()).doesNotContain("totalExact");
        assertThat(ids(replies)).containsExactlyElementsOf(newest.stream().filter(id -> id > BASE - 1000
                && (BASE - id) % 10 == 0).toList());
        // a page the last week fills (167 hourly tickets; 16 match by a reply only), one the last month fills
        List<Long> week = newest.stream().filter(id -> id > BASE - 168).toList();
        String unsized = "/api/tickets?q=" + WORD + "&category=" + CATEGORY;
        Response recent = as("bob").get(unsized + "&sort=-createdAt&size=100&page=1");
        assertThat(ids(recent)).containsExactlyElementsOf(newest.subList(100, 200));
        assertThat(ids(as("bob").get(unsized + "&sort=-createdAt&size=83&page=1")))
                .containsExactlyElementsOf(week.subList(83, 166));
        // a page that ends just past the week: older tickets with a reply of this week must not fill it
        assertThat(ids(as("bob").get(unsized + "&sort=-createdAt&size=85&page=1")))
                .containsExactlyElementsOf(newest.subList(85, 170));
        assertThat(recent.json("/totalExact").asBoolean(true)).isFalse();
    }

    private long copy(long source, long id, String status, String queue, String subject, Instant created) {
        List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE"
                + " table_schema = current_schema() AND table_name = 'ticket' AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position", String.class);
        Map<String, String> replaced = Map.of("id", "?", "number", "'QUOKKA-' || ?", "status", "?", "queue", "?",
                "subject", "?", "category", "'" + CATEGORY + "'", "created_at", "?", "updated_at", "?",
                "process_instance_id", "NULL", "assignee", "NULL");
        List<Object> args = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (String column : columns) {
            select.add(replaced.getOrDefault(column, "s." + column));
            switch (column) {
                case "id" -> args.add(id);
                case "number" -> args.add(-id);
                case "status" -> args.add(status);
                case "queue" -> args.add(queue);
                case "subject" -> args.add(subject);
                case "created_at", "updated_at" -> args.add(Timestamp.from(created));
                default -> { }
            }
        }
        args.add(source);
        jdbc.update("INSERT INTO ticket (" + String.join(", ", columns) + ") SELECT " + String.join(", ", select)
                + " FROM ticket s WHERE s.id = ?", args.toArray());
        return id;
    }

    private void article(long ticket, long id, String visibility, String body, Instant created) {
        jdbc.update("INSERT INTO article (id, ticket_id, author, visibility, channel, body, created_at)"
                + " VALUES (?, ?, 'admin', ?, 'WEB', ?, ?)", id, ticket, visibility, body, Timestamp.from(created));
    }

    private static List<Long> ids(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode item : response.json("/items")) {
            ids.add(item.get("id").asLong());
        }
        return ids;
    }
}
