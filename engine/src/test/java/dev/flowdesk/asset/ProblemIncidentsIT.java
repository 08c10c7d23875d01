package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem lists the incidents of its CIs over HTTP on PostgreSQL: open and closed, newest first, paged, only
 * incidents (no other ticket types, nothing on other CIs), and only those inside the caller's ticket access scope.
 */
class ProblemIncidentsIT extends PostgresEngineTest {

    ApiClient bob;
    ApiClient alice;
    String run;

    @BeforeEach
    void setUp() {
        bob = as("bob");
        alice = as("alice");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aProblemListsTheIncidentsOfItsCisNewestFirstInsideTheCallersScope() {
        // given: a server and an application on it; alice's incidents (one closed) and a stranger's on them, a
        // service request and an incident on an unrelated server, and a problem about both CIs
        long server = asset("server", "srv-pb-" + run);
        long app = asset("application", "App pb " + run);
        long other = asset("server", "srv-other-" + run);
        long first = open("INCIDENT", "alice", "Server slow " + run, server);
        long closed = open("INCIDENT", "alice", "Server down " + run, server);
        Response close = bob.post("/api/tickets/" + closed + "/close", Map.of("reason", "restarted"));
        assertThat(close.status()).as(close.raw()).isEqualTo(200);
        long strangers = open("INCIDENT", "zoe-" + run + "@elsewhere.example", "App fails " + run, app);
        open("SERVICE_REQUEST", "alice", "More disk " + run, server);
        open("INCIDENT", "alice", "Other server " + run, other);
        long problem = open("PROBLEM", "alice", "Why does the server keep failing " + run, server);
        assertThat(bob.post("/api/tickets/" + problem + "/assets", Map.of("assetId", app)).status()).isEqualTo(200);

        // when: the agent reads the problem's incidents, two to a page
        JsonNode firstPage = bob.get("/api/tickets/" + problem + "/ci-incidents?size=2").body();
        JsonNode secondPage = bob.get("/api/tickets/" + problem + "/ci-incidents?size=2&page=1").body();

        // then: the three incidents on its CIs, open and closed, newest first
        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(ids(firstPage)).containsExactly(strangers, closed);
        assertThat(ids(secondPage)).containsExactly(first);
        assertThat(firstPage.at("/items/1/status").asText()).isEqualTo("CLOSED");

        // alice, the problem's requester, sees only the incidents she may read: her own
        JsonNode alices = alice.get("/api/tickets/" + problem + "/ci-incidents").body();
        assertThat(alices.get("total").asLong()).isEqualTo(2);
        assertThat(ids(alices)).containsExactly(closed, first);
        // a requester of another organisation and tenant does not see the problem at all
        assertThat(as("hank").get("/api/tickets/" + problem + "/ci-incidents").status()).isEqualTo(404);
        // only a problem has this list; paging is checked
        Response notAProblem = bob.get("/api/tickets/" + first + "/ci-incidents");
        assertThat(notAProblem.status()).isEqualTo(400);
        assertThat(notAProblem.json("/errors/0/path").asText()).isEqualTo("id");
        assertThat(bob.get("/api/tickets/" + problem + "/ci-incidents?size=0").json("/errors/0/path").asText())
                .isEqualTo("size");
    }

    @Test
    void aRequesterSeesNothingOfOtherPeoplesIncidentsOnHerProblemsCis() {
        // given: an application with incidents of requesters of another organisation only, and alice's problem on it
        long app = asset("application", "Shared app " + run);
        open("INCIDENT", "zoe-" + run + "@elsewhere.example", "Shared app down " + run, app);
        open("INCIDENT", "yan-" + run + "@elsewhere.example", "Shared app slow " + run, app);
        long problem = open("PROBLEM", "alice", "Shared app unstable " + run, app);

        // when / then: the desk sees both, alice none (not even their number)
        assertThat(bob.get("/api/tickets/" + problem + "/ci-incidents").body().get("total").asLong()).isEqualTo(2);
        JsonNode alices = alice.get("/api/tickets/" + problem + "/ci-incidents").body();
        assertThat(alices.get("total").asLong()).isZero();
        assertThat(alices.get("items")).isEmpty();
    }

    private long asset(String type, String name) {
        Response r = bob.post("/api/assets", Map.of("type", type, "name", name));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    private long open(String type, String requester, String subject, long asset) {
        Response r = bob.post("/api/tickets", Map.of("type", type, "channel", "PHONE", "subject", subject,
                "requester", requester, "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("asset", asset)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private static List<Long> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(t -> t.get("id").asLong()).toList();
    }
}
