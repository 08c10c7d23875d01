package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Set;

/**
 * formio's normalize processor: coerces submitted values into each component type's data model before validation
 * (select and radio values to numbers/booleans where they look like one, emails to lower case, numbers parsed,
 * selectboxes to an object, tags joined or split, times to {@code HH:mm:ss}). A value that normalizes to nothing is
 * left in place for the validators to report but is not kept in the result, exactly like formio's filter.
 */
final class Normalizer {

    private Normalizer() {
    }

    static void normalize(SubmissionProcessor.Ctx ctx, ObjectNode data, Map<String, Boolean> filter,
                          Set<String> cleared) {
        Component c = ctx.component();
        DataPath path = ctx.path();
        String p = path.toString();
        JsonNode value = path.get(data);
        JsonNode newValue = switch (c.type) {
            case "email" -> value.isTextual() && !value.textValue().isEmpty()
                    ? JsValues.NODES.textNode(value.textValue().strip().toLowerCase(java.util.Locale.ROOT)) : value;
            case "radio" -> radio(value, c.get("dataType"));
            case "select" -> c.multiple() && value.isArray() ? mapEach(value, v -> select(c, v)) : select(c, value);
            case "selectboxes" -> selectBoxes(value);
            case "tags" -> tags(c, value);
            case "textfield", "phoneNumber" -> truncateSpaces(c, value);
            case "time" -> time(c, value);
            case "day" -> day(c, value);
            case "number" -> c.multiple() && value.isArray() ? mapEach(value, Normalizer::number) : number(value);
            default -> value;
        };
        if (c.multiple() && !c.required() && !value.isArray()) {
            ArrayNode arr = JsValues.NODES.arrayNode();
            if (JsValues.truthy(value)) {
                arr.add(value);
            }
            newValue = arr;
        }
        if (JsValues.isNil(newValue)) {
            filter.put(p, false);
        } else if (newValue != value && !cleared.contains(p)) {
            path.set(data, newValue);
            filter.put(p, true);
        }
    }

    private interface NodeFunction {
        JsonNode apply(JsonNode v);
    }

    private static JsonNode mapEach(JsonNode array, NodeFunction f) {
        ArrayNode out = JsValues.NODES.arrayNode();
        for (JsonNode v : array) {
            JsonNode n = f.apply(v);
            out.add(JsValues.isUndefined(n) ? JsValues.nullNode() : n);
        }
        return out;
    }

    private static JsonNode radio(JsonNode value, JsonNode dataType) {
        String type = dataType.isTextual() ? dataType.textValue() : "";
        switch (type) {
            case "number":
                return JsValues.number(JsValues.toNumber(value));
            case "string":
                return JsValues.NODES.textNode(value.isContainerNode() ? value.toString() : JsValues.toJsString(value));
            case "boolean":
                return JsValues.NODES.booleanNode(JsValues.truthy(value) && !JsValues.toJsString(value).equals("false"));
            default:
                break;
        }
        String lodashString = JsValues.isNil(value) ? "" : JsValues.toJsString(value);
        double n = JsValues.toNumber(value);
        boolean equivalent = lodashString.equals(JsValues.numberToString(n));
        if (!Double.isNaN(JsValues.parseFloat(value)) && JsValues.isFiniteCoerced(value) && equivalent) {
            return value.isNumber() ? value : JsValues.number(n);
        }
        if (value.isTextual() && value.textValue().equals("true")) {
            return JsValues.NODES.booleanNode(true);
        }
        if (value.isTextual() && value.textValue().equals("false")) {
            return JsValues.NODES.booleanNode(false);
        }
        return value;
    }

    private static JsonNode select(Component c, JsonNode value) {
        if (JsValues.isNil(value)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        if (value.isObject() && value.size() == 0) {
            return value;
        }
        String dataType = c.get("dataType").isTextual() ? c.get("dataType").textValue() : "auto";
        return switch (dataType) {
            case "number" -> toNumberIfEquivalent(value);
            case "boolean" -> toBooleanIfWord(value);
            case "string" -> JsValues.NODES.textNode(JsValues.toJsString(value));
            case "object" -> value;
            default -> value.isContainerNode() ? value
                    : toBooleanIfWord(toNumberIfEquivalent(JsValues.NODES.textNode(JsValues.toJsString(value))));
        };
    }

    private static JsonNode toNumberIfEquivalent(JsonNode value) {
        double n = JsValues.toNumber(value);
        boolean equivalent = JsValues.toJsString(value).equals(JsValues.numberToString(n));
        if (!Double.isNaN(n) && !Double.isInfinite(n) && !(value.isTextual() && value.textValue().isEmpty())
                && equivalent) {
            return value.isNumber() ? value : JsValues.number(n);
        }
        return value;
    }

    private static JsonNode toBooleanIfWord(JsonNode value) {
        if (value.isTextual()) {
            String lower = value.textValue().toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return JsValues.NODES.booleanNode(lower.equals("true"));
            }
        }
        return value;
    }

