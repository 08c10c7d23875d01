package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSONLogic evaluator with json-logic-js semantics (the library formio.js uses), for the operators designers use in
 * {@code conditional.json} and {@code validate.json}. JSONLogic is data, not code: it cannot loop forever or reach
 * anything but the values we hand it, which is why it is the one form of logic Flowdesk accepts in definitions.
 * Evaluation is bounded in depth and steps; an unknown operator or exhausted budget raises {@link LogicException}.
 */
final class JsonLogic {

    static final int MAX_DEPTH = 64;
    static final int MAX_STEPS = 100_000;

    /** Thrown for an unknown operator or a rule too large to evaluate; callers treat it like formio's eval error. */
    static final class LogicException extends RuntimeException {
        LogicException(String message) {
            super(message, null, false, false);
        }
    }

    private int steps;

    /** Applies {@code logic} to {@code data}; returns the JSON result (MissingNode for undefined). */
    static JsonNode apply(JsonNode logic, JsonNode data) {
        return new JsonLogic().eval(logic, data, 0);
    }

    /** json-logic-js truthiness: like JavaScript, except that an empty array is falsy. */
    static boolean truthy(JsonNode v) {
        if (v != null && v.isArray()) {
            return v.size() > 0;
        }
        return JsValues.truthy(v);
    }

    private JsonNode eval(JsonNode logic, JsonNode data, int depth) {
        if (++steps > MAX_STEPS || depth > MAX_DEPTH) {
            throw new LogicException("the JSONLogic rule is too large");
        }
        if (logic == null) {
            return MissingNode.getInstance();
        }
        if (logic.isArray()) {
            ArrayNode out = JsValues.NODES.arrayNode();
            for (JsonNode item : logic) {
                out.add(materialize(eval(item, data, depth + 1)));
            }
            return out;
        }
        if (!isLogic(logic)) {
            return logic;
        }
        Map.Entry<String, JsonNode> entry = logic.fields().next();
        String op = entry.getKey();
        JsonNode raw = entry.getValue();
        List<JsonNode> args = new ArrayList<>();
        if (raw.isArray()) {
            raw.forEach(args::add);
        } else {
            args.add(raw);
        }
        switch (op) {
            case "if", "?:" -> {
                int i = 0;
                for (; i < args.size() - 1; i += 2) {
                    if (truthy(eval(args.get(i), data, depth + 1))) {
                        return eval(args.get(i + 1), data, depth + 1);
                    }
                }
                return i == args.size() - 1 ? eval(args.get(i), data, depth + 1) : JsValues.nullNode();
            }
            case "and" -> {
                JsonNode current = MissingNode.getInstance();
                for (JsonNode a : args) {
                    current = eval(a, data, depth + 1);
                    if (!truthy(current)) {
                        return current;
                    }
                }
                return current;
            }
            case "or" -> {
                JsonNode current = MissingNode.getInstance();
                for (JsonNode a : args) {
                    current = eval(a, data, depth + 1);
                    if (truthy(current)) {
                        return current;
                    }
                }
                return current;
            }
            default -> {
                // eager operators below
            }
        }
        List<JsonNode> v = new ArrayList<>(args.size());
        for (JsonNode a : args) {
            v.add(eval(a, data, depth + 1));
        }
        JsonNode a = v.isEmpty() ? MissingNode.getInstance() : v.get(0);
        JsonNode b = v.size() < 2 ? MissingNode.getInstance() : v.get(1);
        return switch (op) {
            case "var" -> variable(data, a, b);
            case "missing" -> missing(data, v);
            case "missing_some" -> missingSome(data, a, b);
            case "==" -> bool(JsValues.looseEquals(a, b));
            case "===" -> bool(JsValues.strictEquals(a, b));
            case "!=" -> bool(!JsValues.looseEquals(a, b));
            case "!==" -> bool(!JsValues.strictEquals(a, b));
            case "!" -> bool(!truthy(a));
            case "!!" -> bool(truthy(a));
            case ">" -> bool(JsValues.lessThan(b, a));
            case ">=" -> bool(!JsValues.lessThan(a, b) && comparable(a, b));
            case "<" -> v.size() > 2
                    ? bool(JsValues.lessThan(a, b) && JsValues.lessThan(b, v.get(2)))
                    : bool(JsValues.lessThan(a, b));
            case "<=" -> v.size() > 2
                    ? bool(lessOrEqual(a, b) && lessOrEqual(b, v.get(2)))
                    : bool(lessOrEqual(a, b));
            case "in" -> in(a, b);
            case "cat" -> {
                StringBuilder sb = new StringBuilder();
                for (JsonNode x : v) {
                    sb.append(JsValues.toJsString(x));
                }
                yield JsValues.NODES.textNode(sb.toString());
            }
            case "substr" -> substr(a, b, v.size() > 2 ? v.get(2) : MissingNode.getInstance());
            case "+" -> {
                double sum = 0;
                for (JsonNode x : v) {
                    sum += JsValues.parseFloat(x);
                }
                yield JsValues.number(sum);
            }
            case "*" -> {
                double product = 1;
                for (JsonNode x : v) {
                    product *= JsValues.parseFloat(x);
                }
                yield JsValues.number(product);
            }
            case "-" -> v.size() < 2 ? JsValues.number(-JsValues.toNumber(a))
                    : JsValues.number(JsValues.toNumber(a) - JsValues.toNumber(b));
            case "/" -> JsValues.number(JsValues.toNumber(a) / JsValues.toNumber(b));
            case "%" -> JsValues.number(JsValues.toNumber(a) % JsValues.toNumber(b));
            case "min", "max" -> minMax(op, v);
            case "merge" -> {
                ArrayNode out = JsValues.NODES.arrayNode();
                for (JsonNode x : v) {
                    if (x.isArray()) {
                        x.forEach(out::add);
                    } else {
                        out.add(materialize(x));
                    }
                }
                yield out;
            }
            case "log" -> a;
            default -> throw new LogicException("unrecognized JSONLogic operation " + op);
        };
    }

