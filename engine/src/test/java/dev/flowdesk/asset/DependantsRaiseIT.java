package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Impact from dependants over HTTP on PostgreSQL: an incident on a service that ten CIs depend on (at least
 * {@code flowdesk.cmdb.many-dependants}, 10 by default; two of them only transitively) is raised one step by the
 * shipped priority rules, and the ticket's decision says why; with nine dependants nothing changes.
 */
class DependantsRaiseIT extends PostgresEngineTest {

    private static final String RULE = "Incident on a configuration item with many dependants raises priority one step";

    ApiClient bob;
    String run;

    @BeforeEach
    void setUp() {
        bob = as("bob");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anIncidentOnAServiceWithTenDependantsIsRaisedAndNineChangeNothing() {
        // given: two services, one with ten dependants (eight direct, two through an application), one with nine
        long busy = serviceWithDependants("Payments " + run, 10);
        long quiet = serviceWithDependants("Newsletter " + run, 9);

        // when: the same incident on each (impact and urgency MEDIUM: P3 by the matrix)
        JsonNode onBusy = ticket(open("Payments failing " + run, busy));
        JsonNode onQuiet = ticket(open("Newsletter failing " + run, quiet));

        // then: the busy service's incident is P2 and its decision names the rule with its reason
        assertThat(onBusy.get("priority").asText()).isEqualTo("P2");
        assertThat(StreamSupport.stream(onBusy.at("/decision/rulesFired").spliterator(), false)
                .filter(r -> r.get("name").asText().equals(RULE)).map(r -> r.get("reason").asText()))
                .containsExactly("the configuration item has many dependants: P3 -> P2");
        assertThat(onQuiet.get("priority").asText()).isEqualTo("P3");
        assertThat(fired(onQuiet)).doesNotContain(RULE);

        // a service request on the busy service is no outage: unchanged
        JsonNode request = ticket(open("SERVICE_REQUEST", "More payment methods " + run, busy));
        assertThat(fired(request)).doesNotContain(RULE);
    }

    /** A service and {@code count} CIs that depend on it: the last two through the first dependant (transitively). */
    private long serviceWithDependants(String name, int count) {
        long service = asset("service", name);
        long first = 0;
        for (int i = 0; i < count; i++) {
            long dependant = asset("application", name + " user " + i);
            if (i == 0) {
                first = dependant;
            }
            relate(dependant, i == 1 ? "RUNS_ON" : "DEPENDS_ON", i >= count - 2 && i > 0 ? first : service);
        }
        return service;
    }

    private long asset(String type, String name) {
        Response r = bob.post("/api/assets", Map.of("type", type, "name", name));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    private void relate(long source, String type, long target) {
        Response r = bob.post("/api/assets/" + source + "/relations", Map.of("type", type, "targetId", target));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private long open(String subject, long asset) {
        return open("INCIDENT", subject, asset);
    }

    private long open(String type, String subject, long asset) {
        Response r = bob.post("/api/tickets", Map.of("type", type, "channel", "PHONE", "subject", subject,
                "requester", "alice", "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("asset", asset)));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("ticketId").asLong();
    }

    private JsonNode ticket(long id) {
        return as("admin").get("/api/tickets/" + id).body();
    }

    private static java.util.List<String> fired(JsonNode ticket) {
        return StreamSupport.stream(ticket.at("/decision/rulesFired").spliterator(), false)
                .map(r -> r.get("name").asText()).toList();
    }
}
