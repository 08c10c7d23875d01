package dev.flowdesk.configuration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowdesk.classification.RuleSetVersions;
import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.mail.outbound.MailTemplateEditor;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.workflow.ProcessVersions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/config/export}: the versions in use of every process model, form, rule set and mail template, in
 * one zip with a manifest, read in one read-only transaction so that the archive is one consistent state.
 */
@Service
public class ConfigExport {

    private final ProcessVersions processes;
    private final FormCatalog forms;
    private final RuleSetVersions ruleSets;
    private final MailTemplateEditor templates;
    private final ObjectMapper json;
    private final Clock clock;

    ConfigExport(ProcessVersions processes, FormCatalog forms, RuleSetVersions ruleSets, MailTemplateEditor templates,
                 ObjectMapper json, Clock clock) {
        this.processes = processes;
        this.forms = forms;
        this.ruleSets = ruleSets;
        this.templates = templates;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public byte[] export(CurrentUser user) {
        user.requireAny("Only process designers export the configuration.", Role.DESIGNER);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Manifest.Item> items = new ArrayList<>();
        for (ProcessVersions.CurrentModel model : processes.currentModels()) {
            String name = model.keys().get(0);
            add(files, items, "bpmn/" + name + ".bpmn", model.xml(), "bpmn", name, null,
                    model.versions().get(name), null, model.versions());
        }
        for (String key : forms.keys()) {
            forms.find(key).ifPresent(form -> add(files, items, "forms/" + key + ".json",
                    forms.source(key, form.version()), "form", key, null, form.version(), null, null));
        }
        for (RuleSetVersions.ActiveRuleSet set : ruleSets.active()) {
            add(files, items, "rules/" + set.name() + (set.format().equals("table") ? ".table.json" : ".drl"),
                    set.content(), "ruleset", set.name(), null, set.version(), set.format(), null);
        }
        for (Map<String, Object> row : templates.list(user)) {
            String name = (String) row.get("name");
            for (String language : List.of("en", "de")) {
                if ("missing".equals(row.get(language))) {
                    continue;
                }
                MailTemplateEditor.TemplateView view = templates.get(name, language, user);
                add(files, items, "templates/" + name + "_" + language + ".vm", view.source(), "template", name,
                        language, view.version(), null, null);
            }
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, clock.instant(), user.id(), items);
        Map<String, byte[]> archive = new LinkedHashMap<>();
        try {
            archive.put(ConfigArchive.MANIFEST, json.writeValueAsBytes(manifest));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the manifest does not serialize", e);
        }
        archive.putAll(files);
        return ConfigArchive.write(archive);
    }

    private static void add(Map<String, byte[]> files, List<Manifest.Item> items, String path, String content,
                            String type, String name, String language, Integer version, String format,
                            Map<String, Integer> versions) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        files.put(path, bytes);
        items.add(new Manifest.Item(path, type, name, language, version, format, versions,
                ConfigArchive.sha256(bytes)));
    }
}
