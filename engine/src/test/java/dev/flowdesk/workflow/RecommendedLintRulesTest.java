package dev.flowdesk.workflow;

import dev.flowdesk.workflow.RecommendedLintRules.Finding;
import dev.flowdesk.workflow.RecommendedLintRules.Severity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.flowdesk.workflow.RecommendedLintRules.Severity.ERROR;
import static dev.flowdesk.workflow.RecommendedLintRules.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of bpmnlint's {@code recommended} set that the server checks, on the smallest model that breaks it; the
 * expected rule names, severities and messages are bpmnlint 11.15's (its {@code config/recommended.js} and
 * {@code rules/*.js}), so the server says what the modeler's issues panel says.
 */
class RecommendedLintRulesTest {

    private static final String START = "<bpmn:startEvent id=\"StartEvent_1\" name=\"Start\"/>";
    private static final String END = "<bpmn:endEvent id=\"EndEvent_1\" name=\"End\"/>";

    @Test
    void aGatewayThatJoinsAndForksIsAnError() {
        // given: Gateway_JoinFork merges two tasks and splits to two ends
        String body = """
                <bpmn:startEvent id="StartEvent_1" name="Start"/>
                <bpmn:parallelGateway id="Gateway_Split" name="Split"/>
                <bpmn:task id="Task_A" name="A"/><bpmn:task id="Task_B" name="B"/>
                <bpmn:parallelGateway id="Gateway_JoinFork" name="Join and fork"/>
                <bpmn:endEvent id="EndEvent_1" name="End 1"/><bpmn:endEvent id="EndEvent_2" name="End 2"/>
                """ + flow("Flow_1", "StartEvent_1", "Gateway_Split") + flow("Flow_2", "Gateway_Split", "Task_A")
                + flow("Flow_3", "Gateway_Split", "Task_B") + flow("Flow_4", "Task_A", "Gateway_JoinFork")
                + flow("Flow_5", "Task_B", "Gateway_JoinFork") + flow("Flow_6", "Gateway_JoinFork", "EndEvent_1")
                + flow("Flow_7", "Gateway_JoinFork", "EndEvent_2");

        // when / then
        assertThat(check(body)).containsExactly(
                new Finding("no-gateway-join-fork", ERROR, "Gateway_JoinFork", "Gateway forks and joins"));
    }

    @Test
    void aProcessWithoutStartOrEndEventIsAnError() {
        assertThat(check(END)).contains(finding("start-event-required", ERROR, "Process_Lint", "Process is missing start event"));
        assertThat(check(START)).contains(finding("end-event-required", ERROR, "Process_Lint", "Process is missing end event"));
    }

    @Test
    void twoBlankStartEventsAreAnError() {
        String body = START + "<bpmn:startEvent id=\"StartEvent_2\" name=\"Other start\"/>" + END
                + flow("Flow_1", "StartEvent_1", "EndEvent_1") + flow("Flow_2", "StartEvent_2", "EndEvent_1");
        assertThat(check(body)).contains(finding("single-blank-start-event", ERROR, "Process_Lint",
                "Process has multiple blank start events"));
    }

    @Test
    void anEventSubProcessStartsOnAnEventAndAnEmbeddedOneBlank() {
        String body = START + END + flow("Flow_1", "StartEvent_1", "EndEvent_1") + """
                <bpmn:subProcess id="SubProcess_Event" name="On event" triggeredByEvent="true">
                  <bpmn:startEvent id="StartEvent_Blank" name="Blank"/>
                  <bpmn:endEvent id="EndEvent_Event" name="Handled"/>
                  <bpmn:sequenceFlow id="Flow_E" sourceRef="StartEvent_Blank" targetRef="EndEvent_Event"/>
                </bpmn:subProcess>""";
        assertThat(check(body)).contains(finding("event-sub-process-typed-start-event", ERROR, "StartEvent_Blank",
                "Start event is missing event definition"));

        String embedded = START + END + flow("Flow_1", "StartEvent_1", "SubProcess_Embedded")
                + flow("Flow_2", "SubProcess_Embedded", "EndEvent_1") + """
                <bpmn:subProcess id="SubProcess_Embedded" name="Embedded">
                  <bpmn:startEvent id="StartEvent_Timer" name="Timer"><bpmn:timerEventDefinition/></bpmn:startEvent>
                  <bpmn:endEvent id="EndEvent_Embedded" name="Done"/>
                  <bpmn:sequenceFlow id="Flow_S" sourceRef="StartEvent_Timer" targetRef="EndEvent_Embedded"/>
                </bpmn:subProcess>""";
        assertThat(check(embedded)).contains(finding("sub-process-blank-start-event", ERROR, "StartEvent_Timer",
                "Start event must be blank"));
    }

    @Test
    void anEventBasedGatewayNeedsTwoUnconditionalWays() {
        String body = START + END + "<bpmn:eventBasedGateway id=\"Gateway_Event\" name=\"Which event?\"/>"
                + flow("Flow_1", "StartEvent_1", "Gateway_Event") + flow("Flow_2", "Gateway_Event", "EndEvent_1");
        assertThat(check(body)).contains(finding("event-based-gateway", ERROR, "Gateway_Event",
                "An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>"));
    }

    @Test
    void complexGatewaysAreAnErrorAndInclusiveOnesAWarning() {
        String complex = START + END + "<bpmn:complexGateway id=\"Gateway_Complex\" name=\"Complex\"/>"
                + flow("Flow_1", "StartEvent_1", "Gateway_Complex") + flow("Flow_2", "Gateway_Complex", "EndEvent_1");
        assertThat(check(complex)).contains(finding("no-complex-gateway", ERROR, "Gateway_Complex",
                "Element type <bpmn:ComplexGateway> is discouraged"));
        String inclusive = complex.replace("complexGateway", "inclusiveGateway");
        assertThat(check(inclusive)).contains(finding("no-inclusive-gateway", WARNING, "Gateway_Complex",
                "Element type <bpmn:InclusiveGateway> is discouraged"));
    }

    @Test
    void aGatewayWithOneWayInAndOutIsSuperfluous() {
        String body = START + END + "<bpmn:exclusiveGateway id=\"Gateway_Pass\" name=\"Pass\"/>"
                + flow("Flow_1", "StartEvent_1", "Gateway_Pass") + flow("Flow_2", "Gateway_Pass", "EndEvent_1");
        assertThat(check(body)).containsExactly(finding("superfluous-gateway", WARNING, "Gateway_Pass",
                "Gateway is superfluous. It only has one source and target."));
    }

    @Test
    void aTaskThatSplitsOrJoinsWithoutAGatewayIsReported() {
        String body = START + END + "<bpmn:task id=\"Task_Split\" name=\"Split\"/>"
                + "<bpmn:endEvent id=\"EndEvent_2\" name=\"End 2\"/>"
                + flow("Flow_1", "StartEvent_1", "Task_Split") + flow("Flow_2", "Task_Split", "EndEvent_1")
                + flow("Flow_3", "Task_Split", "EndEvent_2") + flow("Flow_4", "StartEvent_1", "EndEvent_2");
        List<Finding> findings = check(body);
        assertThat(findings).contains(finding("no-implicit-split", ERROR, "Task_Split", "Flow splits implicitly"));
        assertThat(findings).contains(finding("no-implicit-split", ERROR, "StartEvent_1", "Flow splits implicitly"));
        assertThat(findings).contains(finding("fake-join", WARNING, "EndEvent_2", "Incoming flows do not join"));
    }

    @Test
    void aConditionalForkNeedsAConditionOrTheDefaultOnEveryWay() {
        String body = START + END + "<bpmn:endEvent id=\"EndEvent_2\" name=\"End 2\"/>"
                + "<bpmn:exclusiveGateway id=\"Gateway_Ok\" name=\"Ok?\"/>"
                + flow("Flow_1", "StartEvent_1", "Gateway_Ok")
                + "<bpmn:sequenceFlow id=\"Flow_Yes\" name=\"yes\" sourceRef=\"Gateway_Ok\" targetRef=\"EndEvent_1\">"
                + "<bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>"
                + "<bpmn:sequenceFlow id=\"Flow_No\" name=\"no\" sourceRef=\"Gateway_Ok\" targetRef=\"EndEvent_2\"/>";
        assertThat(check(body)).containsExactly(finding("conditional-flows", ERROR, "Flow_No", "Sequence flow is missing condition"));
        assertThat(check(body.replace("name=\"Ok?\"", "name=\"Ok?\" default=\"Flow_No\""))).isEmpty();
    }

    @Test
    void anEventHasOneDefinition() {
        String body = START + flow("Flow_1", "StartEvent_1", "EndEvent_Two") + """
                <bpmn:endEvent id="EndEvent_Two" name="Two"><bpmn:messageEventDefinition/><bpmn:signalEventDefinition/></bpmn:endEvent>""";
        assertThat(check(body)).contains(finding("single-event-definition", ERROR, "EndEvent_Two",
                "Event has multiple event definitions"));
    }

    @Test
    void everyElementIsConnectedAndStartsAndEndsExplicitly() {
        String body = START + END + flow("Flow_1", "StartEvent_1", "EndEvent_1")
                + "<bpmn:task id=\"Task_Alone\" name=\"Alone\"/>"
                + "<bpmn:task id=\"Task_NoIn\" name=\"No way in\"/><bpmn:task id=\"Task_NoOut\" name=\"No way out\"/>"
                + flow("Flow_2", "Task_NoIn", "Task_NoOut");
        List<Finding> findings = check(body);
        assertThat(findings).contains(finding("no-disconnected", ERROR, "Task_Alone", "Element is not connected"),
                finding("no-implicit-start", ERROR, "Task_NoIn", "Element is an implicit start"),
                finding("no-implicit-end", ERROR, "Task_NoOut", "Element is an implicit end"));
    }

    @Test
    void forkingGatewaysTasksAndConditionalFlowsHaveLabels() {
        String body = START + END + "<bpmn:task id=\"Task_Unnamed\"/>" + flow("Flow_1", "StartEvent_1", "Task_Unnamed")
                + "<bpmn:sequenceFlow id=\"Flow_If\" sourceRef=\"Task_Unnamed\" targetRef=\"EndEvent_1\">"
                + "<bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>";
        assertThat(check(body)).contains(finding("label-required", ERROR, "Task_Unnamed", "Element is missing label/name"),
                finding("label-required", ERROR, "Flow_If", "Element is missing label/name"));
    }

    @Test
    void aDuplicateSequenceFlowIsReportedWithItsEnds() {
        String body = START + END + flow("Flow_1", "StartEvent_1", "EndEvent_1") + flow("Flow_2", "StartEvent_1", "EndEvent_1");
        assertThat(check(body)).contains(finding("no-duplicate-sequence-flows", ERROR, "Flow_2", "SequenceFlow is a duplicate"),
                finding("no-duplicate-sequence-flows", ERROR, "StartEvent_1", "Duplicate outgoing sequence flows"),
                finding("no-duplicate-sequence-flows", ERROR, "EndEvent_1", "Duplicate incoming sequence flows"));
    }

    @Test
    void aLinkThrowNeedsItsCatchInTheSameScope() {
        String body = START + END + flow("Flow_1", "StartEvent_1", "EndEvent_1") + flow("Flow_2", "StartEvent_1", "Event_GoTo") + """
                <bpmn:intermediateThrowEvent id="Event_GoTo" name="Go to A"><bpmn:linkEventDefinition name="A"/></bpmn:intermediateThrowEvent>""";
        assertThat(check(body)).contains(finding("link-event", ERROR, "Event_GoTo",
                "Link catch event with link name <A> missing in scope"));
    }

    @Test
    void aLoneTerminateEndIsSuperfluous() {
        String body = START + flow("Flow_1", "StartEvent_1", "EndEvent_Terminate") + """
                <bpmn:endEvent id="EndEvent_Terminate" name="Terminate"><bpmn:terminateEventDefinition/></bpmn:endEvent>""";
        assertThat(check(body)).containsExactly(finding("superfluous-termination", WARNING, "EndEvent_Terminate",
                "Termination is superfluous."));
    }

    @Test
    void aLabelOnAPlainFlowIsSuperfluous() {
        String body = START + END + "<bpmn:sequenceFlow id=\"Flow_Named\" name=\"then\" sourceRef=\"StartEvent_1\" targetRef=\"EndEvent_1\"/>";
        assertThat(check(body)).containsExactly(finding("superfluous-label", WARNING, "Flow_Named",
                "Sequence flow has superfluous label"));
    }

    @Test
    void anUnusedMessageIsAWarning() {
        String body = START + END + flow("Flow_1", "StartEvent_1", "EndEvent_1");
        String xml = definitions(body).replace("<bpmn:process ", "<bpmn:message id=\"Message_Unused\" name=\"Unused\"/><bpmn:process ");
        assertThat(RecommendedLintRules.check(Bpmn.readModelFromStream(stream(xml))))
                .containsExactly(finding("global", WARNING, "Message_Unused", "Element is unused"));
    }

    @Test
    void aFindingNamesTheBpmnlintRule() {
        assertThat(finding("no-gateway-join-fork", ERROR, "Gateway_X", "Gateway forks and joins").text())
                .isEqualTo("Gateway forks and joins (bpmnlint: no-gateway-join-fork)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident.bpmn", "service-request.bpmn", "change.bpmn", "problem.bpmn", "approval.bpmn",
            "child-ticket.bpmn"})
    void everyShippedModelIsClean(String name) {
        InputStream in = getClass().getClassLoader().getResourceAsStream("processes/" + name);
        assertThat(in).as(name).isNotNull();
        assertThat(RecommendedLintRules.check(Bpmn.readModelFromStream(in))).isEmpty();
    }

    private static Finding finding(String rule, Severity severity, String id, String message) {
        return new Finding(rule, severity, id, message);
    }

    private static String flow(String id, String source, String target) {
        return "<bpmn:sequenceFlow id=\"" + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"/>";
    }

    private static List<Finding> check(String body) {
        return RecommendedLintRules.check(Bpmn.readModelFromStream(stream(definitions(body))));
    }

    private static InputStream stream(String xml) {
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String definitions(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_Lint"
                    targetNamespace="https://flowdesk.dev/test">
                  <bpmn:process id="Process_Lint" name="Lint" isExecutable="true">BODY</bpmn:process>
                </bpmn:definitions>
                """.replace("BODY", body).strip();
    }
}
