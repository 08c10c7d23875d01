package dev.flowdesk.form;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process a form starts: the latest active process definition whose start event names the form as
 * {@code camunda:formKey="formio:<key>"}. The binding lives in the BPMN model, so designers change it there.
 */
@Service
public class ProcessBindings {

    private final RepositoryService repository;
    private final FormService forms;
    /**
     * Definition id → its start form key ("" for none). A deployed definition never changes, so this never goes
     * stale; without it every submission loaded each definition again only to read its start form key.
     */
    private final Map<String, String> startFormKeys = new ConcurrentHashMap<>();

    ProcessBindings(RepositoryService repository, FormService forms) {
        this.repository = repository;
        this.forms = forms;
    }

    /** The key of the process definition started by this form, if any. */
    public Optional<String> processStartedBy(String formKey) {
        String wanted = "formio:" + formKey;
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().active()
                .orderByProcessDefinitionKey().asc().list()) {
            if (definition.hasStartFormKey() && wanted.equals(startFormKey(definition.getId()))) {
                return Optional.of(definition.getKey());
            }
        }
        return Optional.empty();
    }

    private String startFormKey(String definitionId) {
        return startFormKeys.computeIfAbsent(definitionId, id -> Objects.toString(forms.getStartFormKey(id), ""));
    }
}
