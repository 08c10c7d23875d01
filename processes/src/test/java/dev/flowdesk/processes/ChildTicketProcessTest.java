package dev.flowdesk.processes;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** The generic sub-ticket flow: opened by a parent, worked by its own queue, done, failed, withdrawn or escalated. */
@Deployment(resources = "processes/child-ticket.bpmn")
class ChildTicketProcessTest extends ProcessTestSupport {

    @BeforeEach
    void opening() {
        behaviour.put("openSubTicket", execution -> {
            execution.setVariable("ticketId", 501L);
            execution.setVariable("queue", "field-service");
            execution.setVariable("resolutionDue", Date.from(T0.plus(Duration.ofDays(1))));
            execution.setVariable("escalationGroup", "service-desk-leads");
            execution.setProcessBusinessKey("501");
        });
    }

    ProcessInstance open() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("parentTicketId", 500L);
        vars.put("itemIndex", 0);
        vars.put("subTicketKind", "FULFILMENT");
        return processEngine().getRuntimeService().startProcessInstanceByKey("child-ticket", vars);
    }

    @Test
    void aSubTicketIsOpenedAndWorkedByItsOwnQueue() {
        ProcessInstance pi = open();

        assertThat(callsOf("openSubTicket")).singleElement()
                .satisfies(c -> assertThat(c.variables()).containsEntry("parentTicketId", 500L).containsEntry("itemIndex", 0));
        assertThat(pi).isWaitingAt("Task_WorkSubTicket");
        assertThat(task(pi)).hasCandidateGroup("field-service").hasFormKey("formio:complete-subticket");

        complete(task(pi), Map.of("outcome", "DONE", "resolution", "Laptop handed over"));
        assertThat(pi).hasPassed("EndEvent_SubTicketDone").isEnded();
    }

    @Test
    void failedWorkEndsTheSubTicketAsFailed() {
        ProcessInstance pi = open();
        complete(task(pi), Map.of("outcome", "FAILED", "resolution", "Switch does not boot"));
        assertThat(pi).hasPassed("EndEvent_SubTicketFailed").isEnded();
    }

    @Test
    void aSubTicketCanBeWithdrawn() {
        ProcessInstance pi = open();
        processEngine().getRuntimeService().createMessageCorrelation("SubTicketCancelled")
                .processInstanceBusinessKey("501").correlate();
        assertThat(pi).hasPassed("EndEvent_SubTicketCancelled").isEnded();
    }

    @Test
    void anOverdueSubTicketEscalates() {
        ProcessInstance pi = open();
        fireTimer(pi, "Timer_SubTicketDue");
        assertThat(callsOf("escalateTicket")).hasSize(1);
        assertThat(pi).hasPassed("EndEvent_SubTicketEscalated").isWaitingAt("Task_WorkSubTicket");
    }
}
