package dev.flowdesk.form;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Which process a form starts: the latest active process definition whose start event names the form as
 * {@code camunda:formKey="formio:<key>"}. The binding lives in the BPMN model, so designers change it there.
 */
@Service
public class ProcessBindings {

    private final RepositoryService repository;
    private final FormService forms;

    ProcessBindings(RepositoryService repository, FormService forms) {
        this.repository = repository;
        this.forms = forms;
    }

    /** The key of the process definition started by this form, if any. */
    public Optional<String> processStartedBy(String formKey) {
        String wanted = "formio:" + formKey;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().active()
                .orderByProcessDefinitionKey().asc().list()) {
            if (definition.hasStartFormKey() && wanted.equals(forms.getStartFormKey(definition.getId()))) {
                return Optional.of(definition.getKey());
            }
        }
        return Optional.empty();
    }
}
