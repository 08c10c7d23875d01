package dev.flowdesk.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

/** Drives the incident model with the engine in memory. */
class IncidentProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = TestEngine.extension();

    @Test
    @Deployment(resources = "processes/incident.bpmn")
    void reportedIncidentWaitsForTheQueueAndEndsResolved() {
        ProcessEngine processEngine = engine.getProcessEngine();

        ProcessInstance pi = processEngine.getRuntimeService()
                .startProcessInstanceByKey("incident", "42", Map.of("ticketId", 42L, "queue", "service-desk"));

        assertThat(pi).isStarted().isWaitingAt("Task_ResolveIncident");
        assertThat(task(pi)).hasCandidateGroup("service-desk").hasFormKey("formio:resolve-incident");

        complete(task(pi), Map.of("resolution", "Replaced toner"));

        assertThat(pi).hasPassedInOrder("StartEvent_IncidentReported", "Task_ResolveIncident", "EndEvent_IncidentResolved")
                .isEnded();
    }
}
