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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Reports against a data set whose figures are computed by hand below: six tickets of a queue of their own, five of
 * them created in March 2020 (long before any other test's tickets), with their response, resolution and closing
 * times, a reopening and two ratings set in the database. Checks every figure of the overview, the CSV, and that
 * requesters see no reports and agents only what their scope holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketReportsIT extends PostgresEngineTest {

    static final String QUEUE = "reports-test";
    static final String PERIOD = "from=2020-03-01&to=2020-04-01&queue=" + QUEUE;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.flowdesk.inbox.InboxEntries inbox;

    @Autowired
    ReportRollup rollup;

    final Map<String, Long> ids = new HashMap<>();

    @BeforeAll
    void dataSet() {
        ApiClient admin = as("admin");
        for (String name : List.of("T1", "T2", "T3", "T4", "T5", "T6")) {
            Response created = admin.post("/api/tickets", Map.of("type", "INCIDENT", "subject", "Report data " + name,
                    "description", "for the report test", "requester", "alice", "impact", "LOW", "urgency", "LOW"));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            ids.put(name, created.json("/ticketId").asLong());
        }
        //   name, type, category, channel, priority, status, created, response due, responded, resolution due,
        //   resolved, closed, reopens
        set("T1", "INCIDENT", "printer", "WEB", "P2", "CLOSED", "2020-03-02T09:00:00Z", "2020-03-02T09:30:00Z",
                "2020-03-02T09:10:00Z", "2020-03-02T17:00:00Z", "2020-03-02T12:00:00Z", "2020-03-03T09:00:00Z", 0);
        set("T2", "INCIDENT", "printer", "EMAIL", "P2", "RESOLVED", "2020-03-03T09:00:00Z", "2020-03-03T09:30:00Z",
                "2020-03-03T10:00:00Z", "2020-03-03T17:00:00Z", "2020-03-04T09:00:00Z", null, 1);
        set("T3", "SERVICE_REQUEST", "access", "WEB", "P4", "OPEN", "2020-03-05T10:00:00Z", "2020-03-05T12:00:00Z",
                null, "2020-03-10T10:00:00Z", null, null, 0);
        set("T4", "INCIDENT", "network", "PHONE", "P3", "CLOSED", "2020-03-06T08:00:00Z", "2020-03-06T09:00:00Z",
                "2020-03-06T08:30:00Z", "2020-03-07T08:00:00Z", "2020-03-06T10:00:00Z", "2020-03-06T11:00:00Z", 0);
        set("T5", "INCIDENT", "network", "WEB", "P3", "OPEN", "2020-04-05T08:00:00Z", "2020-04-05T09:00:00Z",
                null, "2020-04-06T08:00:00Z", null, null, 0);
        set("T6", "INCIDENT", "other", "API", "P3", "CANCELLED", "2020-03-07T08:00:00Z", "2020-03-07T13:00:00Z",
                null, "2020-03-08T08:00:00Z", null, "2020-03-07T12:00:00Z", 0);
        rate("T1", 5, "2020-03-03T10:00:00Z", "bob");
        rate("T2", 2, "2020-03-05T10:00:00Z", "frank");
        // work time: 30 phone minutes on T1 and 15 on T4 in March, 20 on T5 in April (outside the period)
        work("T1", 30, "phone", "2020-03-02T10:00:00Z");
        work("T4", 15, "work", "2020-03-06T09:00:00Z");
        work("T5", 20, "work", "2020-04-05T09:00:00Z");
    }

    @Test
    void namedReportsArePartsOfTheOverviewAsJsonAndCsv() {
        ApiClient dora = as("dora");
        Response sla = dora.get("/api/reports/sla-compliance?" + PERIOD);
        assertThat(sla.status()).as(sla.raw()).isEqualTo(200);
        assertThat(sla.json("/responseCompliance").asDouble()).isEqualTo(0.5);
        assertThat(sla.json("/rows").size()).isEqualTo(3);
        assertThat(dora.get("/api/reports/volume?" + PERIOD).json("/created").asLong()).isEqualTo(5);
        assertThat(dora.get("/api/reports/backlog?" + PERIOD).json("/backlog/total").asLong()).isEqualTo(2);
        assertThat(dora.get("/api/reports/resolution-times?" + PERIOD).json("/meanResolutionMinutes").asDouble())
                .isCloseTo(580.0, within(0.01));
        Response satisfaction = dora.get("/api/reports/satisfaction?" + PERIOD);
        assertThat(satisfaction.json("/satisfaction/mean").asDouble()).isEqualTo(3.5);
        // per agent and per queue: bob's ticket was rated 5, frank's 2, both in the report's queue
        JsonNode byAgent = satisfaction.json("/satisfaction/byAgent");
        assertThat(byAgent.size()).isEqualTo(2);
        assertThat(byAgent.findValuesAsText("key")).containsExactly("bob", "frank");
        assertThat(byAgent.get(0).get("mean").asDouble()).isEqualTo(5.0);
        assertThat(byAgent.get(1).get("mean").asDouble()).isEqualTo(2.0);
        assertThat(satisfaction.json("/satisfaction/byQueue/0/key").asText()).isEqualTo(QUEUE);
        assertThat(satisfaction.json("/satisfaction/byQueue/0/count").asLong()).isEqualTo(2);
        assertThat(satisfaction.json("/satisfaction/byQueue/0/mean").asDouble()).isEqualTo(3.5);
        String ratingCsv = new String(dora.download("/api/reports/satisfaction?format=csv&" + PERIOD).body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ratingCsv).contains("satisfactionAgent,bob,mean,5.0\r\n", "satisfactionAgent,frank,count,1\r\n",
                "satisfactionQueue," + QUEUE + ",mean,3.5\r\n");
        Response time = dora.get("/api/reports/time-spent?" + PERIOD);
        assertThat(time.json("/time/totalMinutes").asLong()).isEqualTo(45);
        assertThat(counts(time.json("/time/byActivity"))).containsExactly("phone=30", "work=15");
        assertThat(as("admin").get("/api/reports/overview?" + PERIOD).json("/time/totalMinutes").asLong())
                .isEqualTo(45);

        ApiClient.Download csv = dora.download("/api/reports/volume?format=csv&" + PERIOD);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).startsWith("attachment;");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("section,key,metric,value\r\n")
                .contains("totals,,created,5\r\n", "category,printer,count,2\r\n")
                .doesNotContain("satisfaction", "backlog", "responseCompliance");

        assertThat(dora.get("/api/reports/passwords?" + PERIOD).status()).isEqualTo(404);
        Response badFormat = dora.get("/api/reports/volume?format=xml&" + PERIOD);
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.raw()).contains("\"format\"");
        assertThat(as("alice").get("/api/reports/volume?" + PERIOD).status()).isEqualTo(403);
    }

    @Test
    void theOverviewMatchesTheHandComputedFigures() {
        Response report = as("admin").get("/api/reports/overview?" + PERIOD);
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        JsonNode totals = report.json("/totals");
        // created in March: T1, T2, T3, T4, T6 (T5 is April)
        assertThat(totals.get("created").asLong()).isEqualTo(5);
        assertThat(totals.get("resolved").asLong()).isEqualTo(3);                    // T1, T2, T4
        assertThat(totals.get("closed").asLong()).isEqualTo(3);                      // T1, T4, T6
        assertThat(totals.get("reopened").asLong()).isEqualTo(1);                    // T2
        assertThat(totals.get("reopenRate").asDouble()).isCloseTo(1 / 3.0, within(0.0001));
        assertThat(totals.get("firstContactResolved").asLong()).isEqualTo(2);        // T1, T4
        assertThat(totals.get("firstContactRate").asDouble()).isCloseTo(2 / 3.0, within(0.0001));
        // responses after 10, 60 and 30 minutes; resolutions after 180, 1440 and 120 minutes
        assertThat(totals.get("meanResponseMinutes").asDouble()).isCloseTo(100 / 3.0, within(0.01));
        assertThat(totals.get("meanResolutionMinutes").asDouble()).isCloseTo(580.0, within(0.01));
        // response met T1, T4; breached T2 (late), T3 (never, due passed); T6 closed before its due: neither
        assertThat(totals.get("responseCompliance").asDouble()).isEqualTo(0.5);
        assertThat(totals.get("resolutionCompliance").asDouble()).isEqualTo(0.5);

        assertThat(rows(report.json("/sla"))).containsExactly(
                "reports-test/P2 1 1 0 1 1 0", "reports-test/P3 1 0 0 1 0 0", "reports-test/P4 0 1 0 0 1 0");
        assertThat(counts(report.json("/byCategory"))).containsExactly("printer=2", "access=1", "network=1",
                "other=1");
        assertThat(counts(report.json("/byChannel"))).containsExactly("WEB=2", "API=1", "EMAIL=1", "PHONE=1");
        assertThat(counts(report.json("/byType"))).containsExactly("INCIDENT=4", "SERVICE_REQUEST=1");
        assertThat(counts(report.json("/byDay"))).containsExactly("2020-03-02=1", "2020-03-03=1", "2020-03-05=1",
                "2020-03-06=1", "2020-03-07=1");
        // the backlog is today's: T3 and T5 are open (T2 is resolved), both older than 30 days
        assertThat(report.json("/backlog/total").asLong()).isEqualTo(2);
        assertThat(counts(report.json("/backlog/byAge"))).containsExactly("<1d=0", "1-3d=0", "3-7d=0", "7-30d=0",
                ">30d=2");
        assertThat(report.json("/satisfaction/count").asLong()).isEqualTo(2);
        assertThat(report.json("/satisfaction/mean").asDouble()).isEqualTo(3.5);
        assertThat(counts(report.json("/satisfaction/byScore"))).containsExactly("2=1", "5=1");
    }

    @Test
    void theCsvCarriesTheSameFiguresAsADownload() {
        ApiClient.Download csv = as("dora").download("/api/reports/overview.csv?" + PERIOD);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).startsWith("attachment;");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("section,key,metric,value\r\n")
                .contains("totals,,created,5\r\n", "totals,,responseCompliance,0.5\r\n",
                        "sla,reports-test/P2,responseBreached,1\r\n", "category,printer,count,2\r\n",
                        "backlogAge,>30d,count,2\r\n", "satisfaction,,mean,3.5\r\n");
    }

    @Test
    void requestersSeeNoReportsAndAgentsOnlyTheirScope() {
        assertThat(as("alice").get("/api/reports/overview?" + PERIOD).status()).isEqualTo(403);
        assertThat(as("alice").download("/api/reports/overview.csv?" + PERIOD).status()).isEqualTo(403);
        // frank's queues are field-service and network: the report-test queue is not his
        Response franks = as("frank").get("/api/reports/overview?" + PERIOD);
        assertThat(franks.status()).as(franks.raw()).isEqualTo(200);
        assertThat(franks.json("/totals/created").asLong()).isZero();
        assertThat(franks.json("/backlog/total").asLong()).isZero();
        assertThat(franks.json("/satisfaction/count").asLong()).isZero();
        // assigned to frank, T1 is in his scope (the same rule as for the ticket itself)
        jdbc.update("update ticket set assignee = 'frank' where id = ?", ids.get("T1"));
        try {
            assertThat(as("frank").get("/api/reports/overview?" + PERIOD).json("/totals/created").asLong())
                    .isEqualTo(1);
        } finally {
            jdbc.update("update ticket set assignee = null where id = ?", ids.get("T1"));
        }
    }

    @Test
    void aBadPeriodIsA400NamingTheField() {
        Response bad = as("admin").get("/api/reports/overview?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.raw()).contains("from");
        assertThat(as("admin").get("/api/reports/overview?from=2020-04-01&to=2020-03-01").raw()).contains("from");
        assertThat(as("admin").get("/api/reports/overview?from=2010-01-01&to=2020-03-01").raw()).contains("to");
    }

    private void set(String name, String type, String category, String channel, String priority, String status,
                     String created, String responseDue, String responded, String resolutionDue, String resolved,
                     String closed, int reopens) {
        // the SQL goes past the application: the report roll-up learns that the old and the new day changed
        rollup.ticketChanged(jdbc.queryForObject("select created_at from ticket where id = ?", Timestamp.class,
                ids.get(name)).toInstant());
        rollup.ticketChanged(Instant.parse(created));
        jdbc.update("update ticket set type = ?, category = ?, channel = ?, priority = ?, status = ?, queue = ?,"
                        + " assignee = null, created_at = ?, first_response_due = ?, first_responded_at = ?,"
                        + " resolution_due = ?, resolved_at = ?, closed_at = ?, reopen_count = ? where id = ?",
                type, category, channel, priority, status, QUEUE, ts(created), ts(responseDue), ts(responded),
                ts(resolutionDue), ts(resolved), ts(closed), reopens, ids.get(name));
        // the SQL went past the application: the inbox read model learns of the new priority and due date
        inbox.ticketChanged(ids.get(name));
    }

    private void rate(String name, int score, String at, String agent) {
        jdbc.update("insert into ticket_rating (ticket_id, score, comment, rated_by, created_at, agent, queue)"
                + " values (?, ?, ?, ?, ?, ?, ?)", ids.get(name), score, "report test", "alice", ts(at), agent, QUEUE);
    }

    private void work(String name, int minutes, String activity, String at) {
        jdbc.update("insert into time_entry (ticket_id, agent, minutes, activity, worked_at, created_at)"
                + " values (?, 'bob', ?, ?, ?, ?)", ids.get(name), minutes, activity, ts(at), ts(at));
    }

    private static Timestamp ts(String instant) {
        return instant == null ? null : Timestamp.from(Instant.parse(instant));
    }

    private static List<String> rows(JsonNode sla) {
        List<String> rows = new java.util.ArrayList<>();
        for (JsonNode r : sla) {
            rows.add(r.get("queue").asText() + "/" + r.get("priority").asText() + " " + r.get("responseMet") + " "
                    + r.get("responseBreached") + " " + r.get("responsePending") + " " + r.get("resolutionMet") + " "
                    + r.get("resolutionBreached") + " " + r.get("resolutionPending"));
        }
        return rows;
    }

    private static List<String> counts(JsonNode counts) {
        List<String> out = new java.util.ArrayList<>();
        counts.forEach(c -> out.add(c.get("key").asText() + "=" + c.get("count").asLong()));
        return out;
    }
}
