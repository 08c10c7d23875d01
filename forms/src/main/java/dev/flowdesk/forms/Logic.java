package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * formio's logic processor for the parts that carry no JavaScript: triggers of type "simple" (legacy or builder
 * conditions) and "json" (JSONLogic), and "property" actions that switch a boolean property (hidden, disabled,
 * validate.required...) or set a text property. Like formio, an action changes the component definition itself for
 * the rest of the submission, which is why forms with logic are validated on a private copy of the definition.
 * JavaScript triggers and value, schema and custom actions never get here: the parser refuses them.
 */
final class Logic {

    private Logic() {
    }

    /** Applies the component's logic; returns true when an action set its {@code hidden} property. */
    static boolean apply(FormioFormDefinition form, SubmissionProcessor.Ctx ctx, JsonNode data) {
        Component c = ctx.component();
        JsonNode logic = c.json.get("logic");
        if (logic == null || !logic.isArray() || logic.size() == 0) {
            return false;
        }
        boolean hiddenChanged = false;
        for (JsonNode item : logic) {
            JsonNode trigger = item.get("trigger");
            JsonNode actions = item.get("actions");
            if (trigger == null || actions == null || !actions.isArray() || actions.size() == 0
                    || !triggered(form, ctx, data, trigger)) {
                continue;
            }
            for (JsonNode action : actions) {
                if ("property".equals(action.path("type").asText()) && action.path("property").isObject()) {
                    hiddenChanged |= setProperty(c.json, action);
                }
            }
        }
        return hiddenChanged;
    }

    private static boolean triggered(FormioFormDefinition form, SubmissionProcessor.Ctx ctx, JsonNode data,
                                     JsonNode trigger) {
        String type = trigger.path("type").asText("");
        Boolean result = switch (type) {
            case "simple" -> Conditions.show(form, trigger.get("simple"), ctx, data);
            case "json" -> Conditions.jsonShow(trigger.get("json"), ctx, data);
            default -> null;
        };
        return Boolean.TRUE.equals(result);
    }

    private static boolean setProperty(ObjectNode component, JsonNode action) {
        JsonNode property = action.get("property");
        String path = property.path("value").asText("");
        if (path.isEmpty() || path.equals("type") || path.equals("key") || path.equals("logic")) {
            return false;
        }
        String kind = property.path("type").asText("");
        if (kind.equals("boolean")) {
            boolean state = JsValues.toJsString(JsValues.orUndefined(action.get("state"))).equals("true");
            JsonNode current = Conditions.lodashGet(component, path);
            String currentText = JsValues.isUndefined(current) ? "false" : JsValues.toJsString(current);
            if (!currentText.equals(String.valueOf(state))) {
                setPath(component, path, JsValues.NODES.booleanNode(state));
                return path.equals("hidden");
            }
            return false;
        }
        if (kind.equals("string")) {
            JsonNode source = property.has("component") ? action.get(property.path("component").asText())
                    : action.get("text");
            if (source != null && source.isTextual()) {
                // Interpolation of {{ data.x }} into labels only matters for display; the plain text is kept.
                setPath(component, path, source);
            }
        }
        return false;
    }

    private static void setPath(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = cur.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = cur.putObject(parts[i]);
            }
            cur = (ObjectNode) next;
        }
        cur.set(parts[parts.length - 1], value);
    }
}
