package dev.flowdesk.workflow;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Designers deploy BPMN at run time; the linter refuses what would let a model program the server. */
class ProcessDeploymentIT extends PostgresEngineTest {

    @Autowired
    DeploymentLinter linter;

    @Test
    void everyShippedModelPassesTheLinterAgainstTheRealBeansAndForms() throws IOException {
        Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn");
        assertThat(models).isNotEmpty();
        for (Resource model : models) {
            var result = linter.lint(model.getContentAsByteArray());
            assertThat(result.problems()).as(model.getFilename()).isEmpty();
        }
    }

    @Test
    void aCleanModelDeploysAsANewVersion() {
        ApiClient dora = as("dora");
        Response first = dora.postFile("/api/processes", "file", "triage.bpmn", model("Triage", "").getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        Response second = dora.postFile("/api/processes", "file", "triage.bpmn",
                model("Triage again", "").getBytes(StandardCharsets.UTF_8));
        assertThat(second.status()).as(second.raw()).isEqualTo(201);
        assertThat(second.json("/processes/0/version").asInt()).isEqualTo(first.json("/processes/0/version").asInt() + 1);

        Response list = dora.get("/api/processes");
        List<String> keys = new ArrayList<>();
        list.body().forEach(p -> keys.add(p.get("key").asText()));
        assertThat(keys).contains("incident", "Process_Triage");
        String id = second.json("/processes/0/id").asText();
        ApiClient.Response xml = dora.get("/api/processes/" + id + "/xml");
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.raw()).contains("Triage again");
        assertThat(as("bob").get("/api/processes").status()).isEqualTo(403);
        assertThat(as("bob").postFile("/api/processes", "file", "t.bpmn", model("x", "").getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(403);
    }

    @Test
    void unsafeOrBrokenModelsAreRefusedWithTheElementId() {
        assertRefused(model("Triage", """
                <bpmn:scriptTask id="Task_Script" name="Run script" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"""),
                "Task_Script", "script tasks are not allowed");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Class" name="Call class" camunda:class="java.lang.Runtime"/>"""),
                "Task_Class", "a Java class (class / camunda:class) is not allowed");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Unknown" name="Call bean" camunda:delegateExpression="${noSuchBean}"/>"""),
                "Task_Unknown", "no Flowdesk delegate bean named 'noSuchBean'");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Expr" name="Evaluate" camunda:expression="${execution.getProcessEngine()}"/>"""),
                "Task_Expr", "camunda:expression is not allowed");
        assertRefused(model("Triage", """
                <bpmn:userTask id="Task_Form" name="Fill" camunda:formKey="formio:no-such-form" camunda:candidateGroups="service-desk"/>"""),
                "Task_Form", "no form 'no-such-form'");
        assertRefused(model("Triage", """
                <bpmn:userTask id="Task_Group" name="Fill" camunda:candidateGroups="${identityService.toString()}"/>"""),
                "Task_Group", "'identityService' is a server component");

        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Io" name="Notify" camunda:delegateExpression="${notify}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="x">${identityService.createMembership('dora','camunda-admin')}</camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_Io", "'identityService' is a server component");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Listener" name="Notify" camunda:delegateExpression="${notify}">
                  <bpmn:extensionElements>
                    <camunda:executionListener class="java.lang.ProcessBuilder" event="start"/>
                  </bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_Listener", "Java class");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Field" name="Notify" camunda:delegateExpression="${notify}">
                  <bpmn:extensionElements><camunda:field name="template">
                    <camunda:expression>${execution.getProcessEngineServices()}</camunda:expression>
                  </camunda:field></bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_Field", "'execution' is an engine object");
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_Bean" name="Reach the identity service" camunda:delegateExpression="${identityService}"/>"""),
                "Task_Bean", "not a delegate");

        Response notXml = as("dora").postFile("/api/processes", "file", "x.bpmn", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notXml.status()).isEqualTo(400);
        assertThat(notXml.json("/errors/0/path").asText()).isEqualTo("file");
        String noTtl = model("Triage", "").replace(" camunda:historyTimeToLive=\"P30D\"", "");
        assertRefused(noTtl, "Process_Triage", "history time-to-live");
    }

    @Test
    void theUnicodeWhitespaceProbeIsRefusedAndNeverRuns(@TempDir Path tmp) {
        // given: issue 8's probe — method calls hidden from a regex by U+2003 EM SPACE before each "("
        Path marker = tmp.resolve("probe");
        String condition = "${''.getClass\u2003().forName\u2003('java.lang.Runtime').getMethod\u2003('getRuntime')"
                + ".invoke\u2003(null).exec\u2003('touch " + marker + "') != null}";
        String gateway = """
                <bpmn:exclusiveGateway id="Gateway_Probe" name="Probe?" default="Flow_Probe_No"/>
                <bpmn:endEvent id="EndEvent_Probe" name="Probed"/>
                <bpmn:sequenceFlow id="Flow_Probe_In" sourceRef="StartEvent_Triage" targetRef="Gateway_Probe"/>
                <bpmn:sequenceFlow id="Flow_Probe_Yes" name="yes" sourceRef="Gateway_Probe" targetRef="EndEvent_Probe">
                  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">CONDITION</bpmn:conditionExpression>
                </bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="Flow_Probe_No" name="no" sourceRef="Gateway_Probe" targetRef="EndEvent_Probe"/>"""
                .replace("CONDITION", condition);

        // when / then: refused, naming the flow that carries the condition and the refused call
        assertRefused(model("Probe", gateway), "Flow_Probe_Yes", "method calls");
        assertThat(marker).doesNotExist();
    }

    @Test
    void scriptAndFeelConditionsAreRefusedWithTheElementId() {
        for (String language : List.of("feel", "javascript", "groovy", "juel")) {
            assertRefused(model("Triage", """
                    <bpmn:exclusiveGateway id="Gateway_Lang" name="Which?"/>
                    <bpmn:endEvent id="EndEvent_Lang" name="Done"/>
                    <bpmn:sequenceFlow id="Flow_Lang" name="yes" sourceRef="Gateway_Lang" targetRef="EndEvent_Lang">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="LANG">for x in 1..1000000 return x</bpmn:conditionExpression>
                    </bpmn:sequenceFlow>""".replace("LANG", language)), "Flow_Lang", "language=\"" + language + "\"' is not allowed");
        }
        assertRefused(model("Triage", """
                <bpmn:serviceTask id="Task_IoScript" name="Notify" camunda:delegateExpression="${notify}">
                  <bpmn:extensionElements><camunda:inputOutput>
                    <camunda:inputParameter name="x"><camunda:script scriptFormat="javascript">java.lang.Runtime.getRuntime()</camunda:script></camunda:inputParameter>
                  </camunda:inputOutput></bpmn:extensionElements>
                </bpmn:serviceTask>"""), "Task_IoScript", "scripts (camunda:script) are not allowed");
        assertRefused(model("Triage", """
                <bpmn:userTask id="Task_Chain" name="Fill" camunda:candidateGroups="${execution.processEngine.identityService}"/>"""),
                "Task_Chain", "'execution' is an engine object");
        assertRefused(model("Triage", """
                <bpmn:userTask id="Task_Parse" name="Fill" camunda:assignee="${requester"/>"""),
                "Task_Parse", "is not a valid expression");
    }

    @Test
    void bpmnlintRecommendedErrorsAreRefusedWithTheElementIdAndTheRuleName() {
        // given: Gateway_JoinFork merges two ways and splits into two (issue 17)
        String joinFork = """
                <bpmn:parallelGateway id="Gateway_Split" name="Split"/>
                <bpmn:task id="Task_A" name="A"/><bpmn:task id="Task_B" name="B"/>
                <bpmn:parallelGateway id="Gateway_JoinFork" name="Join and fork"/>
                <bpmn:endEvent id="EndEvent_Other" name="Other end"/>
                <bpmn:sequenceFlow id="Flow_J1" sourceRef="Gateway_Split" targetRef="Task_A"/>
                <bpmn:sequenceFlow id="Flow_J2" sourceRef="Gateway_Split" targetRef="Task_B"/>
                <bpmn:sequenceFlow id="Flow_J3" sourceRef="Task_A" targetRef="Gateway_JoinFork"/>
                <bpmn:sequenceFlow id="Flow_J4" sourceRef="Task_B" targetRef="Gateway_JoinFork"/>
                <bpmn:sequenceFlow id="Flow_J5" sourceRef="Gateway_JoinFork" targetRef="EndEvent_Triaged"/>
                <bpmn:sequenceFlow id="Flow_J6" sourceRef="Gateway_JoinFork" targetRef="EndEvent_Other"/>""";

        // when / then: 400 naming the gateway and the bpmnlint rule, and the other recommended errors on the way
        assertRefused(model("Triage", joinFork), "Gateway_JoinFork", "Gateway forks and joins (bpmnlint: no-gateway-join-fork)");
        assertRefused(model("Triage", joinFork), "Gateway_Split", "Element is an implicit start (bpmnlint: no-implicit-start)");
        assertRefused(model("Triage", """
                <bpmn:task id="Task_Alone" name="Alone"/>"""), "Task_Alone", "(bpmnlint: no-disconnected)");
        assertRefused(model("Triage", """
                <bpmn:sequenceFlow id="Flow_Twice" sourceRef="Task_Triage" targetRef="EndEvent_Triaged"/>"""),
                "Task_Triage", "Flow splits implicitly (bpmnlint: no-implicit-split)");
    }

    @Test
    void bpmnlintRecommendedWarningsDeployAndComeBackWithTheDeployment() {
        // given: a gateway with one way in and one way out (superfluous-gateway is a warning in recommended)
        String bpmn = model("Triage with a pass", """
                <bpmn:exclusiveGateway id="Gateway_Pass" name="Pass"/>
                <bpmn:sequenceFlow id="Flow_Pass" sourceRef="Gateway_Pass" targetRef="EndEvent_Triaged"/>""")
                .replace("sourceRef=\"Task_Triage\" targetRef=\"EndEvent_Triaged\"",
                        "sourceRef=\"Task_Triage\" targetRef=\"Gateway_Pass\"");

        // when
        Response deployed = as("dora").postFile("/api/processes", "file", "pass.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(deployed.status()).as(deployed.raw()).isEqualTo(201);
        List<String> warnings = new ArrayList<>();
        deployed.body().path("warnings").forEach(w -> warnings.add(w.get("path").asText() + ": " + w.get("message").asText()));
        assertThat(warnings).contains("Gateway_Pass: Gateway is superfluous. It only has one source and target. "
                + "(bpmnlint: superfluous-gateway)");
    }

    @Test
    void aUserTaskOfferedToNobodyIsRefused() {
        assertRefused(model("Triage", """
                <bpmn:userTask id="Task_Nobody" name="Nobody's"/>"""),
                "Task_Nobody", "User task has no candidate groups (camunda:candidateGroups) nor assignee "
                        + "(bpmnlint: flowdesk/candidate-groups)");
    }

    private void assertRefused(String bpmn, String elementId, String message) {
        Response refused = as("dora").postFile("/api/processes", "file", "bad.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        List<String> found = new ArrayList<>();
        refused.body().path("errors").forEach(e -> found.add(e.get("path").asText() + ": " + e.get("message").asText()));
        assertThat(found).as(refused.raw()).anySatisfy(f -> assertThat(f).startsWith(elementId + ": ").contains(message));
    }

    private static String model(String name, String extraElement) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Triage"
                    targetNamespace="https://flowdesk.dev/test">
                  <bpmn:process id="Process_Triage" name="NAME" isExecutable="true" camunda:historyTimeToLive="P30D">
                    <bpmn:startEvent id="StartEvent_Triage" name="Triage requested"/>
                    EXTRA
                    <bpmn:userTask id="Task_Triage" name="Triage" camunda:candidateGroups="dispatcher"
                        camunda:formKey="formio:resolve-incident"/>
                    <bpmn:endEvent id="EndEvent_Triaged" name="Triaged"/>
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Triage" targetRef="Task_Triage"/>
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Triage" targetRef="EndEvent_Triaged"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.replace("NAME", name).replace("EXTRA", extraElement).strip();
    }
}
