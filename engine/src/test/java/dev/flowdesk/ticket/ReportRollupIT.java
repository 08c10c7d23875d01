package dev.flowdesk.ticket;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.TestClock;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report roll-up answers exactly what the live computation answers. A data set of nine tickets over five days,
 * 100 days ago, in two queues and two tenants of this run (and one of the desk itself), with response, resolution
 * and closing times worked out by hand below; one ticket waits for a response whose due date passed and for a
 * resolution due two hours after "now". The overview is compared with the live path inside one snapshot, for
 * several periods, queues and callers (administrators, designers of a tenant, agents whose scope is their queues plus
 * what they requested or hold), and with hand-computed figures; then the clock moves past a due date,
 * tickets change through the services (reopen, resolve, priority, queue, response), today gets a ticket, and two
 * runs of the job race: still equal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportRollupIT extends PostgresEngineTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LocalDate BASE = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(100);
    private static final LocalDate END = BASE.plusDays(10);
    private final String run = Long.toString(System.nanoTime(), 36);
    private final String q1 = "ru1-" + run;
    private final String q2 = "ru2-" + run;
    private final String tenantA = "ru-a-" + run;
    private final String tenantB = "ru-b-" + run;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TicketReports reports;
    @Autowired
    ReportRollup rollup;
    @Autowired
    TicketProgress progress;
    @Autowired
    TestClock clock;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    dev.flowdesk.inbox.InboxEntries inbox;

    private final Map<String, Long> ids = new HashMap<>();
    private final CurrentUser admin = user("admin", List.of(), null, Role.ADMIN);
    private final CurrentUser designerA = user("ru-designer-a", List.of(), tenantA, Role.DESIGNER);
    private final CurrentUser designerB = user("ru-designer-b", List.of(), tenantB, Role.DESIGNER);
    /** Works queue 1 and has one ticket of queue 2 assigned: his queue from the roll-up, that ticket live. */
    private final CurrentUser agent = user("ru-agent-" + run, List.of(q1), null, Role.AGENT);
    /**
     * An agent of tenant B in both queues (queue 1 holds none of B's tickets) who requested three tickets of others:
     * one by her id, one by her address in other case, one of the desk's own (no tenant) in queue 1.
     */
    private final CurrentUser agentB = new CurrentUser("ru-agent-b-" + run, "Agent B", "ru-b-" + run + "@example.com",
            List.of(q2, q1), Set.of(Role.USER, Role.AGENT), tenantB);

    @BeforeAll
    void dataSet() throws InterruptedException {
        for (String name : List.of("A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "N1")) {
            Response created = as("admin").post("/api/tickets", Map.of("type", "INCIDENT", "subject",
                    "Rollup " + name, "description", "for the roll-up test", "requester", "alice", "impact", "LOW",
                    "urgency", "LOW"));
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            ids.put(name, created.json("/ticketId").asLong());
        }
        // their processes' asynchronous steps finish first, so that none changes a ticket after the rows are set
        for (int i = 0; i < 240 && jdbc.queryForObject("select count(*) from ACT_RU_JOB j join ticket t"
                + " on t.process_instance_id = j.PROCESS_INSTANCE_ID_ where j.TYPE_ = 'message' and t.id in ("
                + String.join(",", ids.values().stream().map(String::valueOf).toList()) + ")", Long.class) > 0; i++) {
            Thread.sleep(250);
        }
        //   name, tenant, queue, priority, category, channel, type, status, created (day, hour),
        //   response due, responded, resolution due, resolved, closed (minutes after creation), reopens, waited
        set("A1", tenantA, q1, "P2", "printer", "WEB", "INCIDENT", "CLOSED", 0, 9, 30, 10, 480, 180, 1440, 0, false);
        set("A2", tenantA, q1, "P2", "printer", "EMAIL", "INCIDENT", "RESOLVED", 1, 9, 30, 60, 480, 1440, null, 1,
                false);
        // open: its response is overdue (breached, by the time of the report), its resolution due after NOW + 2 h
        set("A3", tenantA, q1, "P4", "access", "WEB", "SERVICE_REQUEST", "OPEN", 2, 10, 120, null, null, null, null,
                0, false);
        jdbc.update("update ticket set resolution_due = ? where id = ?", ts(NOW.plus(Duration.ofHours(2))),
                ids.get("A3"));
        inbox.ticketChanged(ids.get("A3")); // the inbox read model sorts by it: keep it true for other tests
        set("A4", tenantA, q2, "P3", "network", "PHONE", "INCIDENT", "CLOSED", 3, 8, 60, 30, 1440, 120, 180, 0, true);
        // cancelled before both due dates: counts neither way
        set("A5", tenantA, q1, "P3", "other", "API", "INCIDENT", "CANCELLED", 4, 8, 300, null, 1440, null, 240, 0,
                false);
        set("A6", tenantA, q1, "P3", "network", "WEB", "INCIDENT", "OPEN", 4, 12, null, null, null, null, null, 0,
                false);
        set("B1", tenantB, q2, "P1", "printer", "WEB", "INCIDENT", "CLOSED", 1, 12, 15, 5, 240, 60, 120, 0, false);
        set("B2", tenantB, q2, "P2", "access", "EMAIL", "INCIDENT", "OPEN", 2, 15, 30, null, null, null, null, 0,
                false);
        jdbc.update("update ticket set resolution_due = ? where id = ?", ts(NOW.plus(Duration.ofHours(1))),
                ids.get("B2"));
        inbox.ticketChanged(ids.get("B2")); // the inbox read model sorts by it: keep it true for other tests
        set("N1", null, q1, "P3", "printer", "WEB", "INCIDENT", "CLOSED", 3, 20, 60, 20, 1440, 300, 360, 0, false);
        jdbc.update("update ticket set assignee = ? where id = ?", agent.id(), ids.get("A4"));
        jdbc.update("update ticket set requester = ? where id in (?, ?)", agentB.id(), ids.get("A5"), ids.get("N1"));
        jdbc.update("update ticket set requester = ? where id = ?", agentB.email().toUpperCase(), ids.get("A2"));
        // the rows went past the application (as an import would): the administrator's rebuild, then the job's run
        rollup.requestRebuild();
        assertThat(rollup.refresh().built()).isTrue();
        assertThat(rollup.state().builtAt()).isNotNull();
    }

    @BeforeEach
    void pinTheClock() {
        clock.pin(NOW);
    }

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    @Order(1)
    void theRolledUpOverviewIsTheHandComputedOneAndTheLiveOne() {
        TicketReports.Overview q1Report = sameAsLive(BASE, END, q1, admin);
        TicketReports.Totals totals = q1Report.totals();
        // queue 1: A1, A2, A3, A5, A6, N1
        assertThat(totals.created()).isEqualTo(6);
        assertThat(totals.resolved()).isEqualTo(3);                      // A1, A2, N1
        assertThat(totals.closed()).isEqualTo(3);                        // A1, A5, N1
        assertThat(totals.reopened()).isEqualTo(1);                      // A2
        assertThat(totals.firstContactResolved()).isEqualTo(2);          // A1, N1
        assertThat(totals.meanResponseMinutes()).isEqualTo(30.0);        // 10, 60, 20
        assertThat(totals.meanResolutionMinutes()).isEqualTo(640.0);     // 180, 1440, 300
        assertThat(totals.responseCompliance()).isEqualTo(0.5);          // met A1, N1; breached A2, A3
        assertThat(totals.resolutionCompliance()).isEqualTo(0.6667);     // met A1, N1; breached A2
        assertThat(sla(q1Report)).containsExactly(q1 + "/P2 1 1 0 1 1 0", q1 + "/P3 1 0 0 1 0 0",
                q1 + "/P4 0 1 0 0 0 1");
        assertThat(counts(q1Report.byCategory())).containsExactly("printer=3", "access=1", "network=1", "other=1");
        assertThat(counts(q1Report.byDay())).containsExactly(BASE + "=1", BASE.plusDays(1) + "=1",
                BASE.plusDays(2) + "=1", BASE.plusDays(3) + "=1", BASE.plusDays(4) + "=2");

        assertThat(sameAsLive(BASE, END, q2, admin).totals().created()).isEqualTo(3);          // A4, B1, B2
        assertThat(sameAsLive(BASE, END, null, admin).totals().created()).isGreaterThanOrEqualTo(9);
        assertThat(sameAsLive(BASE.plusDays(1), BASE.plusDays(3), q1, admin).totals().created()).isEqualTo(2);
        sameAsLive(BASE.minusDays(300), END, null, admin);
        assertThat(sameAsLive(BASE, END, null, user("dora", List.of(), null, Role.DESIGNER)).totals().created())
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    @Order(2)
    void aDueDatePassingMovesPendingToBreachedWithoutARun() {
        clock.pin(NOW.plus(Duration.ofHours(3)));
        TicketReports.Overview later = sameAsLive(BASE, END, q1, admin);
        assertThat(sla(later)).contains(q1 + "/P4 0 1 0 0 1 0");
        assertThat(later.totals().resolutionCompliance()).isEqualTo(0.5);
        // B2 (tenant B, queue 2): response breached all along, resolution now breached too
        assertThat(sla(sameAsLive(BASE, END, q2, admin))).contains(q2 + "/P2 0 1 0 0 1 0");
    }

    @Test
    @Order(3)
    void aTenantsDesignerSeesOnlyHerTenantsSums() {
        TicketReports.Overview a = sameAsLive(BASE, END, null, designerA);
        assertThat(a.totals().created()).isEqualTo(6);                   // A1 to A6: neither B's nor the desk's N1
        assertThat(counts(a.byChannel())).containsExactly("WEB=3", "API=1", "EMAIL=1", "PHONE=1");
        assertThat(sameAsLive(BASE, END, null, designerB).totals().created()).isEqualTo(2);
        // queue 2 holds tickets of both tenants: each designer counts her own
        assertThat(sameAsLive(BASE, END, q2, designerA).totals().created()).isEqualTo(1);
        assertThat(sla(sameAsLive(BASE, END, q2, designerB))).containsExactly(q2 + "/P1 1 0 0 1 0 0",
                q2 + "/P2 0 1 0 0 0 1");
        CurrentUser nobodysTenant = user("ru-designer-c", List.of(), "ru-c-" + run, Role.DESIGNER);
        assertThat(sameAsLive(BASE, END, null, nobodysTenant).totals().created()).isZero();
    }

    @Test
    @Order(4)
    void agentsReadTheirQueuesFromTheRollupAndTheRestOfTheirScopeLive() {
        // queue 1 (A1, A2, A3, A5, A6, N1) and A4 of queue 2, assigned to him
        assertThat(sameAsLive(BASE, END, null, agent).totals().created()).isEqualTo(7);
        assertThat(sameAsLive(BASE, END, q1, agent).totals().created()).isEqualTo(6);
        assertThat(sameAsLive(BASE, END, q2, agent).totals().created()).isEqualTo(1);
        // B1, B2 (queue 2, tenant B); A5, A2 and N1 requested (no queue ticket of tenant A, nor N1 by its queue)
        TicketReports.Overview b = sameAsLive(BASE, END, null, agentB);
        assertThat(b.totals().created()).isEqualTo(5);
        assertThat(counts(b.byCategory())).containsExactly("printer=3", "access=1", "other=1");
        assertThat(sameAsLive(BASE, END, q1, agentB).totals().created()).isEqualTo(3);

        // a wrong roll-up row (A1's: queue 1, tenant A) shows where the roll-up is read for it, and only there
        rollup.refresh();
        assertThat(jdbc.update("update report_day set created = created + 1000 where queue = ? and created_day = ?",
                q1, BASE)).isEqualTo(1);
        try {
            assertThat(reports.overview(BASE, END, q1, admin).totals().created()).isEqualTo(1006);
            assertThat(reports.overview(BASE, END, null, agent).totals().created()).isEqualTo(1007);
            assertThat(reports.overview(BASE, END, null, agentB).totals().created()).isEqualTo(5);
            assertThat(reports.overview(BASE, END, null, designerB).totals().created()).isEqualTo(2);
        } finally {
            rollup.requestRebuild();
            // not built: live, and right again at once
            assertThat(reports.overview(BASE, END, q1, admin).totals().created()).isEqualTo(6);
            assertThat(rollup.refresh().built()).isTrue();
        }
        assertThat(reports.overview(BASE, END, null, agent).totals().created()).isEqualTo(7);
    }

    @Test
    @Order(5)
    void twoRunsAtOnceRecomputeEachStaleDayOnce() throws Exception {
        for (int day = 0; day < 5; day++) {
            rollup.ticketChanged(BASE.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ReportRollup.Run>> runs = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                runs.add(nodes.submit(() -> {
                    go.await();
                    return rollup.refresh();
                }));
            }
            go.countDown();
            for (Future<ReportRollup.Run> run : runs) {
                assertThat(run.get().built()).isFalse();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(staleDays()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from (select created_day, tenant, queue, priority, category,"
                + " channel, type from report_day where queue in (?, ?) group by created_day, tenant, queue, priority,"
                + " category, channel, type having count(*) > 1) twice", Long.class, q1, q2)).isZero();
        assertThat(sameAsLive(BASE, END, q1, admin).totals().created()).isEqualTo(6);
    }

    @Test
    @Order(6)
    void changesThroughTheServicesAreLiveAtOnceAndRolledUpByTheNextRun() {
        progress.changeStatusFromModel(ids.get("A2"), "REOPENED", "Task_Reopen", "Reopen", "alice");
        progress.changeStatusFromModel(ids.get("B2"), "RESOLVED", "Task_Resolve", "Resolve", "bob");
        progress.raisePriority(ids.get("A3"), "bob", "the requester called again");
        progress.recordArticle(ids.get("A3"), "bob", false, true, "We are on it");
        progress.reroute(ids.get("A6"), q2, "bob");
        assertThat(staleDays()).isEqualTo(3); // A2's day, A3's and B2's day, A6's day

        for (int pass = 0; pass < 2; pass++) {
            TicketReports.Overview q1Report = sameAsLive(BASE, END, q1, admin);
            assertThat(q1Report.totals().created()).isEqualTo(5);                 // A6 moved to queue 2
            assertThat(q1Report.totals().resolved()).isEqualTo(2);                // A2 reopened: A1, N1
            assertThat(q1Report.totals().reopened()).isEqualTo(1);                // A2, twice now
            // A3 (now P3) answered late; A2 waits for its resolution again, overdue
            assertThat(sla(q1Report)).containsExactly(q1 + "/P2 1 1 0 1 1 0", q1 + "/P3 1 1 0 1 0 1");
            assertThat(counts(q1Report.byDay())).contains(BASE.plusDays(4) + "=1");
            TicketReports.Overview q2Report = sameAsLive(BASE, END, q2, admin);
            assertThat(q2Report.totals().created()).isEqualTo(4);
            assertThat(q2Report.totals().resolved()).isEqualTo(3);                // A4, B1, B2
            sameAsLive(BASE, END, null, designerA);
            sameAsLive(BASE, END, null, admin);
            sameAsLive(BASE, END, null, agent);
            assertThat(sameAsLive(BASE, END, null, agentB).totals().resolved()).isEqualTo(3); // B1, B2, N1
            if (pass == 0) {
                assertThat(rollup.refresh().days()).isGreaterThanOrEqualTo(3);
                assertThat(staleDays()).isZero();
            }
        }
    }

    @Test
    @Order(7)
    void todaysTicketsAreCountedLiveUntilRolledUp() {
        Response created = as("admin").post("/api/tickets", Map.of("type", "INCIDENT", "subject", "Rollup today",
                "description", "created today", "requester", "alice", "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();
        progress.reroute(id, q1, "bob");
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        LocalDate tomorrow = today.plusDays(1);
        assertThat(sameAsLive(BASE, tomorrow, q1, admin).totals().created()).isEqualTo(6);
        rollup.refresh();
        assertThat(sameAsLive(BASE, tomorrow, q1, admin).totals().created()).isEqualTo(6);
        assertThat(sameAsLive(today, tomorrow, q1, admin).totals().created()).isEqualTo(1);
    }

    /** The overview from the roll-up and the live one, in one snapshot: equal in every figure; returns it. */
    private TicketReports.Overview sameAsLive(LocalDate from, LocalDate to, String queue, CurrentUser user) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot.execute(status -> {
            TicketReports.Overview rolled = reports.overview(from, to, queue, user, true);
            TicketReports.Overview live = reports.overview(from, to, queue, user, false);
            assertThat(rolled).as("%s..%s queue %s as %s", from, to, queue, user.id()).isEqualTo(live);
            return rolled;
        });
    }

    private long staleDays() {
        return jdbc.queryForObject("select count(distinct created_day) from report_day_stale where created_day >= ?"
                + " and created_day < ?", Long.class, BASE, END);
    }

    private void set(String name, String tenant, String queue, String priority, String category, String channel,
                     String type, String status, int day, int hour, Integer responseDue, Integer responded,
                     Integer resolutionDue, Integer resolved, Integer closed, int reopens, boolean waited) {
        long id = ids.get(name);
        Instant at = BASE.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(hour));
        jdbc.update("update ticket set tenant = ?, queue = ?, priority = ?, category = ?, channel = ?, type = ?,"
                        + " status = ?, assignee = null, created_at = ?, first_response_due = ?,"
                        + " first_responded_at = ?, resolution_due = ?, resolved_at = ?, closed_at = ?,"
                        + " reopen_count = ?, waited_for_customer = ? where id = ?", tenant, queue, priority, category,
                channel, type, status, ts(at.plus(Duration.ofDays(day))), after(at, day, responseDue), after(at, day, responded),
                after(at, day, resolutionDue), after(at, day, resolved), after(at, day, closed), reopens, waited, id);
        inbox.ticketChanged(id);
    }

    private static Timestamp after(Instant at, int day, Integer minutes) {
        return minutes == null ? null : ts(at.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(minutes)));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static CurrentUser user(String id, List<String> groups, String tenant, Role role) {
        return new CurrentUser(id, id, null, groups, Set.of(Role.USER, role), tenant);
    }

    private static List<String> sla(TicketReports.Overview overview) {
        return overview.sla().stream().map(r -> r.queue() + "/" + r.priority() + " " + r.responseMet() + " "
                + r.responseBreached() + " " + r.responsePending() + " " + r.resolutionMet() + " "
                + r.resolutionBreached() + " " + r.resolutionPending()).toList();
    }

    private static List<String> counts(List<TicketReports.Count> counts) {
        return counts.stream().map(c -> c.key() + "=" + c.count()).toList();
    }
}
