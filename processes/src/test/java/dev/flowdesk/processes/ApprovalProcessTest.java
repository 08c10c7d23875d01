package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The reusable approval fragment: one multi-instance vote whose completion condition covers single approver, any of
 * a group, all of a group and N-of-M quorum, ending early once the outcome cannot change.
 */
@Deployment(resources = "processes/approval.bpmn")
class ApprovalProcessTest extends ProcessTestSupport {

    ProcessInstance vote(int approvers, int required) {
        Map<String, Object> vars = ticket(7, "CHANGE", "service-desk", "P3");
        vars.put("approverGroup", "change-advisory-board");
        vars.put("approverCount", approvers);
        vars.put("approvalsRequired", required);
        return start("approval", vars);
    }

    @Test
    void singleApproverApproves() {
        ProcessInstance pi = vote(1, 1);
        assertThat(pi).isWaitingAt("Task_Approve");
        Task task = tasks(pi).get(0);
        assertThat(task).hasCandidateGroup("change-advisory-board").hasFormKey("formio:approve");

        decide(task, "carol", "APPROVE", "fine");

        assertThat(pi).hasPassedInOrder("Event_VoteOpened", "Task_AskApproversByMail", "Task_Approve",
                "Gateway_QuorumReached", "Event_Approved", "EndEvent_Approved").isEnded();
        assertThat((String) variable(pi, "approvalOutcome")).isEqualTo("APPROVED");
        assertThat(recordedDecisions).containsExactly("carol:APPROVE");
    }

    @Test
    void singleApproverRejectsWithReason() {
        ProcessInstance pi = vote(1, 1);

        decide(tasks(pi).get(0), "carol", "REJECT", "no budget this quarter");

        assertThat(pi).hasPassed("Event_Rejected").hasNotPassed("Event_Approved").isEnded();
        assertThat((String) variable(pi, "approvalOutcome")).isEqualTo("REJECTED");
        assertThat((String) variable(pi, "rejectionReason")).isEqualTo("no budget this quarter");
    }

    @Test
    void quorumTwoOfThreeIsReachedAndTheThirdVoteIsWithdrawn() {
        ProcessInstance pi = vote(3, 2);
        List<Task> open = tasks(pi);
        assertThat(open).hasSize(3);

        decide(open.get(0), "carol", "APPROVE", null);
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(1), "chris", "REJECT", "risky");
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(2), "cleo", "APPROVE", "ok with rollback plan");

        assertThat(pi).hasPassed("Event_Approved").isEnded();
        assertThat((Number) variable(pi, "approvalsGranted")).isEqualTo(2L);
        assertThat((Number) variable(pi, "approvalsRejected")).isEqualTo(1L);
    }

    @Test
    void quorumEndsAsSoonAsTwoApprove() {
        ProcessInstance pi = vote(3, 2);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "APPROVE", null);
        decide(open.get(1), "chris", "APPROVE", null);

        assertThat(pi).hasPassed("Event_Approved").isEnded();
        assertThat(tasks(pi)).isEmpty();
        assertThat(recordedDecisions).hasSize(2);
    }

    @Test
    void quorumFailsEarlyWhenItCanNoLongerBeReached() {
        ProcessInstance pi = vote(3, 2);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "REJECT", "no rollback plan");
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(1), "chris", "REJECT", "wrong window");

        assertThat(pi).hasPassed("Event_Rejected").isEnded();
        assertThat(tasks(pi)).isEmpty();
        assertThat((String) variable(pi, "rejectionReason")).isEqualTo("wrong window");
    }

    @Test
    void allOfAGroupEndsOnTheFirstRejection() {
        ProcessInstance pi = vote(3, 3);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "APPROVE", null);
        decide(open.get(1), "chris", "REJECT", "not now");

        assertThat(pi).hasPassed("Event_Rejected").isEnded();
    }

    @Test
    void allOfAGroupNeedsEveryVote() {
        ProcessInstance pi = vote(2, 2);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "APPROVE", null);
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(1), "chris", "APPROVE", null);

        assertThat(pi).hasPassed("Event_Approved").isEnded();
    }

    @Test
    void anyOfAGroupEndsOnTheFirstApproval() {
        ProcessInstance pi = vote(3, 1);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "REJECT", "hmm");
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(1), "chris", "APPROVE", null);

        assertThat(pi).hasPassed("Event_Approved").isEnded();
    }

    @Test
    void anyOfAGroupIsRejectedOnlyWhenEveryoneRejects() {
        ProcessInstance pi = vote(2, 1);
        List<Task> open = tasks(pi);

        decide(open.get(0), "carol", "REJECT", "a");
        assertThat(pi).isWaitingAt("Task_Approve");
        decide(open.get(1), "chris", "REJECT", "b");

        assertThat(pi).hasPassed("Event_Rejected").isEnded();
    }

    @Test
    void anApprovalNobodyDecidesEscalatesToTheDeputiesAndStaysOpen() {
        ProcessInstance pi = vote(1, 1);
        assertThat(timer(pi, "Timer_ApprovalOverdue").getDuedate().toInstant()).isEqualTo(T0.plusSeconds(2 * 86400));

        fireTimer(pi, "Timer_ApprovalOverdue");

        assertThat(callsOf("escalateApproval")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("deputyGroup", "cab-deputies"));
        assertThat(pi).hasPassed("Task_EscalateToDeputies", "EndEvent_ApprovalEscalated").isWaitingAt("Task_Approve");
        decide(tasks(pi).get(0), "dave", "APPROVE", null);
        assertThat(pi).isEnded();
    }
}