    private static JsonNode selectBoxes(JsonNode value) {
        if (!JsValues.truthy(value)) {
            return JsValues.NODES.objectNode();
        }
        if (value.isTextual()) {
            ObjectNode o = JsValues.NODES.objectNode();
            o.put(value.textValue(), true);
            return o;
        }
        if (value.isArray()) {
            ObjectNode o = JsValues.NODES.objectNode();
            for (JsonNode v : value) {
                o.put(JsValues.toJsString(v), true);
            }
            return o;
        }
        if (!value.isObject()) {
            return JsValues.NODES.objectNode();
        }
        return value;
    }

    private static JsonNode tags(Component c, JsonNode value) {
        String delimiter = c.get("delimeter").isTextual() && !c.get("delimeter").textValue().isEmpty()
                ? c.get("delimeter").textValue() : ",";
        boolean storeAsString = !c.json.has("storeas") || "string".equals(c.get("storeas").asText(null));
        if (storeAsString && value.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < value.size(); i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                if (!JsValues.isNil(value.get(i))) {
                    sb.append(JsValues.toJsString(value.get(i)));
                }
            }
            return JsValues.NODES.textNode(sb.toString());
        }
        if ("array".equals(c.get("storeas").asText(null)) && value.isTextual()) {
            ArrayNode arr = JsValues.NODES.arrayNode();
            for (String part : value.textValue().split(java.util.regex.Pattern.quote(delimiter), -1)) {
                if (!part.isEmpty()) {
                    arr.add(part);
                }
            }
            return arr;
        }
        return value;
    }

    /**
     * formio's normalizeDayComponentValue: a value that is not already MM/DD/YYYY is re-assembled from its
     * "/"-separated parts in the component's field order, filling hidden parts from the default value.
     */
    private static JsonNode day(Component c, JsonNode value) {
        if (!value.isTextual() || value.textValue().isEmpty()
                || value.textValue().matches("\\d{2}/\\d{2}/\\d{4}")) {
            return value;
        }
        boolean dayFirst = c.flag("dayFirst");
        JsonNode fields = c.get("fields");
        boolean showDay = !JsValues.truthy(fields.path("day").get("hide"));
        boolean showMonth = !JsValues.truthy(fields.path("month").get("hide"));
        boolean showYear = !JsValues.truthy(fields.path("year").get("hide"));
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>(java.util.Arrays.asList(
                value.textValue().split("/", -1)));
        String[] defaults = {"", "", ""};
        JsonNode dv = c.get("defaultValue");
        if (dv.isTextual() && !dv.textValue().isEmpty()) {
            String[] d = dv.textValue().split("/", -1);
            if (d.length == 3) {
                defaults[0] = dayFirst ? d[0] : d[1];
                defaults[1] = dayFirst ? d[1] : d[0];
                defaults[2] = d[2];
            }
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        if (dayFirst) {
            nextPart(out, parts, showDay, defaults[0]);
        }
        nextPart(out, parts, showMonth, defaults[1]);
        if (!dayFirst) {
            nextPart(out, parts, showDay, defaults[0]);
        }
        nextPart(out, parts, showYear, defaults[2]);
        return JsValues.NODES.textNode(String.join("/", out));
    }

    /** A missing part is JavaScript's undefined, which join() prints as "" but which still takes a slot. */
    private static void nextPart(java.util.List<String> out, java.util.ArrayDeque<String> parts, boolean take,
                                 String fallback) {
        String part = take ? (parts.isEmpty() ? null : parts.poll()) : fallback;
        if (part == null) {
            out.add("");
        } else if (!part.isEmpty()) {
            out.add(part);
        }
    }

    private static JsonNode truncateSpaces(Component c, JsonNode value) {
        if (c.flag("truncateMultipleSpaces") && value.isTextual()) {
            return JsValues.NODES.textNode(value.textValue().strip().replaceAll("\\s{2,}", " "));
        }
        return value;
    }

    private static JsonNode time(Component c, JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String format = c.get("format").isTextual() ? c.get("format").textValue() : "HH:mm";
        String dataFormat = c.get("dataFormat").isTextual() ? c.get("dataFormat").textValue() : "HH:mm:ss";
        try {
            LocalTime t = LocalTime.parse(value.textValue(), dayjsFormatter(format));
            return JsValues.NODES.textNode(t.format(dayjsFormatter(dataFormat)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return value;
        }
    }

    /** The dayjs tokens used by formio time components, mapped to java.time patterns. */
    static DateTimeFormatter dayjsFormatter(String format) {
        String pattern = format.replace("A", "a").replace("hh", "hh").replace("YYYY", "uuuu").replace("DD", "dd");
        return DateTimeFormatter.ofPattern(pattern, java.util.Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    private static JsonNode number(JsonNode value) {
        if (!Double.isNaN(JsValues.parseFloat(value)) && JsValues.isFiniteCoerced(value)) {
            if (value.isNumber()) {
                return value;
            }
            return numberFromString(value);
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static JsonNode numberFromString(JsonNode value) {
        double d = JsValues.toNumber(value);
        return JsValues.number(d);
    }
}
