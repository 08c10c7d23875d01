package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Download;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.TestClock;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, live updates and collision detection, on PostgreSQL through the public API: the polled lists and the
 * ticket page answer an ETag and 304 while nothing changed, a new tag after a change, and a tag of their own to a
 * user of another scope that a change outside her scope leaves as it is; presence shows two agents each other,
 * expires, and is 404 for requesters and agents outside the ticket's scope; view columns round-trip.
 */
class LiveUpdatesIT extends PostgresEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestClock clock;
    @Autowired
    TaskService engineTasks;

    private ApiClient alice;
    private ApiClient bob;
    private ApiClient frank;
    private ApiClient admin;
    private long ticket;
    private String number;

    @BeforeEach
    void aliceReportsAnIncident() {
        alice = as("alice");
        bob = as("bob");
        frank = as("frank");
        admin = as("admin");
        Response opened = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Password expired", "description", "cannot log in (live updates)", "impact", "LOW", "urgency", "LOW")));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        ticket = opened.json("/ticketId").asLong();
        Response seen = bob.get("/api/tickets/" + ticket);
        assertThat(seen.status()).as("bob works the service desk's tickets").isEqualTo(200);
        number = seen.json("/number").asText();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theTicketListAnswers304UntilARowInTheCallersScopeChanges() {
        String list = "/api/tickets?q=" + number;
        // given bob's list and its tag
        Download first = bob.conditionalGet(list, null);
        assertThat(first.status()).isEqualTo(200);
        String tag = first.header("ETag");
        assertThat(tag).startsWith("W/\"");
        assertThat(json(first).at("/total").asLong()).isEqualTo(1);
        // when nothing changed, then 304 with the same tag and no body
        Download again = bob.conditionalGet(list, tag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.header("ETag")).isEqualTo(tag);
        assertThat(again.body()).isEmpty();

        // frank (another queue) sees none of it, under a tag of his own
        Download franks = frank.conditionalGet(list, null);
        assertThat(franks.status()).isEqualTo(200);
        assertThat(json(franks).at("/total").asLong()).isZero();
        String franksTag = franks.header("ETag");
        assertThat(franksTag).isNotEqualTo(tag);
        // alice sees her ticket under her own tag, too
        assertThat(alice.conditionalGet(list, null).header("ETag")).isNotEqualTo(tag).isNotEqualTo(franksTag);

        // when bob changes the ticket, his list has a new tag with the new priority
        Response changed = bob.patch("/api/tickets/" + ticket, Map.of("impact", "HIGH", "urgency", "HIGH"));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        Download after = bob.conditionalGet(list, tag);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(tag);
        assertThat(json(after).at("/items/0/priority").asText()).isEqualTo(changed.json("/priority").asText());
        assertThat(bob.conditionalGet(list, after.header("ETag")).status()).isEqualTo(304);
        // and frank's tag tells him nothing: still 304
        assertThat(frank.conditionalGet(list, franksTag).status()).isEqualTo(304);

        // a bad parameter is still a 400 naming it, tag or not
        Response bad = bob.get("/api/tickets?sort=password");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("\"sort\"");
    }

    @Test
    void theTicketPageAnswers304UntilSomethingTheCallerSeesChanges() {
        String page = "/api/tickets/" + ticket;
        Download bobs = bob.conditionalGet(page, null);
        Download alices = alice.conditionalGet(page, null);
        assertThat(bobs.status()).isEqualTo(200);
        assertThat(alices.status()).isEqualTo(200);
        String bobsTag = bobs.header("ETag");
        String alicesTag = alices.header("ETag");
        assertThat(bobsTag).isNotEqualTo(alicesTag);
        assertThat(bob.conditionalGet(page, bobsTag).status()).isEqualTo(304);

        // when bob writes an internal note, his page has a new tag (the note is among what he sees)
        assertThat(bob.post(page + "/articles", Map.of("body", "Checked the spooler", "visibility", "INTERNAL"))
                .status()).isEqualTo(201);
        Download bobsAfterNote = bob.conditionalGet(page, bobsTag);
        assertThat(bobsAfterNote.status()).isEqualTo(200);
        assertThat(bobsAfterNote.header("ETag")).isNotEqualTo(bobsTag);
        assertThat(bob.conditionalGet(page, bobsAfterNote.header("ETag")).status()).isEqualTo(304);

        // when he answers her publicly, her page changes too, under a tag that is still hers alone
        assertThat(bob.post(page + "/articles", Map.of("body", "Please restart it", "visibility", "PUBLIC"))
                .status()).isEqualTo(201);
        Download alicesAfterReply = alice.conditionalGet(page, alicesTag);
        assertThat(alicesAfterReply.status()).isEqualTo(200);
        assertThat(alicesAfterReply.header("ETag")).isNotEqualTo(alicesTag)
                .isNotEqualTo(bob.conditionalGet(page, null).header("ETag"));
        assertThat(alice.conditionalGet(page, alicesAfterReply.header("ETag")).status()).isEqualTo(304);

        // an agent of another queue gets the same 404 as for no ticket, with or without a tag
        Download franks = frank.conditionalGet(page, bobsTag);
        assertThat(franks.status()).isEqualTo(404);
        assertThat(franks.header("ETag")).isNull();
        assertThat(frank.conditionalGet(page, null).status()).isEqualTo(404);
    }

    @Test
    void theInboxAndTheViewsAnswer304UntilTheyChange() {
        String mine = "/api/tasks?filter=mine";
        Download inbox = bob.conditionalGet(mine, null);
        assertThat(inbox.status()).isEqualTo(200);
        String tag = inbox.header("ETag");
        assertThat(bob.conditionalGet(mine, tag).status()).isEqualTo(304);
        // when bob claims the ticket's task, it is in his inbox under a new tag
        String task = taskOf(ticket);
        assertThat(bob.post("/api/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(200);
        Download claimed = bob.conditionalGet(mine, tag);
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.header("ETag")).isNotEqualTo(tag);
        assertThat(json(claimed).toString()).contains(task);

        Download views = bob.conditionalGet("/api/views", null);
        assertThat(views.status()).isEqualTo(200);
        String viewsTag = views.header("ETag");
        assertThat(bob.conditionalGet("/api/views", viewsTag).status()).isEqualTo(304);
        assertThat(bob.post("/api/views", Map.of("name", "Live " + ticket, "filters", Map.of("q", number)))
                .status()).isEqualTo(201);
        assertThat(bob.conditionalGet("/api/views", viewsTag).status()).isEqualTo(200);
    }

    @Test
    void twoAgentsOnOneTicketSeeEachOtherUntilTheirHeartbeatExpires() {
        String viewers = "/api/tickets/" + ticket + "/viewers";
        // given bob opens the ticket: nobody else is there
        Response bobAlone = bob.post(viewers, Map.of());
        assertThat(bobAlone.status()).as(bobAlone.raw()).isEqualTo(200);
        assertThat(users(bobAlone)).isEmpty();
        // when the administrator opens it too, each sees the other
        assertThat(users(admin.post(viewers, Map.of()))).containsExactly("bob");
        assertThat(users(bob.post(viewers, Map.of()))).containsExactly("admin");
        assertThat(users(bob.get(viewers))).containsExactly("admin");

        // when the administrator claims the ticket's task, bob's presence answer names the holder ...
        String task = taskOf(ticket);
        assertThat(admin.post("/api/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(200);
        assertThat(bob.get(viewers).json("/assignee").asText()).isEqualTo("admin");
        // ... and the claim stays the lock: bob cannot complete it
        assertThat(bob.post("/api/tasks/" + task + "/complete", Map.of("data", Map.of("resolution", "x")))
                .status()).isEqualTo(409);

        // when 31 s pass without a heartbeat from the administrator, bob is alone again
        clock.pin(Instant.now().plus(Duration.ofSeconds(31)));
        assertThat(users(bob.post(viewers, Map.of()))).isEmpty();
        assertThat(users(admin.post(viewers, Map.of()))).containsExactly("bob");
        // when bob closes the page, he is gone at once
        assertThat(bob.delete(viewers).status()).isEqualTo(204);
        assertThat(users(admin.get(viewers))).isEmpty();

        // the requester, an agent of another queue and an unknown ticket: 404 alike
        assertThat(alice.post(viewers, Map.of()).status()).isEqualTo(404);
        assertThat(alice.get(viewers).status()).isEqualTo(404);
        assertThat(frank.post(viewers, Map.of()).status()).isEqualTo(404);
        assertThat(frank.get(viewers).status()).isEqualTo(404);
        assertThat(bob.get("/api/tickets/999999999/viewers").status()).isEqualTo(404);
    }

    @Test
    void aViewKeepsItsColumnsAndRefusesAnUnknownOne() {
        Response saved = bob.post("/api/views", Map.of("name", "Columns " + ticket, "filters", Map.of("q", number),
                "sort", "-updatedAt", "columns", List.of("number", "subject", "assignee", "slaLevel")));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(201);
        String id = saved.json("/id").asText();
        assertThat(columns(view(id))).containsExactly("number", "subject", "assignee", "slaLevel");

        Response edited = bob.put("/api/views/" + id, "{\"name\":\"Columns " + ticket + "\",\"filters\":{\"q\":\""
                + number + "\"},\"sort\":\"priority\",\"columns\":[\"number\",\"priority\",\"requester\"],"
                + "\"version\":0}");
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        JsonNode listed = view(id);
        assertThat(columns(listed)).containsExactly("number", "priority", "requester");
        assertThat(listed.at("/sort").asText()).isEqualTo("priority");
        assertThat(listed.at("/count").asLong()).isEqualTo(1);

        Response unknown = bob.put("/api/views/" + id, "{\"name\":\"x\",\"columns\":[\"number\",\"password\"],"
                + "\"version\":1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json("/errors/0/path").asText()).isEqualTo("columns");
        assertThat(unknown.json("/errors/0/message").asText()).contains("password");
        assertThat(columns(view(id))).containsExactly("number", "priority", "requester");
    }

    private JsonNode view(String id) {
        for (JsonNode view : bob.get("/api/views").body()) {
            if (view.at("/id").asText().equals(id)) {
                return view;
            }
        }
        throw new AssertionError("view " + id + " is not listed");
    }

    private static List<String> columns(JsonNode view) {
        List<String> names = new ArrayList<>();
        view.at("/columns").forEach(c -> names.add(c.asText()));
        return names;
    }

    private String taskOf(long ticketId) {
        String processInstance = admin.get("/api/tickets/" + ticketId).json("/processInstanceId").asText();
        return engineTasks.createTaskQuery().processInstanceId(processInstance).singleResult().getId();
    }

    private static List<String> users(Response presence) {
        assertThat(presence.status()).as(presence.raw()).isEqualTo(200);
        List<String> users = new ArrayList<>();
        presence.json("/viewers").forEach(v -> users.add(v.at("/user").asText()));
        return users;
    }

    private static JsonNode json(Download download) {
        try {
            return JSON.readTree(download.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
