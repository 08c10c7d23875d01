package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One parsed component: its JSON exactly as the builder saved it, plus what the validator needs resolved once
 * (kind, children in formio's iteration order, the path template with {@code []} for grid rows).
 */
final class Component {

    final ObjectNode json;
    final String type;
    final String key;
    final ComponentKind kind;
    final List<Component> children;
    /** Data path with "[]" where a grid row index goes, e.g. "grid[].name"; layout components get their key. */
    final String pathTemplate;

    Component(ObjectNode json, String type, String key, ComponentKind kind, List<Component> children,
              String pathTemplate) {
        this.json = json;
        this.type = type;
        this.key = key;
        this.kind = kind;
        this.children = List.copyOf(children);
        this.pathTemplate = pathTemplate;
    }

    JsonNode get(String property) {
        JsonNode v = json.get(property);
        return v == null ? MissingNode.getInstance() : v;
    }

    JsonNode validate(String property) {
        JsonNode validate = json.get("validate");
        if (validate == null || !validate.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode v = validate.get(property);
        return v == null ? MissingNode.getInstance() : v;
    }

    boolean hasValidate(String property) {
        JsonNode validate = json.get("validate");
        return validate != null && validate.isObject() && validate.has(property);
    }

    boolean flag(String property) {
        return JsValues.truthy(json.get(property));
    }

    boolean multiple() {
        return flag("multiple");
    }

    boolean required() {
        return JsValues.truthy(validate("required"));
    }

    /** {@code input}: absent means true (formio's isInputComponent). */
    boolean isInput() {
        return !json.has("input") || JsValues.truthy(json.get("input"));
    }

    /** The label formio puts into {@code {{field}}}: errorLabel, label, placeholder, key. */
    String errorField() {
        for (String p : new String[] {"errorLabel", "label", "placeholder"}) {
            JsonNode v = json.get(p);
            if (JsValues.truthy(v)) {
                return v.isTextual() ? v.textValue() : JsValues.toJsString(v);
            }
        }
        return key;
    }

    @Override
    public String toString() {
        return type + ":" + key;
    }
}
