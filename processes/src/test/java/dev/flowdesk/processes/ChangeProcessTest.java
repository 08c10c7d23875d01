package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Change: assessment, CAB (normal), emergency CAB, standard change without CAB, implementation, rollback, review. */
@Deployment(resources = {"processes/change.bpmn", "processes/approval.bpmn", "processes/child-ticket.bpmn"})
class ChangeProcessTest extends ProcessTestSupport {

    final AtomicLong childIds = new AtomicLong(900);

    @BeforeEach
    void doubles() {
        behaviour.put("determineApprovers", execution -> {
            execution.setVariable("approverGroup", "change-advisory-board");
            execution.setVariable("approverCount", 3);
            execution.setVariable("approvalsRequired", 2);
            execution.setVariable("emergencyApproverGroup", "emergency-cab");
            execution.setVariable("emergencyApproverCount", 1);
            execution.setVariable("emergencyApprovalsRequired", 1);
        });
        behaviour.put("planSubTickets", execution -> execution.setVariable("subTicketCount", 2));
        behaviour.put("openSubTicket", execution -> {
            long id = childIds.incrementAndGet();
            execution.setVariable("ticketId", id);
            execution.setVariable("queue", "network");
            execution.setVariable("resolutionDue", java.util.Date.from(T0.plus(Duration.ofDays(1))));
            execution.setProcessBusinessKey(String.valueOf(id));
        });
        summarize(0);
    }

    void summarize(long failed) {
        behaviour.put("summarizeSubTickets", execution -> {
            execution.setVariable("subTicketsCancelled", 0L);
            execution.setVariable("subTicketsFailed", failed);
        });
    }

    ProcessInstance requestAndAssess(String changeType) {
        Map<String, Object> vars = ticket(300, "CHANGE", "service-desk", "P3");
        vars.put("resolutionDue", java.util.Date.from(T0.plus(Duration.ofDays(10))));
        ProcessInstance pi = start("change", vars);
        assertThat(callsOf("loadTicketFields")).singleElement().satisfies(c -> assertThat(c.variables())
                .containsEntry("fields", "changeType,risk,implementer,plannedStart"));
        assertThat(pi).isWaitingAt("Task_AssessChange");
        assertThat(task(pi)).hasCandidateGroup("change-managers").hasFormKey("formio:assess-change");
        complete(task(pi), Map.of("changeType", changeType, "risk", "medium", "implementer", "frank"));
        return pi;
    }

    void implement(ProcessInstance pi, String... outcomes) {
        assertThat(pi).isWaitingAt("Task_ScheduleChange");
        complete(task(pi), Map.of("plannedWindow", "Saturday 06:00-08:00"));
        assertThat(pi).isWaitingAt("CallActivity_Implement");
        List<ProcessInstance> children = calledInstances(pi, "child-ticket");
        assertThat(children).hasSize(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            complete(task(children.get(i)), Map.of("outcome", outcomes[i], "resolution", "step " + i));
        }
    }

    @Test
    void aNormalChangeNeedsTwoOfThreeCabVotesThenIsImplementedAndReviewed() {
        ProcessInstance pi = requestAndAssess("normal");
        assertThat(pi).isWaitingAt("CallActivity_CabApproval");
        ProcessInstance cab = calledInstance(pi, "approval");
        List<Task> votes = tasks(cab);
        assertThat(votes).hasSize(3).allSatisfy(t -> assertThat(t).hasCandidateGroup("change-advisory-board"));
        assertThat(processEngine().getRuntimeService().getVariable(cab.getId(), "implementer")).isEqualTo("frank");

        decide(votes.get(0), "carol", "APPROVE", null);
        assertThat(pi).isWaitingAt("CallActivity_CabApproval");
        decide(votes.get(1), "chris", "APPROVE", null);

        implement(pi, "DONE", "DONE");
        assertThat(pi).hasPassed("Task_SummarizeImplementation").hasNotPassed("Task_RollbackChange")
                .isWaitingAt("Task_ReviewChange");
        complete(task(pi), Map.of("resolution", "Firmware upgraded, no incidents"));
        assertThat(pi).hasPassedInOrder("Task_AssessChange", "CallActivity_CabApproval", "Task_ScheduleChange",
                "CallActivity_Implement", "Task_ReviewChange", "EndEvent_ChangeClosed").isEnded();
    }

