package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.forms.ValidationResult.FieldError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one submission through the same steps, in the same order, as {@code @formio/core}'s {@code processSync} with
 * its default {@code Processors} on the server: filter, default values, conditions, normalize, clearHidden on the
 * way down, then validation and the final filter on the way back up (children before their parent). Keeping the
 * order matters: a field hidden by an earlier one is cleared before a later condition reads it, and a grid's own
 * error follows its rows' errors. One instance per submission; not thread-safe.
 */
final class SubmissionProcessor {

    /** Key in the row-index map for the row of the innermost enclosing grid; not a valid path template. */
    static final String INNERMOST_ROW = "[innermost]";

    private final FormioFormDefinition form;
    private final ObjectNode data;
    private final ObjectNode filtered = JsValues.NODES.objectNode();
    private final Map<String, Boolean> filter = new HashMap<>();
    private final Set<String> cleared = new HashSet<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> errorKeys = new HashSet<>();

    SubmissionProcessor(FormioFormDefinition form, JsonNode submitted) {
        this.form = form;
        this.data = submitted != null && submitted.isObject()
                ? boundedCopy((ObjectNode) submitted)
                : JsValues.NODES.objectNode();
    }

    /** The working state of one component at one data path (formio's processor context). */
    record Ctx(Component component, DataPath path, Map<String, Integer> rowIndexes, boolean hidden,
               boolean intentionallyHidden) {
    }

    ValidationResult run() {
        walk(form.components(), DataPath.ROOT, Map.of(), false, false);
        return new ValidationResult(errors, TypedValues.of(form.components(), filtered));
    }

    /** The cleaned submission data as formio would store it; used by the conformance suite. */
    ObjectNode filteredData() {
        return filtered;
    }

    private void walk(List<Component> components, DataPath parent, Map<String, Integer> rows, boolean parentHidden,
                      boolean parentIntentional) {
        for (Component c : components) {
            process(c, parent, rows, parentHidden, parentIntentional);
        }
    }

    private void process(Component c, DataPath parent, Map<String, Integer> rows, boolean parentHidden,
                         boolean parentIntentional) {
        boolean holdsData = c.kind.holdsData();
        DataPath path = holdsData ? parent.child(c.key) : parent;
        String p = path.toString();
        Ctx probe = new Ctx(c, path, rows, parentHidden, parentIntentional);

        if (holdsData) {
            JsonNode value = path.get(data);
            if (!JsValues.isUndefined(value)) {
                filter.put(p, true);
            }
            applyDefault(c, path, p);
        }
        boolean hidden = parentHidden || Conditions.isHidden(form, probe, data);
        if (Logic.apply(form, new Ctx(c, path, rows, hidden, parentIntentional), data)) {
            // formio: logic that sets "hidden" makes the component conditionally hidden (and so cleared) or shown
            hidden = parentHidden || c.flag("hidden");
        }
        boolean intentional = parentIntentional || c.flag("hidden");
        Ctx ctx = new Ctx(c, path, rows, hidden, intentional);

        if (holdsData) {
            Normalizer.normalize(ctx, data, filter, cleared);
            JsonNode value = path.get(data);
            boolean clearOnHide = !c.json.has("clearOnHide") || JsValues.truthy(c.json.get("clearOnHide"));
            if (!JsValues.isUndefined(value) && clearOnHide && hidden) {
                path.unset(data);
                cleared.add(p);
                filter.put(p, false);
            }
        }

        switch (c.kind) {
            case LAYOUT -> walk(c.children, parent, rows, hidden, intentional);
            case OBJECT -> walk(c.children, path, rows, hidden, intentional);
            case ROWS -> {
                JsonNode value = path.get(data);
                if (value.isArray() && value.size() > 0) {
                    for (int i = 0; i < value.size(); i++) {
                        if (!JsValues.truthy(value.get(i))) {
                            continue;
                        }
                        walk(c.children, path.index(i), withRow(rows, c.pathTemplate, i), hidden, intentional);
                    }
                } else if (JsValues.isUndefined(value)) {
                    // formio walks a missing grid's columns once, at the row index of the enclosing grid (0 at top
                    // level): its errors then read "outer[2].inner[2].field"
                    int index = rows.getOrDefault(INNERMOST_ROW, 0);
                    walk(c.children, path.index(index), withRow(rows, c.pathTemplate, index), hidden, intentional);
                }
            }
            default -> {
            }
        }

        if (holdsData) {
            postFilter(c, path, p);
            Validator.validate(ctx, data, this::addError);
        }
    }

    private static Map<String, Integer> withRow(Map<String, Integer> rows, String grid, int index) {
        Map<String, Integer> copy = new HashMap<>(rows);
        copy.put(grid, index);
        copy.put(INNERMOST_ROW, index);
        return copy;
    }

    private void applyDefault(Component c, DataPath path, String p) {
        if (!c.json.has("defaultValue") || c.type.equals("number") || c.type.equals("currency")) {
            return;
        }
        JsonNode row = path.parent().get(data);
        if (row.isObject() && row.has(c.key)) {
            return;
        }
        JsonNode dv = c.get("defaultValue");
        if (!JsValues.truthy(dv)) {
            return;
        }
        JsonNode value = dv.deepCopy();
        if (c.multiple() && !value.isArray()) {
            ArrayNode arr = JsValues.NODES.arrayNode();
            arr.add(value);
            value = arr;
        }
        path.set(data, value);
        if (!cleared.contains(p)) {
            filter.put(p, true);
        }
    }

    private void postFilter(Component c, DataPath path, String p) {
        JsonNode value = path.get(data);
        if (JsValues.isUndefined(value) || !Boolean.TRUE.equals(filter.get(p))) {
            // formio (its "G-CORE06" gotcha): a number that is not kept becomes null before validation runs,
            // so "forty" in a number field reads as empty rather than as an invalid number
            if (c.type.equals("number")) {
                path.set(data, JsValues.nullNode());
            }
            return;
        }
        if (c.kind == ComponentKind.OBJECT || c.kind == ComponentKind.ROWS) {
            if (!path.has(filtered)) {
                path.set(filtered, c.kind == ComponentKind.OBJECT
                        ? JsValues.NODES.objectNode() : JsValues.NODES.arrayNode());
            }
        } else {
            path.set(filtered, value);
        }
    }

    private void addError(String path, String errorKey, String message) {
        if (errorKeys.add(errorKey + "\u0000" + path)) {
            errors.add(new FieldError(path, message));
        }
    }

    /** Copies objects and arrays to a fixed depth; deeper parts are shared, as nothing below is ever written. */
    private static ObjectNode boundedCopy(ObjectNode source) {
        return (ObjectNode) copy(source, 0);
    }

    private static JsonNode copy(JsonNode node, int depth) {
        if (!node.isContainerNode() || depth > DefinitionParser.MAX_COMPONENT_DEPTH + 2) {
            return node;
        }
        if (node.isObject()) {
            ObjectNode out = JsValues.NODES.objectNode();
            node.fields().forEachRemaining(e -> out.set(e.getKey(), copy(e.getValue(), depth + 1)));
            return out;
        }
        ArrayNode out = JsValues.NODES.arrayNode();
        for (JsonNode item : node) {
            out.add(copy(item, depth + 1));
        }
        return out;
    }

    static Map<String, String> params(Component c) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("field", c.errorField());
        return params;
    }
}
