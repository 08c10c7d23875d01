package dev.flowdesk.form;

import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which process a form starts is remembered between submissions, and forgotten as soon as a deployment, a
 * suspension or an activation changes the deployed definitions.
 */
class ProcessBindingsIT extends PostgresEngineTest {

    @Autowired
    ProcessBindings bindings;
    @Autowired
    RepositoryService repository;

    @Test
    void theBindingFollowsDeploymentsSuspensionsAndActivations() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String form = "pb-form-" + suffix;
        assertThat(bindings.processStartedBy(form)).isEmpty();

        deploy("pb-first-" + suffix, form);
        assertThat(bindings.processStartedBy(form)).contains("pb-first-" + suffix);
        assertThat(bindings.processStartedBy(form)).contains("pb-first-" + suffix);

        repository.suspendProcessDefinitionByKey("pb-first-" + suffix);
        assertThat(bindings.processStartedBy(form)).isEmpty();

        repository.activateProcessDefinitionByKey("pb-first-" + suffix);
        assertThat(bindings.processStartedBy(form)).contains("pb-first-" + suffix);

        // a new version of the same process that no longer names the form unbinds it
        deploy("pb-first-" + suffix, "pb-other-" + suffix);
        assertThat(bindings.processStartedBy(form)).isEmpty();
        assertThat(bindings.processStartedBy("pb-other-" + suffix)).contains("pb-first-" + suffix);
    }

    private void deploy(String processKey, String formKey) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(1)
                .startEvent().camundaFormKey("formio:" + formKey).userTask().camundaCandidateGroups("service-desk")
                .endEvent().done();
        repository.createDeployment().addModelInstance(processKey + ".bpmn", model).deploy();
    }
}
