package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The comparison operators of formio's "simple" conditions ({@code conditional.conditions[].operator}), with the
 * same coercions as {@code @formio/core}'s operator classes; an array value matches when any element does.
 * Date operators are not supported and, like an unknown operator in formio, count as true.
 */
final class Operators {

    private static final ObjectMapper LENIENT = new ObjectMapper();

    private Operators() {
    }

    static boolean result(String operator, JsonNode value, JsonNode compared, Component target) {
        switch (operator) {
            case "isEmpty":
                return isEmpty(target, value);
            case "isNotEmpty":
                return !isEmpty(target, value);
            default:
                break;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (execute(operator, item, compared, target)) {
                    return true;
                }
            }
            return false;
        }
        return execute(operator, value, compared, target);
    }

    private static boolean execute(String operator, JsonNode value, JsonNode compared, Component target) {
        return switch (operator) {
            case "isEqual" -> isEqual(value, compared, target);
            case "isNotEqual" -> !isEqual(value, compared, target);
            case "lessThan" -> value.isNumber() && JsValues.lessThan(value, compared);
            case "greaterThan" -> value.isNumber() && JsValues.lessThan(compared, value);
            case "lessThanOrEqual" -> value.isNumber() && !JsValues.lessThan(compared, value)
                    && !Double.isNaN(JsValues.toNumber(compared));
            case "greaterThanOrEqual" -> value.isNumber() && !JsValues.lessThan(value, compared)
                    && !Double.isNaN(JsValues.toNumber(compared));
            case "includes" -> includes(value, compared);
            case "notIncludes" -> !includes(value, compared);
            case "startsWith" -> !JsValues.isNil(value) && lodashString(value).startsWith(lodashString(compared));
            case "endsWith" -> !JsValues.isNil(value) && lodashString(value).endsWith(lodashString(compared));
            default -> true;
        };
    }

    private static boolean isEqual(JsonNode value, JsonNode compared, Component target) {
        if (target != null && target.type.equals("selectboxes") && value.isContainerNode()) {
            JsonNode v = Conditions.lodashGet(value, JsValues.toJsString(compared));
            return JsValues.truthy(v) || (v.isBoolean() && v.booleanValue());
        }
        JsonNode cmp = compared;
        boolean valuePresent = JsValues.truthy(value) || (value.isBoolean() && !value.booleanValue());
        if (valuePresent && JsValues.truthy(cmp) && cmp.isTextual() && !sameJsType(value, cmp)) {
            try {
                cmp = LENIENT.readTree(cmp.textValue());
                if (cmp == null) {
                    cmp = compared;
                }
            } catch (Exception ignored) {
                cmp = compared;
            }
        }
        return JsValues.deepEquals(value, cmp);
    }

    private static boolean sameJsType(JsonNode a, JsonNode b) {
        return (a.isTextual() && b.isTextual()) || (a.isNumber() && b.isNumber())
                || (a.isBoolean() && b.isBoolean()) || (a.isContainerNode() && b.isContainerNode());
    }

    private static boolean includes(JsonNode value, JsonNode compared) {
        if (value.isTextual()) {
            return value.textValue().contains(JsValues.toJsString(compared));
        }
        if (value.isContainerNode()) {
            for (JsonNode item : value) {
                if (JsValues.strictEquals(item, compared)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lodashString(JsonNode v) {
        return JsValues.isNil(v) ? "" : JsValues.toJsString(v);
    }

    /** formio's isComponentDataEmpty for the component types we support. */
    static boolean isEmpty(Component target, JsonNode value) {
        if (target == null) {
            return isValueEmpty(null, value);
        }
        switch (target.type) {
            case "checkbox":
                return isValueEmpty(target, value) || (value.isBoolean() && !value.booleanValue());
            case "selectboxes": {
                boolean none = true;
                if (value.isObject()) {
                    for (JsonNode v : value) {
                        if (JsValues.truthy(v)) {
                            none = false;
                            break;
                        }
                    }
                }
                return isValueEmpty(target, value) || none;
            }
            case "textarea":
                return isValueEmpty(target, value.isTextual() ? JsValues.NODES.textNode(value.textValue().strip())
                        : value);
            case "textfield", "phoneNumber":
                return isValueEmpty(target, JsValues.isNil(value) ? value
                        : JsValues.NODES.textNode(JsValues.toJsString(value).strip()));
            default:
                return isValueEmpty(target, value);
        }
    }

    private static boolean isValueEmpty(Component c, JsonNode value) {
        if (JsValues.isNil(value) || (value.isTextual() && value.textValue().isEmpty())) {
            return true;
        }
        if (value.isArray()) {
            if (value.size() == 0) {
                return true;
            }
            if (value.size() == 1 && c != null) {
                JsonNode only = value.get(0);
                return switch (c.type) {
                    case "textarea", "textfield", "time", "datetime", "day" -> only.isTextual()
                            && only.textValue().isEmpty();
                    default -> only.isNull();
                };
            }
        }
        return false;
    }
}
