package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conditional visibility as {@code @formio/core} decides it on the server ({@code isSimpleConditionallyHidden}):
 * JSONLogic ({@code conditional.json}), the legacy {@code show/when/eq} form and the builder's "simple" form
 * ({@code show/conjunction/conditions}); when several are present the last one in that order wins, as in formio.
 * A condition that cannot be evaluated shows the component, as formio does.
 */
final class Conditions {

    private static final ObjectMapper LENIENT = new ObjectMapper();

    private Conditions() {
    }

    static boolean isHidden(FormioFormDefinition form, SubmissionProcessor.Ctx ctx, JsonNode data) {
        JsonNode conditional = ctx.component().json.get("conditional");
        if (conditional == null || !conditional.isObject()) {
            return false;
        }
        Boolean show = null;
        JsonNode json = conditional.get("json");
        if (json != null && json.isContainerNode() && JsValues.truthy(json)) {
            show = jsonConditional(json, ctx, data);
        }
        if (JsValues.truthy(conditional.get("when"))) {
            show = legacyConditional(form, conditional, ctx, data);
        }
        if (JsValues.truthy(conditional.get("conjunction")) && JsValues.truthy(conditional.get("conditions"))) {
            Boolean simple = simpleConditional(form, conditional, ctx, data);
            if (simple != null) {
                show = simple;
            }
        }
        return show != null && !show;
    }

    /** A logic trigger's "simple" block: legacy when/eq or builder conditions; null when it says nothing. */
    static Boolean show(FormioFormDefinition form, JsonNode simple, SubmissionProcessor.Ctx ctx, JsonNode data) {
        if (simple == null || !simple.isObject()) {
            return null;
        }
        if (JsValues.truthy(simple.get("when"))) {
            return legacyConditional(form, simple, ctx, data);
        }
        if (JsValues.truthy(simple.get("conjunction")) && JsValues.truthy(simple.get("conditions"))) {
            return simpleConditional(form, simple, ctx, data);
        }
        return null;
    }

    static Boolean jsonShow(JsonNode json, SubmissionProcessor.Ctx ctx, JsonNode data) {
        if (json == null || !json.isContainerNode() || !JsValues.truthy(json)) {
            return null;
        }
        return jsonConditional(json, ctx, data);
    }

    private static Boolean jsonConditional(JsonNode json, SubmissionProcessor.Ctx ctx, JsonNode data) {
        try {
            JsonNode row = ctx.path().parent().get(data);
            JsonNode result = JsonLogic.apply(json, JsonLogic.context(data, row, ctx.path().get(data)));
            if (JsValues.isNil(result)) {
                return null;
            }
            return JsValues.truthy(result);
        } catch (JsonLogic.LogicException e) {
            return null;
        }
    }

    private static boolean legacyConditional(FormioFormDefinition form, JsonNode conditional,
                                             SubmissionProcessor.Ctx ctx, JsonNode data) {
        JsonNode value = componentValue(form, JsValues.toJsString(conditional.get("when")), ctx, data);
        String eq = JsValues.toJsString(JsValues.orUndefined(conditional.get("eq")));
        String show = JsValues.toJsString(JsValues.orUndefined(conditional.get("show")));
        if (value.isContainerNode() && hasPath(value, eq)) {
            return JsValues.toJsString(lodashGet(value, eq)).equals(show);
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (JsValues.toJsString(item).equals(eq)) {
                    return show.equals("true");
                }
            }
        }
        return JsValues.toJsString(value).equals(eq) == show.equals("true");
    }

    private static Boolean simpleConditional(FormioFormDefinition form, JsonNode conditional,
                                             SubmissionProcessor.Ctx ctx, JsonNode data) {
        JsonNode conditions = conditional.get("conditions");
        if (!conditions.isArray() || conditions.size() == 0) {
            return null;
        }
        String conjunction = conditional.path("conjunction").isTextual()
                ? conditional.get("conjunction").textValue() : "all";
        List<Boolean> results = new ArrayList<>();
        for (JsonNode cond : conditions) {
            JsonNode ref = cond.get("component");
            if (!JsValues.truthy(ref)) {
                continue;
            }
            String refPath = JsValues.toJsString(ref);
            Component target = form.findComponent(refPath);
            JsonNode value = target == null ? JsValues.nullNode() : componentValue(form, refPath, ctx, data);
            String operator = cond.path("operator").isTextual() ? cond.get("operator").textValue() : "";
            results.add(Operators.result(operator, value, JsValues.orUndefined(cond.get("value")), target));
        }
        boolean result;
        if (conjunction.equals("any")) {
            result = results.stream().anyMatch(b -> b);
        } else {
            result = results.stream().allMatch(b -> b);
        }
        JsonNode show = conditional.has("show") ? conditional.get("show") : JsValues.NODES.booleanNode(true);
        return showToBoolean(show) == result;
    }

    /** formio's convertShowToBoolean: strings are JSON-parsed ("false" is false), the rest by truthiness. */
    private static boolean showToBoolean(JsonNode show) {
        if (show.isTextual()) {
            try {
                return JsValues.truthy(LENIENT.readTree(show.textValue()));
            } catch (Exception e) {
                return JsValues.truthy(show);
            }
        }
        return JsValues.truthy(show);
    }

    /** formio's getComponentValue: the referenced component's value in this row, else a plain data lookup. */
    static JsonNode componentValue(FormioFormDefinition form, String ref, SubmissionProcessor.Ctx ctx,
                                   JsonNode data) {
        Component target = form.findComponent(ref);
        if (target == null) {
            return lodashGet(data, ref);
        }
        return concretePath(target.pathTemplate, ctx.rowIndexes()).get(data);
    }

    /** Fills each "[]" of a path template with the row the current component is in (row 0 otherwise). */
    static DataPath concretePath(String template, Map<String, Integer> rows) {
        List<Object> segments = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (String part : template.split("\\.", -1)) {
            if (prefix.length() > 0) {
                prefix.append('.');
            }
            if (part.endsWith("[]")) {
                String key = part.substring(0, part.length() - 2);
                prefix.append(key);
                segments.add(key);
                Integer row = rows.get(prefix.toString());
                segments.add(row == null ? 0 : row);
                prefix.append("[]");
            } else {
                prefix.append(part);
                segments.add(part);
            }
        }
        return new DataPath(segments);
    }

    static JsonNode lodashGet(JsonNode root, String path) {
        List<Object> segments = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            if (!key.isEmpty()) {
                segments.add(key);
            }
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    break;
                }
                String idx = part.substring(bracket + 1, close);
                segments.add(idx.matches("\\d{1,9}") ? (Object) Integer.parseInt(idx) : idx);
                bracket = part.indexOf('[', close);
            }
        }
        return new DataPath(segments).get(root);
    }

    private static boolean hasPath(JsonNode value, String path) {
        return !(lodashGet(value, path) instanceof MissingNode);
    }
}
