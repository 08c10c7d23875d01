package dev.flowdesk.workflow.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.workflow.IncidentCopies;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 part 2 on PostgreSQL: 50 open incidents on version 1 — 15 waiting for the dispatcher, 20 being resolved
 * (SLA timer on the task), 15 waiting for the customer (reminder and auto-close timers) — and a version 2 in which
 * the dispatch task is renamed and the wait for the customer removed. The preview names exactly the tickets that
 * cannot move; the migration moves the others with their SLA timers as they were and records it on each ticket.
 */
class TicketMigrationIT extends PostgresEngineTest {

    private static final Set<String> WAIT_FOR_CUSTOMER = Set.of("Task_WaitForCustomer", "Timer_CustomerReminder",
            "Timer_CustomerSilent", "Task_RemindCustomer", "EndEvent_CustomerReminded", "EndEvent_ClosedWithoutReply",
            "Message_CustomerInputRequested");

    @Autowired
    TicketService ticketService;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;

    @Test
    void previewNamesTheUnmappableTicketsAndTheMigrationMovesTheOthersWithTheirTimers() {
        String key = IncidentCopies.newKey("incidentMig");
        String v1Xml = IncidentCopies.incidentAs(key);
        String v1 = IncidentCopies.deploy(as("dora"), "migration.bpmn", v1Xml);
        Map<Long, String> dispatch = open(key, 15, "dispatcher", "Printer offline ");
        Map<Long, String> resolve = open(key, 20, "service-desk", "VPN drops ");
        Map<Long, String> waiting = open(key, 15, "service-desk", "Laptop slow ");
        waiting.values().forEach(pid -> runtime.createMessageCorrelation("CustomerInputRequested")
                .processInstanceId(pid).correlate());
        Map<String, Instant> resolutionTimers = dueDates(resolve.values(), "Timer_ResolutionDue");
        Map<String, Instant> reminders = dueDates(waiting.values(), "Timer_CustomerReminder");
        Map<String, Instant> autoCloses = dueDates(waiting.values(), "Timer_CustomerSilent");
        assertThat(resolutionTimers).hasSize(20);
        assertThat(reminders).hasSize(15);
        assertThat(autoCloses).hasSize(15);

        String v2Xml = IncidentCopies.without(v1Xml.replace("Task_DispatchIncident", "Task_TriageIncident"),
                WAIT_FOR_CUSTOMER);
        String v2 = IncidentCopies.deploy(as("dora"), "migration.bpmn", v2Xml);

        // what is open on which version, and where
        Response open = as("dora").get("/api/processes/" + key + "/versions/open");
        assertThat(open.status()).as(open.raw()).isEqualTo(200);
        assertThat(open.json("/0/definitionId").asText()).isEqualTo(v2);
        assertThat(open.json("/0/openInstances").asLong()).isZero();
        assertThat(open.json("/1/definitionId").asText()).isEqualTo(v1);
        assertThat(open.json("/1/openInstances").asLong()).isEqualTo(50);
        assertThat(open.json("/1/activities/Task_DispatchIncident").asLong()).isEqualTo(15);
        assertThat(open.json("/1/activities/Task_ResolveIncident").asLong()).isEqualTo(20);
        assertThat(open.json("/1/activities/Task_WaitForCustomer").asLong()).isEqualTo(15);

        // the proposal (same ids): the renamed and the removed activity cannot be mapped
        Response proposed = as("dora").post("/api/processes/migrations/preview",
                Map.of("sourceDefinitionId", v1, "targetDefinitionId", v2));
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(200);
        Map<Long, JsonNode> outcomes = byTicket(proposed.body().get("tickets"));
        assertThat(outcomes).hasSize(50);
        Set<Long> unmappable = new HashSet<>(dispatch.keySet());
        unmappable.addAll(waiting.keySet());
        assertThat(ids(outcomes, "UNMAPPABLE")).isEqualTo(unmappable);
        assertThat(ids(outcomes, "MIGRATE")).isEqualTo(resolve.keySet());
        long aDispatch = dispatch.keySet().iterator().next();
        assertThat(outcomes.get(aDispatch).get("reason").asText()).contains("Task_DispatchIncident");
        long aWaiting = waiting.keySet().iterator().next();
        assertThat(outcomes.get(aWaiting).get("reason").asText()).contains("Task_WaitForCustomer");
        long aResolve = resolve.keySet().iterator().next();
        JsonNode resolveOutcome = outcomes.get(aResolve);
        assertThat(resolveOutcome.get("moves").toString())
                .contains("{\"sourceActivityId\":\"Task_ResolveIncident\",\"targetActivityId\":\"Task_ResolveIncident\"}");
        JsonNode timer = timer(resolveOutcome, "Timer_ResolutionDue");
        assertThat(timer.get("change").asText()).isEqualTo("KEPT");
        assertThat(Instant.parse(timer.get("dueDate").asText()))
                .isEqualTo(resolutionTimers.get(resolve.get(aResolve)));
        assertThat(proposed.json("/counts/MIGRATE").asLong()).isEqualTo(20);
        assertThat(proposed.json("/counts/UNMAPPABLE").asLong()).isEqualTo(30);

        // the designer maps the renamed task; a preview for some tickets (one unknown)
        Map<String, String> mapping = Map.of("Task_DispatchIncident", "Task_TriageIncident");
        Response some = as("dora").post("/api/processes/migrations/preview", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v2, "mapping", mapping, "ticketIds",
                List.of(aDispatch, aWaiting, aResolve, 987_654_321L)));
        assertThat(some.status()).as(some.raw()).isEqualTo(200);
        Map<Long, JsonNode> someOutcomes = byTicket(some.body().get("tickets"));
        assertThat(someOutcomes.get(aDispatch).get("outcome").asText()).isEqualTo("MIGRATE");
        assertThat(someOutcomes.get(aDispatch).get("moves").toString()).contains("Task_TriageIncident");
        assertThat(someOutcomes.get(aWaiting).get("outcome").asText()).isEqualTo("UNMAPPABLE");
        assertThat(someOutcomes.get(aResolve).get("outcome").asText()).isEqualTo("MIGRATE");
        assertThat(someOutcomes.get(987_654_321L).get("outcome").asText()).isEqualTo("UNMAPPABLE");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v1).count())
                .as("a preview changes nothing").isEqualTo(50);

        // Camunda's own plan validation answers 400 at the mapping: a receive task cannot become a user task
        Response incompatible = as("dora").post("/api/processes/migrations/preview", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v2, "mapping", Map.of("Task_WaitForCustomer", "Task_ResolveIncident")));
        assertThat(incompatible.status()).as(incompatible.raw()).isEqualTo(400);
        assertThat(incompatible.json("/errors/0/path").asText()).isEqualTo("mapping.Task_WaitForCustomer");

        // who may, and what is wrong with a request
        assertThat(as("bob").post("/api/processes/migrations/preview", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v2)).status()).isEqualTo(403);
        Response badMapping = as("dora").post("/api/processes/migrations/preview", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v2, "mapping", Map.of("Task_DispatchIncident", "Task_Nowhere")));
        assertThat(badMapping.status()).isEqualTo(400);
        assertThat(badMapping.contentType()).startsWith("application/problem+json");
        assertThat(badMapping.json("/errors/0/path").asText()).isEqualTo("mapping.Task_DispatchIncident");
        Response noTarget = as("dora").post("/api/processes/migrations", Map.of("sourceDefinitionId", v1));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.json("/errors/0/path").asText()).isEqualTo("targetDefinitionId");

        // the migration
        Response migrated = as("dora").post("/api/processes/migrations", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v2, "mapping", mapping));
        assertThat(migrated.status()).as(migrated.raw()).isEqualTo(200);
        Map<Long, JsonNode> done = byTicket(migrated.body().get("tickets"));
        Set<Long> moved = new HashSet<>(dispatch.keySet());
        moved.addAll(resolve.keySet());
        assertThat(ids(done, "MIGRATED")).isEqualTo(moved);
        assertThat(ids(done, "UNMAPPABLE")).isEqualTo(waiting.keySet());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v2).count()).isEqualTo(35);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(v1).count()).isEqualTo(15);

        // SLA timers stay due when the ticket's SLA says, now on version 2; the untouched tickets keep theirs
        resolve.forEach((ticketId, pid) -> {
            Job job = timerJob(pid, "Timer_ResolutionDue");
            assertThat(job.getProcessDefinitionId()).isEqualTo(v2);
            assertThat(job.getDuedate().toInstant()).isEqualTo(resolutionTimers.get(pid));
            Instant slaDue = Instant.parse(as("admin").get("/api/tickets/" + ticketId).json("/sla/resolutionDue")
                    .asText());
            assertThat(job.getDuedate().toInstant()).isEqualTo(slaDue.truncatedTo(ChronoUnit.MILLIS));
        });
        waiting.forEach((ticketId, pid) -> {
            assertThat(timerJob(pid, "Timer_CustomerReminder").getDuedate().toInstant())
                    .isEqualTo(reminders.get(pid));
            assertThat(timerJob(pid, "Timer_CustomerSilent").getProcessDefinitionId()).isEqualTo(v1);
            assertThat(timerJob(pid, "Timer_CustomerSilent").getDuedate().toInstant())
                    .isEqualTo(autoCloses.get(pid));
        });
        dispatch.values().forEach(pid -> assertThat(tasks.createTaskQuery().processInstanceId(pid).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_TriageIncident"));

        // each ticket's history records the move; the untouched ones have no such event
        assertThat(migrationEvents(aDispatch)).singleElement().satisfies(detail -> assertThat(detail)
                .contains("Task_DispatchIncident → Task_TriageIncident").contains("version 2"));
        assertThat(migrationEvents(aResolve)).singleElement().satisfies(detail -> assertThat(detail)
                .contains("Task_ResolveIncident"));
        assertThat(migrationEvents(aWaiting)).isEmpty();
        for (long ticketId : moved) {
            assertThat(migrationEvents(ticketId)).as("ticket " + ticketId).hasSize(1);
        }

        // a version whose wait for the customer no longer pauses the SLA clock: a paused ticket may not move there
        String v3 = IncidentCopies.deploy(as("dora"), "migration.bpmn", v1Xml.replaceFirst(
                java.util.regex.Pattern.quote("<camunda:property name=\"slaClock\" value=\"paused\" />"), ""));
        Response paused = as("dora").post("/api/processes/migrations/preview", Map.of("sourceDefinitionId", v1,
                "targetDefinitionId", v3, "ticketIds", List.of(aWaiting)));
        assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
        assertThat(paused.json("/tickets/0/outcome").asText()).isEqualTo("UNMAPPABLE");
        assertThat(paused.json("/tickets/0/reason").asText()).contains("Task_WaitForCustomer").contains("SLA clock");

        // a moved ticket goes on in version 2
        String pid = resolve.get(aResolve);
        tasks.complete(tasks.createTaskQuery().processInstanceId(pid).singleResult().getId(),
                Map.of("resolution", "Router firmware updated"));
        assertThat(runtime.getActiveActivityIds(pid)).containsExactly("Task_AwaitConfirmation");
    }

    private Map<Long, String> open(String key, int count, String queue, String subject) {
        Map<Long, String> opened = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long id = IncidentCopies.open(ticketService, key, subject + i, queue);
            opened.put(id, runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
                    .singleResult().getId());
        }
        return opened;
    }

    private Map<String, Instant> dueDates(java.util.Collection<String> pids, String timerId) {
        Map<String, Instant> due = new HashMap<>();
        pids.forEach(pid -> due.put(pid, timerJob(pid, timerId).getDuedate().toInstant()));
        return due;
    }

    private Job timerJob(String pid, String timerId) {
        return management.createJobQuery().processInstanceId(pid).activityId(timerId).timers().singleResult();
    }

    private List<String> migrationEvents(long ticketId) {
        List<String> details = new ArrayList<>();
        for (JsonNode event : as("admin").get("/api/tickets/" + ticketId + "/history").body()) {
            if (event.get("type").asText().equals("PROCESS_MIGRATED")) {
                details.add(event.get("detail").asText());
            }
        }
        return details;
    }

    private static JsonNode timer(JsonNode outcome, String timerId) {
        for (JsonNode timer : outcome.get("timers")) {
            if (timer.get("timerId").asText().equals(timerId)) {
                return timer;
            }
        }
        throw new AssertionError("no timer " + timerId + " in " + outcome);
    }

    private static Map<Long, JsonNode> byTicket(JsonNode tickets) {
        Map<Long, JsonNode> map = new HashMap<>();
        tickets.forEach(t -> map.put(t.get("ticketId").asLong(), t));
        return map;
    }

    private static Set<Long> ids(Map<Long, JsonNode> outcomes, String outcome) {
        Set<Long> ids = new HashSet<>();
        outcomes.forEach((id, node) -> {
            if (node.get("outcome").asText().equals(outcome)) {
                ids.add(id);
            }
        });
        return ids;
    }
}
