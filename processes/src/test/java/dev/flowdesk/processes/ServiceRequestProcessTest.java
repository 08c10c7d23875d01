package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Service request: approval (one or two levels), parallel sub-tickets per fulfilment item, join, notification. */
@Deployment(resources = {"processes/service-request.bpmn", "processes/approval.bpmn", "processes/child-ticket.bpmn"})
class ServiceRequestProcessTest extends ProcessTestSupport {

    final AtomicLong childIds = new AtomicLong(600);
    int levels = 1;

    @BeforeEach
    void doubles() {
        behaviour.put("determineApprovers", execution -> {
            execution.setVariable("approverGroup", "service-approvers");
            execution.setVariable("approverCount", 1);
            execution.setVariable("approvalsRequired", 1);
            execution.setVariable("approvalLevels", levels);
            execution.setVariable("secondApproverGroup", "budget-owners");
            execution.setVariable("secondApproverCount", 1);
            execution.setVariable("secondApprovalsRequired", 1);
        });
        behaviour.put("planSubTickets", execution -> execution.setVariable("subTicketCount", 3));
        behaviour.put("openSubTicket", execution -> {
            long id = childIds.incrementAndGet();
            execution.setVariable("ticketId", id);
            execution.setVariable("queue", "field-service");
            execution.setVariable("resolutionDue", Date.from(T0.plus(Duration.ofDays(3))));
            execution.setProcessBusinessKey(String.valueOf(id));
        });
    }

    ProcessInstance request() {
        return start("service-request", ticket(77, "SERVICE_REQUEST", "service-desk", "P4"));
    }

    void approveLevel(ProcessInstance pi, String group, String decision) {
        ProcessInstance approval = calledInstance(pi, "approval");
        assertThat(approval).as("approval running").isNotNull();
        Task vote = tasks(approval).get(0);
        assertThat(vote).hasCandidateGroup(group);
        decide(vote, "sam", decision, "REJECT".equals(decision) ? "not in the catalogue budget" : null);
    }

    void summarize(long cancelled, long failed) {
        behaviour.put("summarizeSubTickets", execution -> {
            execution.setVariable("subTicketsCancelled", cancelled);
            execution.setVariable("subTicketsFailed", failed);
        });
    }

    @Test
    void aRequestWithdrawnDuringItsApprovalEndsWithTheApprovalAndNoSubTickets() {
        ProcessInstance pi = request();
        assertThat(pi).isWaitingAt("CallActivity_ApproveRequest");
        ProcessInstance approval = calledInstance(pi, "approval");

        processEngine().getRuntimeService().createMessageCorrelation("RequestWithdrawn").processInstanceId(pi.getId())
                .setVariable("withdrawnBy", "alice").correlate();

        assertThat(pi).isEnded().hasPassed("StartEvent_RequestWithdrawn", "EndEvent_RequestWithdrawn")
                .hasNotPassed("CallActivity_FulfilItems");
        assertThat(approval).isEnded();
        assertThat(callsOf("openSubTicket")).isEmpty();
    }

    @Test
    void anApprovedRequestIsFulfilledByThreeSubTicketsAndWaitsForTheLast() {
        summarize(0, 0);
        ProcessInstance pi = request();
        assertThat(pi).isWaitingAt("CallActivity_ApproveRequest");

        approveLevel(pi, "service-approvers", "APPROVE");

        assertThat(pi).isWaitingAt("CallActivity_FulfilItems");
        List<ProcessInstance> children = calledInstances(pi, "child-ticket");
        assertThat(children).hasSize(3);
        assertThat(callsOf("openSubTicket")).extracting(c -> c.variables().get("itemIndex"))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(callsOf("openSubTicket")).allSatisfy(c -> assertThat(c.variables())
                .containsEntry("parentTicketId", 77L).containsEntry("subTicketKind", "FULFILMENT"));

        complete(task(children.get(0)), Map.of("outcome", "DONE", "resolution", "laptop"));
        complete(task(children.get(1)), Map.of("outcome", "DONE", "resolution", "licence"));
        assertThat(pi).isWaitingAt("CallActivity_FulfilItems");
        complete(task(children.get(2)), Map.of("outcome", "DONE", "resolution", "access"));

        assertThat(pi).hasPassed("Task_SummarizeFulfilment", "Event_RequestFulfilled").isWaitingAt("Task_NotifyFulfilled");
        runAsyncJobs(pi);
        assertThat(approvalRequests()).isNotEmpty();
        assertThat(afterApproval()).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("template", "request-fulfilled"));
        assertThat(pi).hasPassed("EndEvent_RequestClosed").isEnded();
    }

    @Test
    void aRejectedRequestEndsWithTheReasonSentToTheRequester() {
        ProcessInstance pi = request();

        approveLevel(pi, "service-approvers", "REJECT");

        assertThat(pi).hasPassed("Event_RequestRejected").isWaitingAt("Task_NotifyRejection");
        runAsyncJobs(pi);
        assertThat(approvalRequests()).isNotEmpty();
        assertThat(afterApproval()).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("template", "request-rejected")
                        .containsEntry("rejectionReason", "not in the catalogue budget")
                        .containsEntry("recipients", "alice"));
        assertThat(pi).hasPassed("EndEvent_RequestRejected").hasNotPassed("Task_PlanFulfilment").isEnded();
    }

    @Test
    void aSecondLevelApprovesAfterTheFirst() {
        levels = 2;
        summarize(0, 0);
        ProcessInstance pi = request();

        approveLevel(pi, "service-approvers", "APPROVE");
        assertThat(pi).isWaitingAt("CallActivity_SecondLevelApproval");
        approveLevel(pi, "budget-owners", "APPROVE");

        assertThat(pi).isWaitingAt("CallActivity_FulfilItems");
    }

    @Test
    void aSecondLevelRejectionEndsTheRequest() {
        levels = 2;
        ProcessInstance pi = request();

        approveLevel(pi, "service-approvers", "APPROVE");
        approveLevel(pi, "budget-owners", "REJECT");

        assertThat(pi).hasPassed("Gateway_RejectionMerge", "Event_RequestRejected").isWaitingAt("Task_NotifyRejection");
    }

    @Test
    void aWithdrawnSubTicketIsVisibleToTheParentAsPartlyFulfilled() {
        summarize(1, 0);
        ProcessInstance pi = request();
        approveLevel(pi, "service-approvers", "APPROVE");
        List<ProcessInstance> children = calledInstances(pi, "child-ticket");

        processEngine().getRuntimeService().createMessageCorrelation("SubTicketCancelled")
                .processInstanceBusinessKey(children.get(0).getBusinessKey()).correlate();
        complete(task(children.get(1)), Map.of("outcome", "DONE", "resolution", "ok"));
        complete(task(children.get(2)), Map.of("outcome", "DONE", "resolution", "ok"));

        assertThat(pi).hasPassed("Event_RequestPartlyFulfilled").isWaitingAt("Task_NotifyPartlyFulfilled");
        runAsyncJobs(pi);
        assertThat(pi).hasPassed("EndEvent_RequestPartlyClosed").isEnded();
    }

    @Test
    void anOverdueFulfilmentEscalatesWhileTheSubTicketsGoOn() {
        ProcessInstance pi = request();
        approveLevel(pi, "service-approvers", "APPROVE");

        fireTimer(pi, "Timer_FulfilmentDue");

        assertThat(callsOf("escalateTicket")).singleElement()
                .satisfies(c -> assertThat(c.processDefinitionKey()).isEqualTo("service-request"));
        assertThat(pi).hasPassed("EndEvent_RequestEscalated").isWaitingAt("CallActivity_FulfilItems");
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
