package dev.flowdesk.workflow.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.workflow.IncidentCopies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 part 4: a dry run of the shipped incident model with the facts of a P1 takes the major-incident branch,
 * shows the rules that fired and the notification that would go out, and leaves nothing behind: no ticket, no
 * process, no deployment, no outbox row (mail leaves only through the outbox, after a commit).
 */
class DryRunIT extends PostgresEngineTest {

    private static final List<String> TABLES = List.of("ticket", "audit_event", "mail_outbox", "inbox_entry",
            "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF", "ACT_RU_EXECUTION", "ACT_RU_JOB", "ACT_RU_TASK",
            "ACT_HI_PROCINST", "ACT_HI_ACTINST");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theIncidentModelWithP1FactsTakesTheMajorIncidentBranchAndStoresNothing() {
        String model = IncidentCopies.incidentAs("incident");
        Map<String, Long> before = counts();

        Response run = as("dora").post("/api/processes/dry-run", Map.of("bpmn", model,
                "facts", Map.of("subject", "Whole office offline", "description", "no network on any floor",
                        "impact", "HIGH", "urgency", "HIGH"),
                "formValues", Map.of("Task_ResolveIncident", Map.of("resolution", "Core switch replaced"),
                        "Task_DispatchIncident", Map.of("queue", "network"))));
        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(run.json("/error").isNull()).as(run.raw()).isTrue();
        assertThat(run.json("/decision/priority").asText()).isEqualTo("P1");
        assertThat(run.json("/rulesFired").size()).isPositive();
        List<String> path = texts(run.json("/path"));
        assertThat(path).containsSubsequence("StartEvent_IncidentReported", "Gateway_MajorIncident",
                "Gateway_MajorIncidentFork", "Task_NotifyMajorIncidentGroup", "Task_OpenProblemCandidate",
                "EndEvent_MajorIncidentRaised");
        assertThat(path).containsSubsequence("Gateway_MajorIncidentFork", "Gateway_DispatchMerge",
                "Task_ResolveIncident", "Task_AwaitConfirmation", "Timer_AutoClose", "EndEvent_IncidentAutoClosed");
        assertThat(run.json("/ended").asBoolean()).isTrue();
        List<String> templates = new ArrayList<>();
        run.json("/notifications").forEach(n -> templates.add(n.get("template").asText()));
        assertThat(templates).contains("major-incident");
        List<String> actions = new ArrayList<>();
        run.json("/actions").forEach(a -> actions.add(a.get("kind").asText() + " " + a.get("activityId").asText()));
        assertThat(actions).contains("ASYNC_STEP Task_NotifyMajorIncidentGroup",
                "TASK_COMPLETED Task_ResolveIncident", "TIMER_FIRED Timer_AutoClose");

        assertThat(counts()).as("nothing stored").isEqualTo(before);

        // the same model with a P4's facts skips the branch
        Response minor = as("dora").post("/api/processes/dry-run", Map.of("bpmn", model,
                "facts", Map.of("subject", "Mouse squeaks", "impact", "LOW", "urgency", "LOW")));
        assertThat(minor.status()).as(minor.raw()).isEqualTo(200);
        assertThat(texts(minor.json("/path"))).doesNotContain("Gateway_MajorIncidentFork")
                .contains("Task_ResolveIncident");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void onlyDesignersRunLintedModels() {
        String model = IncidentCopies.incidentAs("incident");
        assertThat(as("bob").post("/api/processes/dry-run", Map.of("bpmn", model)).status()).isEqualTo(403);
        Response missing = as("dora").post("/api/processes/dry-run", Map.of("facts", Map.of()));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json("/errors/0/path").asText()).isEqualTo("bpmn");
        String scripted = model.replace("<bpmn:serviceTask id=\"Task_RouteIncident\" name=\"Route to the chosen queue\""
                + " camunda:delegateExpression=\"${routeTicket}\">", "<bpmn:scriptTask id=\"Task_RouteIncident\" "
                + "name=\"Route to the chosen queue\" scriptFormat=\"groovy\">")
                .replace("<bpmn:outgoing>Flow_Dispatched</bpmn:outgoing>\n    </bpmn:serviceTask>",
                        "<bpmn:outgoing>Flow_Dispatched</bpmn:outgoing>\n      <bpmn:script>1</bpmn:script>\n    </bpmn:scriptTask>");
        assertThat(scripted).contains("scriptTask");
        Response refused = as("dora").post("/api/processes/dry-run", Map.of("bpmn", scripted));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.raw()).contains("Task_RouteIncident");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(t -> counts.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class)));
        return counts;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
