package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * JavaScript value semantics over Jackson nodes. Form.io's engine is JavaScript, so "is this value empty", "do these
 * two values compare equal" and "what does this value print as" must follow JavaScript's rules, not Java's, or our
 * verdicts drift from the browser's. {@link MissingNode} stands for {@code undefined}.
 */
final class JsValues {

    /** Deeper values than this are treated as opaque; submissions nest far less, hostile ones more. */
    static final int MAX_VALUE_DEPTH = 64;

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private JsValues() {
    }

    static boolean isUndefined(JsonNode v) {
        return v == null || v.isMissingNode();
    }

    static boolean isNil(JsonNode v) {
        return v == null || v.isMissingNode() || v.isNull();
    }

    static JsonNode orUndefined(JsonNode v) {
        return v == null ? MissingNode.getInstance() : v;
    }

    /** JavaScript truthiness: undefined, null, false, 0, NaN and "" are falsy; objects and arrays are truthy. */
    static boolean truthy(JsonNode v) {
        if (isNil(v)) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v.isTextual()) {
            return !v.textValue().isEmpty();
        }
        return true;
    }

    static boolean isString(JsonNode v) {
        return v != null && v.isTextual();
    }

    /** lodash isObject: objects and arrays (functions do not occur in JSON). */
    static boolean isObjectLike(JsonNode v) {
        return v != null && (v.isObject() || v.isArray());
    }

    /** lodash isEmpty over JSON values: null, "", [], {} are empty, and so are numbers and booleans. */
    static boolean lodashIsEmpty(JsonNode v) {
        if (isNil(v)) {
            return true;
        }
        if (v.isTextual()) {
            return v.textValue().isEmpty();
        }
        if (v.isContainerNode()) {
            return v.size() == 0;
        }
        return true;
    }

    /** Number(v) in JavaScript. */
    static double toNumber(JsonNode v) {
        if (isUndefined(v)) {
            return Double.NaN;
        }
        if (v.isNull()) {
            return 0;
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return stringToNumber(v.textValue());
        }
        if (v.isArray()) {
            if (v.size() == 0) {
                return 0;
            }
            if (v.size() == 1) {
                return toNumber(v.get(0));
            }
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double stringToNumber(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return 0;
        }
        if (t.length() > 400) {
            return Double.NaN;
        }
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.equals("Infinity") || t.equals("+Infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            if (t.equals("-Infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
            // Java accepts "1d", "1f", "NaN"; JavaScript's Number() does not.
            char last = t.charAt(t.length() - 1);
            if (!Character.isDigit(last) && last != '.') {
                return Double.NaN;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** parseFloat(String(v)): the longest leading decimal literal, else NaN. */
    static double parseFloat(JsonNode v) {
        if (v != null && v.isNumber()) {
            return v.doubleValue();
        }
        String s = toJsString(v).stripLeading();
        if (s.length() > 400) {
            s = s.substring(0, 400);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^[+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)").matcher(s);
        if (!m.find()) {
            return Double.NaN;
        }
        String num = m.group();
        if (num.endsWith("Infinity")) {
            return num.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(num);
    }

    /** isFinite(v) (the global, coercing one). */
    static boolean isFiniteCoerced(JsonNode v) {
        double d = toNumber(v);
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    /** String(v) in JavaScript. */
    static String toJsString(JsonNode v) {
        return toJsString(v, 0);
    }

    private static String toJsString(JsonNode v, int depth) {
        if (isUndefined(v)) {
            return "undefined";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.booleanValue());
        }
        if (v.isNumber()) {
            return numberToString(v);
        }
        if (v.isArray()) {
            if (depth > MAX_VALUE_DEPTH) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                JsonNode e = v.get(i);
                if (!isNil(e)) {
                    sb.append(toJsString(e, depth + 1));
                }
            }
            return sb.toString();
        }
        return "[object Object]";
    }

    static String numberToString(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Long.toString(v.longValue());
        }
        return numberToString(v.doubleValue());
    }

    static String numberToString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return new BigDecimal(d).toPlainString();
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            BigDecimal bd = new BigDecimal(s);
            if (Math.abs(d) >= 1e-6) {
                return bd.stripTrailingZeros().toPlainString();
            }
            String[] parts = s.split("E");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            int exp = Integer.parseInt(parts[1]);
            return mantissa + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp);
        }
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static JsonNode number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.007199254740992E15) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }

    /** JavaScript's === for JSON values: objects and arrays are equal only to themselves. */
    static boolean strictEquals(JsonNode a, JsonNode b) {
        if (isUndefined(a) || isUndefined(b)) {
            return isUndefined(a) && isUndefined(b);
        }
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return a.booleanValue() == b.booleanValue();
        }
        return a.isContainerNode() && a == b;
    }

    /** JavaScript's == (abstract equality) for JSON values. */
    static boolean looseEquals(JsonNode a, JsonNode b) {
        if (isNil(a) || isNil(b)) {
            return isNil(a) && isNil(b);
        }
        if (a.isContainerNode() && b.isContainerNode()) {
            return a == b;
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().equals(b.textValue());
        }
        if (a.isContainerNode()) {
            return looseEquals(NODES.textNode(toJsString(a)), b);
        }
        if (b.isContainerNode()) {
            return looseEquals(a, NODES.textNode(toJsString(b)));
        }
        return toNumber(a) == toNumber(b);
    }

    /** The abstract relational comparison behind {@code <}: numbers unless both are strings. */
    static boolean lessThan(JsonNode a, JsonNode b) {
        JsonNode pa = toPrimitive(a);
        JsonNode pb = toPrimitive(b);
        if (pa.isTextual() && pb.isTextual()) {
            return pa.textValue().compareTo(pb.textValue()) < 0;
        }
        double x = toNumber(pa);
        double y = toNumber(pb);
        return x < y;
    }

    private static JsonNode toPrimitive(JsonNode v) {
        if (v != null && v.isContainerNode()) {
            return NODES.textNode(toJsString(v));
        }
        return orUndefined(v);
    }

    /** lodash isEqual for JSON values (deep, bounded). */
    static boolean deepEquals(JsonNode a, JsonNode b) {
        return deepEquals(a, b, 0);
    }

    private static boolean deepEquals(JsonNode a, JsonNode b, int depth) {
        if (isUndefined(a) || isUndefined(b)) {
            return isUndefined(a) && isUndefined(b);
        }
        if (depth > MAX_VALUE_DEPTH) {
            return false;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = a.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!b.has(e.getKey()) || !deepEquals(e.getValue(), b.get(e.getKey()), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!deepEquals(a.get(i), b.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isContainerNode() || b.isContainerNode()) {
            return false;
        }
        return strictEquals(a, b);
    }

    static JsonNode nullNode() {
        return NullNode.getInstance();
    }

    /** Depth of a value, counting no further than {@code limit}. */
    static int depth(JsonNode v, int limit) {
        if (v == null || !v.isContainerNode() || limit <= 0) {
            return 0;
        }
        int max = 0;
        for (JsonNode child : v) {
            max = Math.max(max, depth(child, limit - 1));
            if (max >= limit - 1) {
                break;
            }
        }
        return 1 + max;
    }
}
