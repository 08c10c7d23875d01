package dev.flowdesk.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.TestClock;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.sla.SlaLevels;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SLA levels with a controlled clock, in a calendar of the {@code service-desk} queue with 09:00–17:00 on weekdays
 * (Europe/Berlin) and a holiday on the Monday after the ticket opens on a Thursday at 16:00: the ticket passes
 * GREEN → YELLOW → RED → BREACHED at the working-time instants worked out by hand below, a pause and a priority
 * change move them, the instants recomputed from the ticket's events are the stored ones, and each level change is
 * one event, one notification and (for a model that waits for it) one BPMN message.
 */
class SlaLevelsIT extends PostgresEngineTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    TestClock clock;
    @Autowired
    SlaLevelWatch watch;
    @Autowired
    TicketSla sla;
    @Autowired
    TicketRepository tickets;
    @Autowired
    TicketService service;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    PlatformTransactionManager transactions;

    private LocalDate thursday;
    private long calendarId;

    @BeforeEach
    void calendar() {
        // a Thursday far enough ahead that the engine's own timers (on the real time) stay out of the way
        thursday = LocalDate.now(BERLIN).plusWeeks(2).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            hours.put(day, Map.of("start", "09:00", "end", "17:00"));
        }
        Response created = as("dora").post("/api/calendars", Map.of("name", "sla-it-" + System.nanoTime(),
                "timeZone", "Europe/Berlin", "hours", hours, "holidays", List.of(thursday.plusDays(4).toString()),
                "queues", List.of("service-desk")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        calendarId = created.json("/id").asLong();
    }

    @AfterEach
    void restore() {
        clock.reset();
        assertThat(as("dora").delete("/api/calendars/" + calendarId).status()).isEqualTo(204);
    }

    @Test
    void greenYellowRedBreachedInWorkingTimeAcrossWeekendAndHolidayWithAPause() throws Exception {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        clock.pin(at(0, 16, 0)); // Thursday 16:00
        long id = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Password sync walk " + System.nanoTime(), "description", "AD and mail differ",
                "impact", "MEDIUM", "urgency", "MEDIUM"))).json("/ticketId").asLong();
        JsonNode ticket = bob.get("/api/tickets/" + id).body();
        assertThat(ticket.get("priority").asText()).isEqualTo("P3");
        assertThat(ticket.get("queue").asText()).isEqualTo("service-desk");
        // P3: 1440 working minutes. Thu 16–17 (60) + Fri (480); Sat, Sun and the Monday holiday do not count.
        // YELLOW at 720 used: Tue 12:00; RED at 1152: Tue 17:00 is 1020, so Wed 11:12; due at 1440: Wed 16:00
        assertSchedule(id, at(5, 12, 0), at(6, 11, 12), at(6, 16, 0));
        assertThat(ticket.at("/sla/calendar").asText()).startsWith("sla-it-");
        assertLevel(bob, id, "GREEN");

        // the agent asks the requester on Friday 10:00, she answers at 12:00: 120 working minutes paused
        clock.pin(at(1, 10, 0));
        assertThat(bob.post("/api/tickets/" + id + "/request-info", Map.of("question", "Which tray?")).status())
                .isEqualTo(200);
        clock.pin(at(1, 12, 0));
        assertThat(alice.post("/api/tickets/" + id + "/articles", Map.of("body", "Since Monday")).status())
                .isIn(200, 201);
        assertSchedule(id, at(5, 14, 0), at(6, 13, 12), at(7, 10, 0));
        assertThat(types(bob, id)).containsSubsequence("SLA_SCHEDULED", "SLA_PAUSED", "SLA_RESUMED");

        // the level job at the edges of each level
        announceAt(at(5, 13, 59));
        assertLevel(bob, id, "GREEN");
        announceAt(at(5, 14, 0));
        assertLevel(bob, id, "YELLOW");
        announceAt(at(5, 14, 1)); // a later run announces nothing new
        announceAt(at(6, 13, 11));
        assertLevel(bob, id, "YELLOW");

        // two nodes run the job for RED at the same moment: one announcement
        clock.pin(at(6, 13, 12));
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                runs.add(nodes.submit(() -> {
                    go.await();
                    return watch.announceDue(at(6, 13, 12));
                }));
            }
            go.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertLevel(bob, id, "RED");
        announceAt(at(7, 10, 0)); // due instant itself: still RED
        assertLevel(bob, id, "RED");
        announceAt(at(7, 10, 1));
        assertLevel(bob, id, "BREACHED");

        // exactly one event and one notification per level change, to the queue (nobody has the ticket)
        List<JsonNode> changes = events(bob, id, "SLA_LEVEL_CHANGED");
        assertThat(changes).extracting(e -> e.at("/after/slaLevel").asText())
                .containsExactly("YELLOW", "RED", "BREACHED");
        assertThat(changes).extracting(e -> e.at("/after/at").asText()).containsExactly(
                at(5, 14, 0).toString(), at(6, 13, 12).toString(), at(7, 10, 0).toString());
        List<JsonNode> notices = events(bob, id, "NOTIFICATION").stream()
                .filter(e -> e.at("/after/template").asText().startsWith("sla-")).toList();
        assertThat(notices).extracting(e -> e.at("/after/template").asText() + ":" + e.at("/after/slaLevel").asText()
                + ":" + e.at("/after/recipients").asText()).containsExactly("sla-warning:YELLOW:service-desk",
                "sla-warning:RED:service-desk", "sla-breach:BREACHED:service-desk");

        // recomputed from the ticket's events: the same instants and the same level
        SlaLevels.Schedule replayed = sla.replay(id).orElseThrow();
        assertSchedule(id, replayed.yellowAt(), replayed.redAt(), replayed.due());
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            Ticket t = tickets.findById(id).orElseThrow();
            sla.recompute(t);
            tickets.saveAndFlush(t);
        });
        assertSchedule(id, at(5, 14, 0), at(6, 13, 12), at(7, 10, 0));
        assertLevel(bob, id, "BREACHED");
        assertThat(events(bob, id, "SLA_LEVEL_CHANGED")).hasSize(3);
    }

    @Test
    void aPriorityChangeStartsTheTargetAgainAndLowersTheAnnouncedLevel() {
        ApiClient bob = as("bob");
        clock.pin(at(0, 16, 0));
        long id = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Password reprioritised " + System.nanoTime(), "description", "AD and mail differ",
                "impact", "MEDIUM", "urgency", "MEDIUM"))).json("/ticketId").asLong();
        announceAt(at(5, 12, 0));
        assertLevel(bob, id, "YELLOW");

        // Tuesday 12:00 the agent raises the urgency: P2, 480 working minutes from now. YELLOW at 240: 16:00;
        // RED at 384 (Tue 12–17 is 300, then 84 on Wednesday): Wed 10:24; due at 480: Wed 12:00
        clock.pin(at(5, 12, 0));
        long version = bob.get("/api/tickets/" + id).json("/version").asLong();
        Response changed = bob.patch("/api/tickets/" + id, Map.of("urgency", "HIGH", "version", version));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json("/priority").asText()).isEqualTo("P2");
        assertSchedule(id, at(5, 16, 0), at(6, 10, 24), at(6, 12, 0));
        assertLevel(bob, id, "GREEN");
        assertThat(sla.replay(id).orElseThrow()).isEqualTo(new SlaLevels.Schedule(at(5, 16, 0), at(6, 10, 24),
                at(6, 12, 0)));

        // the new target turns YELLOW again: announced a second time, for the new schedule
        announceAt(at(5, 16, 0));
        assertThat(events(bob, id, "SLA_LEVEL_CHANGED")).extracting(e -> e.at("/after/slaLevel").asText()
                + "@" + e.at("/after/at").asText()).containsExactly("YELLOW@" + at(5, 12, 0),
                "YELLOW@" + at(5, 16, 0));
    }

    @Test
    void aModelThatWaitsForTheLevelGetsTheMessageWithTheLevel() {
        repository.createDeployment().name("sla-level-listener-it").addString("sla-level-listener-it.bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_SlaListener"
                    targetNamespace="http://flowdesk.dev/test">
                  <bpmn:process id="sla-level-listener-it" name="SLA level listener" isExecutable="true">
                    <bpmn:startEvent id="StartEvent_Opened" name="Opened" />
                    <bpmn:parallelGateway id="Gateway_Fork" name="Work and watch" />
                    <bpmn:userTask id="Task_Work" name="Work" camunda:candidateGroups="service-desk" />
                    <bpmn:receiveTask id="Task_AwaitSlaLevel" name="Await SLA level" messageRef="Msg_SlaLevel" />
                    <bpmn:endEvent id="EndEvent_Worked" name="Worked" />
                    <bpmn:endEvent id="EndEvent_Warned" name="Warned" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Opened" targetRef="Gateway_Fork" />
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Gateway_Fork" targetRef="Task_Work" />
                    <bpmn:sequenceFlow id="Flow_3" sourceRef="Gateway_Fork" targetRef="Task_AwaitSlaLevel" />
                    <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Work" targetRef="EndEvent_Worked" />
                    <bpmn:sequenceFlow id="Flow_5" sourceRef="Task_AwaitSlaLevel" targetRef="EndEvent_Warned" />
                  </bpmn:process>
                  <bpmn:message id="Msg_SlaLevel" name="SlaLevelChanged" />
                </bpmn:definitions>
                """).deploy();
        clock.pin(at(0, 16, 0));
        CurrentUser admin = new CurrentUser("admin", "Admin", null, List.of(), Set.of(Role.USER, Role.ADMIN), null);
        var opened = service.open(new NewTicket("INCIDENT", "API", "Password message " + System.nanoTime(), "AD and mail differ",
                "alice", "MEDIUM", "MEDIUM", null, Map.of(), "sla-level-listener-it"), admin);
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(opened.processInstanceId())
                .eventName("SlaLevelChanged").count()).isEqualTo(1);

        announceAt(at(5, 12, 0));
        assertThat(runtime.getVariable(opened.processInstanceId(), "slaLevel")).isEqualTo("YELLOW");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(opened.processInstanceId())
                .activityId("EndEvent_Warned").count()).isEqualTo(1);
        // nothing waits any more: the RED announcement leaves the process alone
        announceAt(at(6, 11, 12));
        assertThat(runtime.getVariable(opened.processInstanceId(), "slaLevel")).isEqualTo("YELLOW");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(opened.processInstanceId()).count())
                .isEqualTo(1);
    }

    /** Thursday + {@code days} at the local time, in Berlin. */
    private Instant at(int days, int hour, int minute) {
        return thursday.plusDays(days).atTime(hour, minute).atZone(BERLIN).toInstant();
    }

    private void announceAt(Instant now) {
        clock.pin(now);
        watch.announceDue(now);
    }

    private void assertSchedule(long id, Instant yellow, Instant red, Instant due) {
        Ticket t = tickets.findById(id).orElseThrow();
        assertThat(List.of(t.getSlaYellowAt(), t.getSlaRedAt(), t.getResolutionDue())).as("yellow, red, due")
                .containsExactly(yellow, red, due);
    }

    /** The level on the ticket page, and the one sla= filter of the search that finds it. */
    private void assertLevel(ApiClient agent, long id, String level) {
        Response page = agent.get("/api/tickets/" + id);
        assertThat(page.json("/sla/level").asText()).isEqualTo(level);
        String number = page.json("/number").asText();
        for (String filter : List.of("GREEN", "YELLOW", "RED", "BREACHED", "MET")) {
            Response found = agent.get("/api/tickets?q=" + number + "&sla=" + filter);
            assertThat(found.status()).as(found.raw()).isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            found.json("/items").forEach(item -> ids.add(item.get("id").asLong()));
            if (filter.equals(level)) {
                assertThat(ids).as("sla=" + filter).containsExactly(id);
            } else {
                assertThat(ids).as("sla=" + filter).doesNotContain(id);
            }
        }
    }

    private static List<String> types(ApiClient agent, long id) {
        List<String> types = new ArrayList<>();
        agent.get("/api/tickets/" + id + "/history").body().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private static List<JsonNode> events(ApiClient agent, long id, String type) {
        List<JsonNode> events = new ArrayList<>();
        agent.get("/api/tickets/" + id + "/history").body().forEach(e -> {
            if (type.equals(e.get("type").asText())) {
                events.add(e);
            }
        });
        return events;
    }
}