    @Test
    void aCabRejectionEndsTheChangeWithTheReason() {
        ProcessInstance pi = requestAndAssess("normal");
        List<Task> votes = tasks(calledInstance(pi, "approval"));

        decide(votes.get(0), "carol", "REJECT", "collides with the release freeze");
        decide(votes.get(1), "chris", "REJECT", "no rollback plan");

        assertThat(pi).hasPassed("Event_ChangeRejected").isWaitingAt("Task_NotifyChangeRejected");
        runAsyncJobs(pi);
        assertThat(approvalRequests()).isNotEmpty();
        assertThat(afterApproval()).singleElement().satisfies(c -> assertThat(c.variables())
                .containsEntry("template", "change-rejected").containsEntry("rejectionReason", "no rollback plan"));
        assertThat(pi).isEnded();
    }

    @Test
    void aStandardChangeSkipsTheCab() {
        ProcessInstance pi = requestAndAssess("standard");

        assertThat(pi).isWaitingAt("Task_ScheduleChange");
        assertThat(calledInstance(pi, "approval")).isNull();
        implement(pi, "DONE", "DONE");
        complete(task(pi), Map.of("resolution", "done"));
        assertThat(pi).hasNotPassed("CallActivity_CabApproval", "CallActivity_EmergencyCabApproval").isEnded();
    }

    @Test
    void anEmergencyChangeGoesToTheEmergencyCabWithAShorterTimer() {
        ProcessInstance pi = requestAndAssess("emergency");

        assertThat(pi).isWaitingAt("CallActivity_EmergencyCabApproval");
        ProcessInstance ecab = calledInstance(pi, "approval");
        assertThat(tasks(ecab)).singleElement().satisfies(t -> assertThat(t).hasCandidateGroup("emergency-cab"));
        assertThat(timer(ecab, "Timer_ApprovalOverdue").getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofHours(4)));

        fireTimer(ecab, "Timer_ApprovalOverdue");
        assertThat(callsOf("escalateApproval")).hasSize(1);
        decide(tasks(ecab).get(0), "erica", "APPROVE", null);

        assertThat(pi).isWaitingAt("Task_ScheduleChange");
    }

    @Test
    void aFailedImplementationIsRolledBackBeforeTheReview() {
        summarize(1);
        ProcessInstance pi = requestAndAssess("standard");

        implement(pi, "DONE", "FAILED");

        assertThat(pi).isWaitingAt("Task_RollbackChange");
        assertThat(task(pi)).hasCandidateGroup("service-desk").hasFormKey("formio:record-work");
        complete(task(pi), Map.of("resolution", "Restored the config backup"));
        assertThat(pi).isWaitingAt("Task_ReviewChange");
        complete(task(pi), Map.of("resolution", "Vendor bug, retry next window"));
        assertThat(pi).hasPassed("Task_RollbackChange", "EndEvent_ChangeClosed").isEnded();
    }

    @Test
    void anUnassessedChangeEscalatesAtTheFirstResponseDue() {
        Map<String, Object> vars = ticket(301, "CHANGE", "service-desk", "P3");
        ProcessInstance pi = start("change", vars);
        assertThat(timer(pi, "Timer_AssessmentDue").getDuedate().toInstant()).isEqualTo(T0.plus(Duration.ofHours(4)));

        fireTimer(pi, "Timer_AssessmentDue");

        assertThat(callsOf("escalateTicket")).hasSize(1);
        assertThat(pi).isWaitingAt("Task_AssessChange");
    }

    /** The approval fragment asks its approvers by mail before every vote. */
    java.util.List<Call> approvalRequests() {
        return callsOf("notify").stream().filter(c -> "approval".equals(c.processDefinitionKey()))
                .peek(c -> assertThat(c.variables()).containsEntry("template", "approval-request")
                        .containsEntry("recipients", c.variables().get("approverGroup")))
                .toList();
    }

    java.util.List<Call> afterApproval() {
        return callsOf("notify").stream().filter(c -> !"approval".equals(c.processDefinitionKey())).toList();
    }
}
