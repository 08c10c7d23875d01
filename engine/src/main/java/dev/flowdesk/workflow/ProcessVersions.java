package dev.flowdesk.workflow;

import dev.flowdesk.diff.BpmnDiff;
import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one process model (Camunda's process definition versions of a key) with who deployed them, when
 * and the designer's comment, and the comparison of two of them: the XML line by line and the elements by id.
 * Who deployed a version is read from the deployment's source ({@code flowdesk-designer:<user>}); the models
 * Flowdesk deploys at start-up answer "flowdesk". Camunda keeps no comment, so {@code process_deployment_comment}
 * does (V69).
 */
@Service
public class ProcessVersions {

    static final String DESIGNER_SOURCE = "flowdesk-designer:";

    private final RepositoryService repository;
    private final ProcessDefinitions definitions;
    private final DeploymentComments comments;

    ProcessVersions(RepositoryService repository, ProcessDefinitions definitions, DeploymentComments comments) {
        this.repository = repository;
        this.definitions = definitions;
        this.comments = comments;
    }

    /** Newest first; {@code current} is the latest version, the one new tickets start. */
    public List<VersionEntry> versions(String key, CurrentUser user) {
        requireDesigner(user);
        List<ProcessDefinition> all = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list();
        if (all.isEmpty()) {
            throw DomainException.notFound("process " + key);
        }
        List<VersionEntry> entries = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ProcessDefinition d = all.get(i);
            Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId())
                    .singleResult();
            String source = deployment == null ? null : deployment.getSource();
            entries.add(new VersionEntry(d.getVersion(),
                    source != null && source.startsWith(DESIGNER_SOURCE) ? source.substring(DESIGNER_SOURCE.length())
                            : "flowdesk",
                    deployment == null || deployment.getDeploymentTime() == null ? null
                            : deployment.getDeploymentTime().toInstant(),
                    comments.find(d.getDeploymentId()), i == 0));
        }
        return entries;
    }

    /** Two versions of a model side by side: the XML's line diff and the added, removed and changed elements. */
    public Comparison compare(String key, int from, int to, CurrentUser user) {
        requireDesigner(user);
        String older = definitions.readXml(definition(key, from).getId());
        String newer = definitions.readXml(definition(key, to).getId());
        Comparison comparison = Comparison.ofText("process " + key, from, to, older, newer);
        try {
            return comparison.withElements(BpmnDiff.diff(older, newer));
        } catch (ModelException e) {
            // A model deployed through /engine-rest that the model API cannot read still gets its line diff.
            return comparison;
        }
    }

    /**
     * The model file of the latest version of every process: one per deployed file, with every process key it
     * defines and each key's version (a file with a collaboration defines several).
     */
    public record CurrentModel(List<String> keys, java.util.Map<String, Integer> versions, String xml) {
    }

    public List<CurrentModel> currentModels() {
        java.util.Map<String, java.util.Map<String, Integer>> byResource = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> definitionOf = new java.util.HashMap<>();
        for (ProcessDefinition d : repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().list()) {
            String resource = d.getDeploymentId() + "/" + d.getResourceName();
            byResource.computeIfAbsent(resource, r -> new java.util.TreeMap<>()).put(d.getKey(), d.getVersion());
            definitionOf.putIfAbsent(resource, d.getId());
        }
        List<CurrentModel> models = new ArrayList<>();
        byResource.forEach((resource, versions) -> models.add(new CurrentModel(List.copyOf(versions.keySet()),
                versions, definitions.readXml(definitionOf.get(resource)))));
        return models;
    }

    /** The XML of the latest version of a key, or null when no such process is deployed. */
    public String latestXml(String key) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult();
        return d == null ? null : definitions.readXml(d.getId());
    }

    private ProcessDefinition definition(String key, int version) {
        ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (d == null) {
            throw DomainException.notFound("process " + key + " version " + version);
        }
        return d;
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Only process designers deploy and read process models.", Role.DESIGNER);
    }
}
