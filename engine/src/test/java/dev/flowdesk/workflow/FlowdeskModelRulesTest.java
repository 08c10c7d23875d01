package dev.flowdesk.workflow;

import dev.flowdesk.workflow.RecommendedLintRules.Finding;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.flowdesk.workflow.RecommendedLintRules.Severity.ERROR;
import static dev.flowdesk.workflow.RecommendedLintRules.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

/** The server's copies of the modeler plugin's candidate-groups and ticket-status rules, same names and severities. */
class FlowdeskModelRulesTest {

    private static final String STATUS = """
            <bpmn:extensionElements><camunda:properties><camunda:property name="ticketStatus" value="OPEN"/>
            </camunda:properties></bpmn:extensionElements>""";

    @Test
    void aUserTaskOfferedToNobodyIsAnError() {
        assertThat(check("<bpmn:userTask id=\"Task_Nobody\" name=\"Nobody's\">" + STATUS + "</bpmn:userTask>"))
                .containsExactly(new Finding("flowdesk/candidate-groups", ERROR, "Task_Nobody",
                        "User task has no candidate groups (camunda:candidateGroups) nor assignee"));
        assertThat(check("<bpmn:userTask id=\"Task_Mine\" name=\"Mine\" camunda:assignee=\"${requester}\">" + STATUS
                + "</bpmn:userTask>")).isEmpty();
    }

    @Test
    void aWaitStateWithoutTicketStatusIsAWarningUnlessASubProcessAroundItHasOne() {
        assertThat(check("<bpmn:receiveTask id=\"Task_Wait\" name=\"Wait\"/>"))
                .containsExactly(new Finding("flowdesk/ticket-status", WARNING, "Task_Wait",
                        "Wait state without ticketStatus (extension property): the ticket keeps the status of the previous step"));
        assertThat(check("<bpmn:subProcess id=\"SubProcess_Vote\" name=\"Vote\">" + STATUS
                + "<bpmn:userTask id=\"Task_Vote\" name=\"Vote\" camunda:candidateGroups=\"cab\"/></bpmn:subProcess>"))
                .isEmpty();
    }

    @Test
    void aUserActionNamesAKnownActionOnAMessageEvent() {
        String action = """
                <bpmn:extensionElements><camunda:properties><camunda:property name="userAction" value="ACTION"/>
                </camunda:properties></bpmn:extensionElements>""";
        String message = "<bpmn:message id=\"Msg_Withdrawn\" name=\"RequestWithdrawn\"/>";
        String start = "<bpmn:startEvent id=\"Start_Withdrawn\" name=\"Withdrawn\">" + action
                + "<bpmn:messageEventDefinition messageRef=\"Msg_Withdrawn\"/></bpmn:startEvent>";
        assertThat(check(start.replace("ACTION", "withdraw"), message)).isEmpty();
        assertThat(check(start.replace("ACTION", "withdrawl"), message)).containsExactly(new Finding(
                "flowdesk/user-action", ERROR, "Start_Withdrawn",
                "userAction 'withdrawl' is unknown; use one of cancel, confirm, reopen, request-info, withdraw"));
        assertThat(check("<bpmn:startEvent id=\"Start_Plain\" name=\"Plain\">" + action.replace("ACTION", "reopen")
                + "</bpmn:startEvent>", "")).extracting(Finding::rule).containsExactly("flowdesk/user-action");
    }

    private static List<Finding> check(String body) {
        return check(body, "");
    }

    private static List<Finding> check(String body, String definitions) {
        String xml = """
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Rules" targetNamespace="https://flowdesk.dev/test">
                  <bpmn:process id="Process_Rules" name="Rules" isExecutable="true">BODY</bpmn:process>DEFS
                </bpmn:definitions>""".replace("BODY", body).replace("DEFS", definitions);
        return FlowdeskModelRules.check(Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }
}
