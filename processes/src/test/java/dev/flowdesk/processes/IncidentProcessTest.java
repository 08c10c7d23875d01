package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Drives every path of the incident model with the engine in memory. */
@Deployment(resources = "processes/incident.bpmn")
class IncidentProcessTest extends ProcessTestSupport {

    ProcessInstance report(String queue, String priority) {
        return start("incident", ticket(42, "INCIDENT", queue, priority));
    }

    void correlate(ProcessInstance pi, String message) {
        processEngine().getRuntimeService().createMessageCorrelation(message)
                .processInstanceBusinessKey(pi.getBusinessKey()).correlate();
    }

    @Test
    void reportedIncidentWaitsForTheQueueAndIsResolvedThenConfirmed() {
        ProcessInstance pi = report("service-desk", "P3");

        assertThat(pi).isStarted().isWaitingAt("Task_ResolveIncident");
        assertThat(task(pi)).hasCandidateGroup("service-desk").hasFormKey("formio:resolve-incident")
                .hasName("Resolve incident");

        complete(task(pi), Map.of("resolution", "Replaced toner"));

        assertThat(pi).hasPassedInOrder("StartEvent_IncidentReported", "Task_ResolveIncident", "Gateway_ResolvedMerge")
                .isWaitingAt("Task_AwaitConfirmation");
        correlate(pi, "ResolutionConfirmed");
        assertThat(pi).hasPassed("EndEvent_IncidentClosed").hasNotPassed("Task_DispatchIncident",
                "Gateway_MajorIncidentFork").isEnded();
    }

    @Test
    void resolvedIncidentClosesItselfAfterTheConfirmationPeriod() {
        ProcessInstance pi = report("service-desk", "P3");
        complete(task(pi), Map.of("resolution", "Replaced toner"));

        assertThat(timer(pi, "Timer_AutoClose").getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(5)));
        fireTimer(pi, "Timer_AutoClose");

        assertThat(pi).hasPassed("EndEvent_IncidentAutoClosed").hasNotPassed("EndEvent_IncidentClosed").isEnded();
    }

    @Test
    void aReplyWithinTheReopenWindowReopensTheIncident() {
        ProcessInstance pi = report("service-desk", "P3");
        complete(task(pi), Map.of("resolution", "Restarted the spooler"));

        correlate(pi, "CustomerReplied");

        assertThat(pi).hasPassed("Event_IncidentReopened").isWaitingAt("Task_ResolveIncident");
        assertThat(processEngine().getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId("Timer_AutoClose").count()).isZero();
        complete(task(pi), Map.of("resolution", "Replaced the printer"));
        correlate(pi, "ResolutionConfirmed");
        assertThat(pi).isEnded();
    }

    @Test
    void theDispatcherRoutesUnclassifiedIncidents() {
        ProcessInstance pi = report("dispatcher", "P3");

        assertThat(pi).isWaitingAt("Task_DispatchIncident");
        assertThat(task(pi)).hasCandidateGroup("dispatcher").hasFormKey("formio:dispatch-ticket");
        complete(task(pi), Map.of("queue", "network"));

        assertThat(callsOf("routeTicket")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("queue", "network"));
        assertThat(pi).isWaitingAt("Task_ResolveIncident");
        assertThat(task(pi)).hasCandidateGroup("network");
    }

    @Test
    void waitingForTheCustomerPausesUntilTheyReply() {
        ProcessInstance pi = report("service-desk", "P3");

        correlate(pi, "CustomerInputRequested");
        assertThat(pi).isWaitingAt("Task_WaitForCustomer");
        assertThat(tasks(pi)).isEmpty();

        correlate(pi, "CustomerReplied");
        assertThat(pi).isWaitingAt("Task_ResolveIncident");
        assertThat(processEngine().getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId("Timer_CustomerReminder").count()).isZero();
    }

    @Test
    void aSilentCustomerIsRemindedAndTheIncidentClosesWithoutReply() {
        ProcessInstance pi = report("service-desk", "P3");
        correlate(pi, "CustomerInputRequested");

        fireTimer(pi, "Timer_CustomerReminder");
        runAsyncJobs(pi);
        assertThat(callsOf("notify")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("template", "customer-reminder")
                        .containsEntry("recipients", "alice"));
        assertThat(pi).hasPassed("EndEvent_CustomerReminded").isWaitingAt("Task_WaitForCustomer");

        assertThat(timer(pi, "Timer_CustomerSilent").getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(10)));
        fireTimer(pi, "Timer_CustomerSilent");
        assertThat(pi).hasPassed("EndEvent_ClosedWithoutReply").isEnded();
    }

    @Test
    void anOverdueIncidentEscalatesAndStaysWithTheQueue() {
        ProcessInstance pi = report("service-desk", "P2");
        assertThat(timer(pi, "Timer_ResolutionDue").getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(2)));

        fireTimer(pi, "Timer_ResolutionDue");

        assertThat(callsOf("escalateTicket")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("escalationGroup", "service-desk-leads"));
        assertThat(pi).hasPassed("EndEvent_IncidentEscalated").isWaitingAt("Task_ResolveIncident");
    }

    @Test
    void aP1TakesTheMajorIncidentPathInParallel() {
        ProcessInstance pi = report("service-desk", "P1");

        assertThat(pi).isWaitingAt("Task_ResolveIncident", "Task_NotifyMajorIncidentGroup");
        runAsyncJobs(pi);

        assertThat(callsOf("notify")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("template", "major-incident")
                        .containsEntry("recipients", "major-incident"));
        assertThat(callsOf("openLinkedTicket")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("linkedType", "PROBLEM")
                        .containsEntry("linkType", "PROBLEM_CANDIDATE"));
        assertThat(pi).hasPassed("EndEvent_MajorIncidentRaised").isWaitingAt("Task_ResolveIncident");

        complete(task(pi), Map.of("resolution", "Failover to the second data centre"));
        correlate(pi, "ResolutionConfirmed");
        assertThat(pi).isEnded();
    }

    @Test
    void resolvingTheLinkedProblemResolvesTheIncident() {
        ProcessInstance pi = report("service-desk", "P3");

        correlate(pi, "ProblemResolved");

        assertThat(pi).hasPassed("Message_ProblemResolved")
                .isWaitingAt("Task_AwaitConfirmation");
        assertThat(tasks(pi)).isEmpty();
    }
}
