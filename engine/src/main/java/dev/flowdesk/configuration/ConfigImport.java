package dev.flowdesk.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.classification.RuleSetImport;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.mail.outbound.MailTemplateEditor;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.workflow.ProcessDefinitions;
import dev.flowdesk.workflow.ProcessVersions;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /api/config/import}: a configuration archive from another installation, checked entry by entry with
 * the checks the single-artefact endpoints make, because it goes through those very endpoints' services: forms are
 * saved by {@link FormCatalog#save}, mail templates by {@link MailTemplateEditor#save}, rule sets uploaded and
 * activated by {@link RuleSetImport}, models deployed by {@link ProcessDefinitions#deploy} after the linter. Forms
 * come first, then templates, rule sets and finally models, because the model linter asks whether each
 * {@code formio:} form exists.
 * <p>
 * All of it runs in one database transaction (Camunda's deployments join it: one DataSource, one transaction
 * manager). A dry run, or an import with any invalid entry, is rolled back: nothing stays, and the report says for
 * each entry whether it is new, unchanged, changed or invalid and why. Outside the transaction are only the
 * in-memory rule base, swapped after the commit from what the database then says is active, and Camunda's cache of
 * parsed definitions, which may keep a rolled-back definition under an id no query will ever return.
 */
@Service
public class ConfigImport {

    private static final Logger log = LoggerFactory.getLogger(ConfigImport.class);

    public enum Status { NEW, UNCHANGED, CHANGED, INVALID }

    /** What happens (dry run) or happened to one entry; {@code errors} say why an entry is invalid. */
    public record EntryReport(String path, String type, String name, String language, Status status,
                              Integer currentVersion, Integer importedVersion, List<FieldError> errors,
                              List<FieldError> warnings) {
    }

    /** {@code applied}: whether the archive's changes are now in use (never for a dry run). */
    public record Report(boolean dryRun, boolean applied, List<EntryReport> entries) {
    }

    private static final List<String> ORDER = List.of("form", "template", "ruleset", "bpmn");

    private final FormCatalog forms;
    private final MailTemplateEditor templates;
    private final RuleSetImport ruleSets;
    private final ProcessDefinitions definitions;
    private final ProcessVersions processes;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    ConfigImport(FormCatalog forms, MailTemplateEditor templates, RuleSetImport ruleSets,
                 ProcessDefinitions definitions, ProcessVersions processes, ObjectMapper json,
                 PlatformTransactionManager transactions) {
        this.forms = forms;
        this.templates = templates;
        this.ruleSets = ruleSets;
        this.definitions = definitions;
        this.processes = processes;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    private record Planned(Manifest.Item item, String content, List<FieldError> problems) {
    }

    public Report importArchive(byte[] zip, boolean dryRun, CurrentUser user) {
        user.requireAny("Only process designers import a configuration.", Role.DESIGNER);
        Map<String, byte[]> files = ConfigArchive.read(zip);
        Manifest manifest = manifest(files.get(ConfigArchive.MANIFEST));
        List<Planned> plan = plan(manifest, files);
        String comment = "imported from a configuration exported " + manifest.exportedAt() + " by "
                + manifest.exportedBy();
        List<EntryReport> reports = transaction.execute(status -> {
            List<EntryReport> done = apply(plan, comment, user);
            if (dryRun || done.stream().anyMatch(r -> r.status() == Status.INVALID)) {
                status.setRollbackOnly();
            }
            return done;
        });
        List<FieldError> invalid = reports.stream().filter(r -> r.status() == Status.INVALID)
                .flatMap(r -> r.errors().stream().map(e -> new FieldError(r.path(), e.message()))).toList();
        if (!dryRun && !invalid.isEmpty()) {
            throw DomainException.invalid(invalid);
        }
        if (!dryRun) {
            log.info("{} imported a configuration: {}", user.id(), reports.stream()
                    .filter(r -> r.status() == Status.NEW || r.status() == Status.CHANGED).map(EntryReport::path)
                    .toList());
        }
        return new Report(dryRun, !dryRun, reports);
    }

    private Manifest manifest(byte[] bytes) {
        Manifest manifest;
        try {
            manifest = json.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw DomainException.invalid(ConfigArchive.MANIFEST, "does not read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (!Manifest.FORMAT.equals(manifest.format()) || manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw DomainException.invalid(ConfigArchive.MANIFEST, "is not a " + Manifest.FORMAT + " manifest of"
                    + " format version " + Manifest.FORMAT_VERSION);
        }
        if (manifest.entries() == null) {
            throw DomainException.invalid(ConfigArchive.MANIFEST, "lists no entries");
        }
        return manifest;
    }

    /** Pairs every manifest entry with its file; a file the manifest does not list is refused. */
    private List<Planned> plan(Manifest manifest, Map<String, byte[]> files) {
        Set<String> listed = new HashSet<>();
        List<Planned> plan = new ArrayList<>();
        for (Manifest.Item item : manifest.entries()) {
            if (item == null || item.path() == null || !listed.add(item.path())) {
                throw DomainException.invalid(ConfigArchive.MANIFEST, "lists an entry without a path, or twice: "
                        + (item == null ? null : item.path()));
            }
            byte[] content = files.get(item.path());
            List<FieldError> problems = new ArrayList<>();
            if (content == null) {
                problems.add(new FieldError(item.path(), "is listed in the manifest but missing from the archive"));
            } else if (!ConfigArchive.sha256(content).equals(item.sha256())) {
                problems.add(new FieldError(item.path(), "does not match the SHA-256 in the manifest: the file was"
                        + " changed or cut short after the export"));
            }
            if (!ORDER.contains(item.type()) || !item.path().startsWith(folder(item.type()))) {
                problems.add(new FieldError(item.path(), "has type " + item.type() + ", which is not one of "
                        + ORDER + " in its folder"));
            }
            plan.add(new Planned(item, content == null ? null : new String(content, StandardCharsets.UTF_8),
                    problems));
        }
        for (String path : files.keySet()) {
            if (!path.equals(ConfigArchive.MANIFEST) && !listed.contains(path)) {
                throw DomainException.invalid(path, "is in the archive but not in the manifest");
            }
        }
        plan.sort(Comparator.comparingInt(p -> ORDER.contains(p.item().type()) ? ORDER.indexOf(p.item().type())
                : ORDER.size()));
        return plan;
    }

    private List<EntryReport> apply(List<Planned> plan, String comment, CurrentUser user) {
        List<EntryReport> reports = new ArrayList<>();
        String broken = null;
        for (Planned planned : plan) {
            Manifest.Item item = planned.item();
            if (!planned.problems().isEmpty()) {
                reports.add(report(item, Status.INVALID, null, null, planned.problems(), List.of()));
                continue;
            }
            if (broken != null) {
                reports.add(report(item, Status.INVALID, null, null, List.of(new FieldError(item.path(),
                        "not checked: " + broken + " failed unexpectedly before it")), List.of()));
                continue;
            }
            try {
                reports.add(switch (item.type()) {
                    case "form" -> form(item, planned.content(), comment, user);
                    case "template" -> template(item, planned.content(), comment, user);
                    case "ruleset" -> ruleSet(item, planned.content(), comment, user);
                    default -> model(item, planned.content(), comment, user);
                });
            } catch (DomainException e) {
                reports.add(report(item, Status.INVALID, null, null, errors(e), List.of()));
            } catch (RuntimeException e) {
                // Not a refusal but a failure (the engine, the database): the transaction may be unusable now.
                log.warn("configuration import: {} failed", item.path(), e);
                broken = item.path();
                reports.add(report(item, Status.INVALID, null, null, List.of(new FieldError(item.path(),
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""))), List.of()));
            }
        }
        return reports;
    }

    private EntryReport form(Manifest.Item item, String content, String comment, CurrentUser user) {
        String key = item.name();
        forms.check(key, content);
        var current = forms.find(key);
        if (current.isPresent() && sameJson(forms.source(key, current.get().version()), content)) {
            return report(item, Status.UNCHANGED, current.get().version(), current.get().version(), List.of(),
                    List.of());
        }
        int saved = forms.save(key, content, comment, user).version();
        return report(item, current.isPresent() ? Status.CHANGED : Status.NEW,
                current.map(FormCatalog.CatalogForm::version).orElse(null), saved, List.of(), List.of());
    }

    private EntryReport template(Manifest.Item item, String content, String comment, CurrentUser user) {
        if (item.language() == null) {
            throw DomainException.invalid("language", "is missing for a template");
        }
        templates.check(item.name(), item.language(), content);
        MailTemplateEditor.TemplateView current = templates.get(item.name(), item.language(), user);
        String wanted = content.replace("\r\n", "\n");
        if (wanted.equals(current.source())) {
            return report(item, Status.UNCHANGED, current.version(), current.version(), List.of(), List.of());
        }
        MailTemplateEditor.TemplateView now = current.edited() && wanted.equals(current.shippedSource())
                ? templates.revert(item.name(), item.language(), user)
                : templates.save(item.name(), item.language(), wanted, current.version(), comment, user);
        return report(item, Status.CHANGED, current.version(), now.version(), List.of(), List.of());
    }

    private EntryReport ruleSet(Manifest.Item item, String content, String comment, CurrentUser user) {
        String format = Objects.requireNonNullElse(item.format(), "drl");
        boolean exists = ruleSets.exists(item.name());
        if (ruleSets.sameAsActive(item.name(), format, content)) {
            return report(item, Status.UNCHANGED, null, null, List.of(), List.of());
        }
        int version = ruleSets.importAndActivate(item.name(), format, content, comment, user);
        return report(item, exists ? Status.CHANGED : Status.NEW, null, version, List.of(), List.of());
    }

    private EntryReport model(Manifest.Item item, String content, String comment, CurrentUser user) {
        List<String> keys;
        try {
            keys = Bpmn.readModelFromStream(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                    .getModelElementsByType(Process.class).stream().map(Process::getId).toList();
        } catch (RuntimeException e) {
            throw DomainException.invalid("file", "is not a BPMN model: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        boolean allSame = !keys.isEmpty();
        boolean anyExists = false;
        for (String key : keys) {
            String current = processes.latestXml(key);
            anyExists |= current != null;
            allSame &= content.equals(current);
        }
        if (allSame) {
            return report(item, Status.UNCHANGED, null, null, List.of(), List.of());
        }
        ProcessDefinitions.Deployed deployed = definitions.deploy(item.path().substring("bpmn/".length()),
                content.getBytes(StandardCharsets.UTF_8), comment, user);
        Integer version = deployed.processes().isEmpty() ? null : deployed.processes().get(0).version();
        return report(item, anyExists ? Status.CHANGED : Status.NEW, null, version, List.of(), deployed.warnings());
    }

    private static EntryReport report(Manifest.Item item, Status status, Integer current, Integer imported,
                                      List<FieldError> errors, List<FieldError> warnings) {
        return new EntryReport(item.path(), item.type(), item.name(), item.language(), status,
                current, imported, errors, warnings);
    }

    private static List<FieldError> errors(DomainException e) {
        return e.errors() == null || e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors();
    }

    private boolean sameJson(String a, String b) {
        try {
            JsonNode left = json.readTree(a);
            JsonNode right = json.readTree(b);
            return left.equals(right);
        } catch (IOException e) {
            return false;
        }
    }

    private static String folder(String type) {
        return switch (type) {
            case "form" -> "forms/";
            case "template" -> "templates/";
            case "ruleset" -> "rules/";
            default -> "bpmn/";
        };
    }
}
