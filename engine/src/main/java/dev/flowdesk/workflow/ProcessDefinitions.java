package dev.flowdesk.workflow;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Designers' process definitions: list versions, read a model, and deploy a new version after the
 * {@link DeploymentLinter} passes. Running instances stay on the version they started with (Camunda's versioning).
 */
@Service
public class ProcessDefinitions {

    private static final Logger log = LoggerFactory.getLogger(ProcessDefinitions.class);
    static final int MAX_BYTES = 5 * 1024 * 1024;

    private final RepositoryService repository;
    private final DeploymentLinter linter;
    private final DeploymentComments comments;

    private final dev.flowdesk.security.audit.SecurityEvents audit;

    ProcessDefinitions(RepositoryService repository, DeploymentLinter linter, DeploymentComments comments,
                       dev.flowdesk.security.audit.SecurityEvents audit) {
        this.audit = audit;
        this.repository = repository;
        this.linter = linter;
        this.comments = comments;
    }

    public record VersionView(String id, int version, String deploymentId, Instant deployedAt, boolean suspended) {
    }

    public record ProcessView(String key, String name, int latestVersion, List<VersionView> versions) {
    }

    /** {@code warnings}: what bpmnlint's recommended rules warn about, by element id; they do not stop a deployment. */
    public record Deployed(String deploymentId, List<VersionView> processes, List<String> keys,
            List<DomainException.FieldError> warnings) {
    }

    public List<ProcessView> list(CurrentUser user) {
        user.requireAny("Only process designers deploy and read process models.", Role.DESIGNER);
        Map<String, List<ProcessDefinition>> byKey = new LinkedHashMap<>();
        repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc()
                .orderByProcessDefinitionVersion().desc().list()
                .forEach(d -> byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d));
        List<ProcessView> result = new ArrayList<>();
        byKey.forEach((key, versions) -> result.add(new ProcessView(key, versions.get(0).getName(),
                versions.get(0).getVersion(), versions.stream().map(this::view).toList())));
        return result;
    }

    public String xml(String id, CurrentUser user) {
        user.requireAny("Only process designers deploy and read process models.", Role.DESIGNER);
        return readXml(id);
    }

    /** The model's XML without an access check: the caller has made one ({@link ProcessProgress#mayReadModel}). */
    public String readXml(String id) {
        if (repository.createProcessDefinitionQuery().processDefinitionId(id).count() == 0) {
            throw DomainException.notFound("process definition " + id);
        }
        try (InputStream in = repository.getProcessModel(id)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read process model " + id, e);
        }
    }

    public Deployed deploy(String fileName, byte[] bpmn, CurrentUser user) {
        return deploy(fileName, bpmn, null, user);
    }

    /**
     * Lints and deploys, with the designer's comment on the new version. In a surrounding transaction the deployment
     * joins it (one DataSource, one transaction manager) and rolls back with it.
     */
    public Deployed deploy(String fileName, byte[] bpmn, String comment, CurrentUser user) {
        user.requireAny("Only process designers deploy and read process models.", Role.DESIGNER);
        DeploymentComments.check(comment);
        if (bpmn == null || bpmn.length == 0) {
            throw DomainException.invalid("file", "is required: a .bpmn file");
        }
        if (bpmn.length > MAX_BYTES) {
            throw DomainException.invalid("file", "is larger than 5 MB");
        }
        DeploymentLinter.Result result = linter.lint(bpmn);
        if (!result.ok()) {
            throw DomainException.invalid(result.problems());
        }
        String name = fileName == null || !fileName.endsWith(".bpmn") ? "process.bpmn" : fileName;
        Deployment deployment = repository.createDeployment().name(name)
                .source(ProcessVersions.DESIGNER_SOURCE + user.id())
                .enableDuplicateFiltering(true).addInputStream(name, new ByteArrayInputStream(bpmn)).deploy();
        comments.record(deployment.getId(), comment);
        List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).list();
        List<VersionView> views = definitions.stream().map(this::view).toList();
        List<String> keys = result.model().getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                .stream().map(org.camunda.bpm.model.bpmn.instance.Process::getId).toList();
        log.info("{} deployed {} ({}): {}", user.id(), name, deployment.getId(), keys);
        audit.record(dev.flowdesk.security.audit.SecurityEventKind.DEPLOYMENT, user.id(), deployment.getId(),
                name + ": " + keys);
        return new Deployed(deployment.getId(), views, keys, result.warnings());
    }

    private VersionView view(ProcessDefinition d) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(d.getDeploymentId()).singleResult();
        return new VersionView(d.getId(), d.getVersion(), d.getDeploymentId(),
                deployment == null || deployment.getDeploymentTime() == null ? null
                        : deployment.getDeploymentTime().toInstant(), d.isSuspended());
    }

}
