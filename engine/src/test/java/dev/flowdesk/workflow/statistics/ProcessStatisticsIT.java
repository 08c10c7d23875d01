package dev.flowdesk.workflow.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.workflow.IncidentCopies;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 part 3: the heat-map figures of a model equal what its history says, on a data set whose paths the test
 * drove itself: 4 incidents wait for the dispatcher, 6 went straight to the resolver queue; of those 2 were resolved
 * and wait for confirmation, 1 waits for the customer (its resolve task cancelled by the request), 3 are in work.
 */
class ProcessStatisticsIT extends PostgresEngineTest {

    @Autowired
    TicketService ticketService;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;

    @Test
    void heatMapFiguresEqualTheHistoryOfAKnownDataSet() {
        String key = IncidentCopies.newKey("incidentStats");
        String definitionId = IncidentCopies.deploy(as("dora"), "stats.bpmn", IncidentCopies.incidentAs(key));
        List<String> routed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            IncidentCopies.open(ticketService, key, "Printer jam " + i, "dispatcher");
        }
        for (int i = 0; i < 6; i++) {
            long id = IncidentCopies.open(ticketService, key, "Screen flickers " + i, "service-desk");
            routed.add(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(id))
                    .singleResult().getId());
        }
        for (String pid : routed.subList(0, 2)) {
            tasks.complete(tasks.createTaskQuery().processInstanceId(pid).singleResult().getId(),
                    Map.of("resolution", "Cable replaced"));
        }
        runtime.createMessageCorrelation("CustomerInputRequested").processInstanceId(routed.get(2)).correlate();

        Response response = as("dora").get("/api/processes/" + definitionId + "/statistics");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        Map<String, JsonNode> activities = byId(response.body().get("activities"), "activityId");
        Map<String, JsonNode> flows = byId(response.body().get("flows"), "flowId");

        // what the test drove
        assertCounts(activities.get("Task_DispatchIncident"), 4, 0, 0);
        assertCounts(activities.get("Task_ResolveIncident"), 3, 3, 1);
        assertCounts(activities.get("Task_AwaitConfirmation"), 2, 0, 0);
        assertCounts(activities.get("Task_WaitForCustomer"), 1, 0, 0);
        assertCounts(activities.get("StartEvent_IncidentReported"), 0, 10, 0);
        assertThat(activities).doesNotContainKey("Task_NotifyMajorIncidentGroup");
        assertThat(taken(flows, "Flow_ToDispatcher")).isEqualTo(4);
        assertThat(taken(flows, "Flow_RoutedByRules")).isEqualTo(6);
        assertThat(taken(flows, "Flow_NoMajorIncident")).isEqualTo(10);
        assertThat(taken(flows, "Flow_MajorIncident")).isZero();
        assertThat(taken(flows, "Flow_ToResolve")).isEqualTo(6);
        assertThat(taken(flows, "Flow_ToResolved")).isEqualTo(2);
        assertThat(taken(flows, "Flow_ToWaitForCustomer")).isEqualTo(1);
        assertThat(taken(flows, "Flow_ToAwaitConfirmation")).isEqualTo(2);
        assertThat(taken(flows, "Flow_ResolvedByProblem")).isZero();
        assertThat(taken(flows, "Flow_CustomerReplied")).isZero();

        // every activity's figures equal those computed here from the engine's history
        Map<String, List<HistoricActivityInstance>> instances = history.createHistoricActivityInstanceQuery()
                .processDefinitionId(definitionId).list().stream()
                .collect(Collectors.groupingBy(HistoricActivityInstance::getActivityId));
        assertThat(activities.keySet()).isEqualTo(instances.keySet());
        instances.forEach((activityId, list) -> {
            JsonNode figures = activities.get(activityId);
            List<Long> durations = list.stream().filter(a -> a.getEndTime() != null)
                    .map(HistoricActivityInstance::getDurationInMillis).sorted().toList();
            assertThat(figures.get("active").asLong()).as(activityId)
                    .isEqualTo(list.stream().filter(a -> a.getEndTime() == null).count());
            assertThat(figures.get("completed").asLong()).as(activityId).isEqualTo(durations.size());
            assertThat(figures.get("cancelled").asLong()).as(activityId)
                    .isEqualTo(list.stream().filter(HistoricActivityInstance::isCanceled).count());
            if (durations.isEmpty()) {
                assertThat(figures.get("meanMillis").isNull()).as(activityId).isTrue();
                assertThat(figures.get("p90Millis").isNull()).as(activityId).isTrue();
            } else {
                double mean = durations.stream().mapToLong(Long::longValue).average().orElseThrow();
                assertThat(figures.get("meanMillis").asLong()).as(activityId).isEqualTo(Math.round(mean));
                assertThat(figures.get("p90Millis").asLong()).as(activityId).isEqualTo(Math.round(p90(durations)));
            }
        });

        // a period that has not begun yet: nothing ended or entered in it, the tickets in work are still there
        String future = URLEncoder.encode(java.time.Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8);
        Map<String, JsonNode> later = byId(as("dora").get("/api/processes/" + definitionId + "/statistics?from="
                + future).body().get("activities"), "activityId");
        assertCounts(later.get("Task_ResolveIncident"), 3, 0, 0);
        assertThat(later.get("Task_ResolveIncident").get("started").asLong()).isZero();

        // the tickets in an activity, longest waiting first
        Response inDispatch = as("dora").get("/api/processes/" + definitionId
                + "/activities/Task_DispatchIncident/tickets?size=3");
        assertThat(inDispatch.status()).as(inDispatch.raw()).isEqualTo(200);
        assertThat(inDispatch.json("/total").asLong()).isEqualTo(4);
        assertThat(inDispatch.json("/items").size()).isEqualTo(3);
        assertThat(inDispatch.json("/items/0/number").asText()).startsWith("FD-");
        assertThat(inDispatch.json("/items/0/subject").isNull()).as("dora may not see alice's ticket").isTrue();
        assertThat(as("admin").get("/api/processes/" + definitionId
                + "/activities/Task_DispatchIncident/tickets").json("/items/0/subject").asText())
                .isEqualTo("Printer jam 0");

        // who may ask, and what is wrong with a request
        assertThat(as("bob").get("/api/processes/" + definitionId + "/statistics").status()).isEqualTo(403);
        assertThat(as("dora").get("/api/processes/nope:1:1/statistics").status()).isEqualTo(404);
        Response bad = as("dora").get("/api/processes/" + definitionId + "/statistics?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.raw()).contains("from");
    }

    private static void assertCounts(JsonNode activity, long active, long completed, long cancelled) {
        assertThat(activity).isNotNull();
        assertThat(activity.get("active").asLong()).as(activity.toString()).isEqualTo(active);
        assertThat(activity.get("completed").asLong()).as(activity.toString()).isEqualTo(completed);
        assertThat(activity.get("cancelled").asLong()).as(activity.toString()).isEqualTo(cancelled);
    }

    private static long taken(Map<String, JsonNode> flows, String id) {
        JsonNode flow = flows.get(id);
        assertThat(flow).as(id).isNotNull();
        assertThat(flow.get("taken").isNull()).as(id + " is known").isFalse();
        return flow.get("taken").asLong();
    }

    /** The continuous percentile as SQL's PERCENTILE_CONT defines it: linear between the two nearest ranks. */
    private static double p90(List<Long> sorted) {
        double rank = 0.9 * (sorted.size() - 1);
        int lower = (int) Math.floor(rank);
        int upper = (int) Math.ceil(rank);
        return sorted.get(lower) + (rank - lower) * (sorted.get(upper) - sorted.get(lower));
    }

    private static Map<String, JsonNode> byId(JsonNode array, String field) {
        Map<String, JsonNode> map = new HashMap<>();
        array.forEach(node -> map.put(node.get(field).asText(), node));
        return map;
    }
}
