package dev.flowdesk.form;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;
    /** The answers found for the process definitions as {@link #definitionsState} last described them. */
    private volatile Answers answers = new Answers("", Map.of());

    private record Answers(String state, Map<String, Optional<String>> byForm) {
    }

    ProcessBindings(RepositoryService repository, FormService forms, JdbcTemplate jdbc) {
        this.repository = repository;
        this.forms = forms;
        this.jdbc = jdbc;
    }

    /**
     * The key of the process definition started by this form, if any. Every form submission asks, so the answer is
     * kept as long as the deployed definitions are unchanged: one aggregate over the definition table (a deployment,
     * deletion, suspension or activation on any node changes it) instead of loading every latest definition.
     */
    public Optional<String> processStartedBy(String formKey) {
        String state = definitionsState();
        Answers known = answers;
        if (!known.state().equals(state)) {
            known = new Answers(state, new ConcurrentHashMap<>());
            answers = known;
        }
        return known.byForm().computeIfAbsent(formKey, this::lookUp);
    }

    /** Count, revisions (suspension and activation raise them) and newest id of the deployed definitions. */
    private String definitionsState() {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(REV_), 0), MAX(ID_) FROM ACT_RE_PROCDEF",
                (rs, row) -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getString(3));
    }

    private Optional<String> lookUp(String formKey) {
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
