package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed definition behind {@link FormDefinition}: the original JSON plus the component tree, and indexes to
 * resolve the component references that conditions use (by data path, else by key, as formio's getBestMatch).
 */
final class FormioFormDefinition implements FormDefinition {

    private final ObjectNode json;
    private final String title;
    private final Map<String, String> properties;
    private final Map<String, String> ticketFields;
    private final List<String> inputKeys;
    private final List<Component> components;
    private final Map<String, Component> byPath = new HashMap<>();
    private final Map<String, Component> byKey = new HashMap<>();
    private final boolean hasLogic;

    FormioFormDefinition(ObjectNode json, String title, Map<String, String> properties,
                         Map<String, String> ticketFields, List<String> inputKeys, List<Component> components) {
        this.json = json;
        this.title = title;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.ticketFields = Collections.unmodifiableMap(new LinkedHashMap<>(ticketFields));
        this.inputKeys = List.copyOf(inputKeys);
        this.components = List.copyOf(components);
        index(components);
        this.hasLogic = hasLogic(components);
    }

    private void index(List<Component> list) {
        for (Component c : list) {
            if (c.kind.holdsData()) {
                byPath.putIfAbsent(c.pathTemplate.replace("[]", ""), c);
            }
            if (!c.key.isEmpty()) {
                byKey.putIfAbsent(c.key, c);
            }
            index(c.children);
        }
    }

    /**
     * The definition one submission is validated against: this one, or a private copy when logic actions may change
     * component properties while the submission is processed (formio mutates the definition in place).
     */
    FormioFormDefinition forSubmission() {
        return hasLogic ? DefinitionParser.parse(json.deepCopy()) : this;
    }

    private static boolean hasLogic(List<Component> list) {
        for (Component c : list) {
            JsonNode logic = c.json.get("logic");
            if ((logic != null && logic.isArray() && logic.size() > 0) || hasLogic(c.children)) {
                return true;
            }
        }
        return false;
    }

    /** The component a condition refers to: "grid.field", "grid[1].field", "container.field" or a bare key. */
    Component findComponent(String ref) {
        String normalized = ref.replaceAll("\\[\\d*]", "");
        Component c = byPath.get(normalized);
        if (c != null) {
            return c;
        }
        return byKey.get(normalized.contains(".") ? normalized.substring(normalized.lastIndexOf('.') + 1)
                : normalized);
    }

    List<Component> components() {
        return components;
    }

    @Override
    public JsonNode json() {
        return json.deepCopy();
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public Map<String, String> ticketFieldMapping() {
        return ticketFields;
    }

    @Override
    public ValidationResult validate(JsonNode data) {
        try {
            return new SubmissionProcessor(forSubmission(), data).run();
        } catch (RuntimeException | StackOverflowError e) {
            // Every step is bounded and guarded, so this is a bug; still, a submission must get an answer.
            return new ValidationResult(List.of(new ValidationResult.FieldError("",
                    "The submission could not be validated.")), Map.of());
        }
    }

    @Override
    public List<String> inputKeys() {
        return new ArrayList<>(inputKeys);
    }
}
