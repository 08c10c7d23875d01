package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Problem and known error: investigation, known error published, optional change, linked incidents resolved. */
@Deployment(resources = {"processes/problem.bpmn", "processes/incident.bpmn"})
class ProblemProcessTest extends ProcessTestSupport {

    ProcessInstance investigate(String needsChange) {
        ProcessInstance pi = start("problem", ticket(400, "PROBLEM", "network", "P2"));
        assertThat(pi).isWaitingAt("Task_InvestigateProblem");
        assertThat(task(pi)).hasCandidateGroup("network").hasFormKey("formio:investigate-problem");
        complete(task(pi), Map.of("rootCause", "Faulty switch firmware", "workaround", "Reboot the switch",
                "needsChange", needsChange));
        assertThat(pi).hasPassed("Event_KnownError").isWaitingAt("Task_PublishKnownError");
        runAsyncJobs(pi);
        assertThat(callsOf("publishKnownError")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("workaround", "Reboot the switch"));
        return pi;
    }

    @Test
    void resolvingTheProblemResolvesItsLinkedIncidentsByMessage() {
        ProcessInstance incident = start("incident", ticket(401, "INCIDENT", "network", "P3"));
        ProcessInstance unrelated = start("incident", ticket(402, "INCIDENT", "network", "P3"));
        behaviour.put("resolveLinkedIncidents", execution -> processEngine().getRuntimeService()
                .createMessageCorrelation("ProblemResolved").processInstanceBusinessKey("401")
                .setVariable("resolution", "Fixed by problem FD-000400").correlateAllWithResult());

        ProcessInstance pi = investigate("no");
        assertThat(pi).isWaitingAt("Task_ResolveProblem");
        complete(task(pi), Map.of("resolution", "Firmware upgraded everywhere"));
        assertThat(pi).hasPassed("Event_ProblemResolved").isWaitingAt("Task_ResolveLinkedIncidents");
        runAsyncJobs(pi);

        assertThat(pi).hasPassed("EndEvent_ProblemClosed").hasNotPassed("Task_RaiseChange").isEnded();
        assertThat(incident).hasPassed("Message_ProblemResolved").isWaitingAt("Task_AwaitConfirmation");
        assertThat(unrelated).isWaitingAt("Task_ResolveIncident");
    }

    @Test
    void aKnownErrorThatNeedsAChangeRaisesOne() {
        ProcessInstance pi = investigate("yes");

        assertThat(callsOf("openLinkedTicket")).singleElement().satisfies(c -> assertThat(c.variables())
                .containsEntry("linkedType", "CHANGE").containsEntry("linkType", "RAISED_CHANGE"));
        assertThat(pi).hasPassed("Task_RaiseChange").isWaitingAt("Task_ResolveProblem");
    }

    @Test
    void anOverdueInvestigationEscalates() {
        ProcessInstance pi = start("problem", ticket(403, "PROBLEM", "network", "P2"));
        fireTimer(pi, "Timer_InvestigationDue");
        assertThat(callsOf("escalateTicket")).hasSize(1);
        assertThat(pi).isWaitingAt("Task_InvestigateProblem");
    }
}