    private static boolean isLogic(JsonNode logic) {
        return logic.isObject() && logic.size() == 1;
    }

    private static JsonNode materialize(JsonNode v) {
        return v.isMissingNode() ? JsValues.nullNode() : v;
    }

    private static JsonNode bool(boolean b) {
        return JsValues.NODES.booleanNode(b);
    }

    private static boolean lessOrEqual(JsonNode a, JsonNode b) {
        return !JsValues.lessThan(b, a) && comparable(a, b);
    }

    /** a >= b is !(a < b) in JavaScript only when neither side is NaN. */
    private static boolean comparable(JsonNode a, JsonNode b) {
        boolean strings = a.isTextual() && b.isTextual();
        return strings || (!Double.isNaN(JsValues.toNumber(primitive(a))) && !Double.isNaN(JsValues.toNumber(primitive(b))));
    }

    private static JsonNode primitive(JsonNode v) {
        return v.isContainerNode() ? JsValues.NODES.textNode(JsValues.toJsString(v)) : v;
    }

    /** {"var": "a.b"} with an optional default; numbers index arrays. */
    static JsonNode variable(JsonNode data, JsonNode name, JsonNode fallback) {
        String path = JsValues.isNil(name) ? "" : JsValues.toJsString(name);
        if (path.isEmpty()) {
            return data;
        }
        JsonNode cur = data;
        for (String part : path.split("\\.", -1)) {
            if (cur == null || cur.isNull() || cur.isMissingNode()) {
                return JsValues.isUndefined(fallback) ? JsValues.nullNode() : fallback;
            }
            if (cur.isObject()) {
                cur = cur.get(part);
            } else if (cur.isArray() && part.matches("\\d{1,9}")) {
                cur = cur.get(Integer.parseInt(part));
            } else if (cur.isTextual() && part.equals("length")) {
                cur = JsValues.NODES.numberNode(cur.textValue().length());
            } else {
                cur = null;
            }
            if (cur == null) {
                return JsValues.isUndefined(fallback) ? JsValues.nullNode() : fallback;
            }
        }
        return cur;
    }

    private static JsonNode missing(JsonNode data, List<JsonNode> names) {
        ArrayNode out = JsValues.NODES.arrayNode();
        List<JsonNode> list = names;
        if (!names.isEmpty() && names.get(0).isArray()) {
            list = new ArrayList<>();
            names.get(0).forEach(list::add);
        }
        for (JsonNode n : list) {
            JsonNode value = variable(data, n, MissingNode.getInstance());
            if (JsValues.isNil(value) || (value.isTextual() && value.textValue().isEmpty())) {
                out.add(materialize(n));
            }
        }
        return out;
    }

    private static JsonNode missingSome(JsonNode data, JsonNode need, JsonNode names) {
        List<JsonNode> list = new ArrayList<>();
        if (names.isArray()) {
            names.forEach(list::add);
        }
        ArrayNode miss = (ArrayNode) missing(data, list);
        double needed = JsValues.toNumber(need);
        if (list.size() - miss.size() >= needed) {
            return JsValues.NODES.arrayNode();
        }
        return miss;
    }

    private static JsonNode in(JsonNode a, JsonNode b) {
        if (b.isTextual()) {
            return bool(b.textValue().contains(JsValues.toJsString(a)));
        }
        if (b.isArray()) {
            for (JsonNode x : b) {
                if (JsValues.strictEquals(x, a)) {
                    return bool(true);
                }
            }
            return bool(false);
        }
        return bool(false);
    }

    private static JsonNode substr(JsonNode source, JsonNode start, JsonNode length) {
        String s = JsValues.toJsString(source);
        int from = (int) JsValues.toNumber(start);
        if (from < 0) {
            from = Math.max(0, s.length() + from);
        }
        from = Math.min(from, s.length());
        String rest = s.substring(from);
        if (!JsValues.isUndefined(length)) {
            int len = (int) JsValues.toNumber(length);
            if (len < 0) {
                rest = rest.substring(0, Math.max(0, rest.length() + len));
            } else {
                rest = rest.substring(0, Math.min(len, rest.length()));
            }
        }
        return JsValues.NODES.textNode(rest);
    }

    private static JsonNode minMax(String op, List<JsonNode> v) {
        if (v.isEmpty()) {
            return JsValues.number(op.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }
        double r = op.equals("min") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        for (JsonNode x : v) {
            double d = JsValues.toNumber(x);
            if (Double.isNaN(d)) {
                return JsValues.number(Double.NaN);
            }
            r = op.equals("min") ? Math.min(r, d) : Math.max(r, d);
        }
        return JsValues.number(r);
    }

    /** Builds the data object formio hands to JSONLogic: data, row, value/input and a few helpers. */
    static ObjectNode context(JsonNode data, JsonNode row, JsonNode value) {
        ObjectNode ctx = JsValues.NODES.objectNode();
        ctx.set("data", data);
        ctx.set("row", JsValues.isUndefined(row) ? JsValues.nullNode() : row);
        if (!JsValues.isUndefined(value)) {
            ctx.set("value", value);
            ctx.set("input", value);
        }
        return ctx;
    }

}
