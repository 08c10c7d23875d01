package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts formio's cleaned submission into Java values a process variable or ticket field can take: strings,
 * Long or BigDecimal, Boolean, LocalDate (day components, date-only datetimes), Instant (datetimes), List (multiple
 * values, grid rows as maps) and Map (containers, selectboxes as name to Boolean). The walk follows the components,
 * so only what the form defines is converted.
 */
final class TypedValues {

    private TypedValues() {
    }

    static Map<String, Object> of(List<Component> components, JsonNode filtered) {
        Map<String, Object> out = new LinkedHashMap<>();
        fill(components, filtered, out);
        return Collections.unmodifiableMap(out);
    }

    private static void fill(List<Component> components, JsonNode row, Map<String, Object> out) {
        for (Component c : components) {
            switch (c.kind) {
                case LAYOUT -> fill(c.children, row, out);
                case CONTENT -> {
                }
                case OBJECT -> {
                    JsonNode value = row.get(c.key);
                    if (value != null && value.isObject()) {
                        Map<String, Object> nested = new LinkedHashMap<>();
                        fill(c.children, value, nested);
                        out.put(c.key, Collections.unmodifiableMap(nested));
                    }
                }
                case ROWS -> {
                    JsonNode value = row.get(c.key);
                    if (value != null && value.isArray()) {
                        List<Object> rows = new ArrayList<>();
                        for (JsonNode r : value) {
                            Map<String, Object> nested = new LinkedHashMap<>();
                            if (r.isObject()) {
                                fill(c.children, r, nested);
                            }
                            rows.add(Collections.unmodifiableMap(nested));
                        }
                        out.put(c.key, Collections.unmodifiableList(rows));
                    }
                }
                default -> {
                    JsonNode value = row.get(c.key);
                    if (value != null && !value.isMissingNode()) {
                        out.put(c.key, input(c, value));
                    }
                }
            }
        }
    }

    private static Object input(Component c, JsonNode value) {
        if (value.isArray() && (c.multiple() || c.type.equals("file"))) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(c.type.equals("file") ? generic(item, 0) : single(c, item));
            }
            return Collections.unmodifiableList(items);
        }
        return single(c, value);
    }

    private static Object single(Component c, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        switch (c.type) {
            case "number", "currency":
                return value.isNumber() ? number(value) : generic(value, 0);
            case "checkbox":
                return value.isBoolean() ? value.booleanValue() : generic(value, 0);
            case "selectboxes": {
                if (!value.isObject()) {
                    return generic(value, 0);
                }
                Map<String, Boolean> boxes = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = value.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    boxes.put(e.getKey(), JsValues.truthy(e.getValue()));
                }
                return Collections.unmodifiableMap(boxes);
            }
            case "datetime": {
                if (!value.isTextual()) {
                    return generic(value, 0);
                }
                boolean dateOnly = c.json.has("enableTime") && !JsValues.truthy(c.json.get("enableTime"));
                if (dateOnly) {
                    LocalDate d = JsDates.localDate(value.textValue());
                    if (d != null) {
                        return d;
                    }
                }
                Instant instant = JsDates.parse(value.textValue());
                return instant != null ? instant : value.textValue();
            }
            case "day": {
                if (!value.isTextual()) {
                    return generic(value, 0);
                }
                LocalDate d = day(c, value.textValue());
                return d != null ? d : value.textValue();
            }
            default:
                return generic(value, 0);
        }
    }

    private static LocalDate day(Component c, String value) {
        if (!value.matches("\\d{2}/\\d{2}/\\d{4}")) {
            return null;
        }
        int[] dmy = Rules.dayParts(c, value);
        try {
            return LocalDate.of(dmy[2], dmy[1], dmy[0]);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Object number(JsonNode value) {
        if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                return value.longValue();
            }
            return new BigDecimal(value.bigIntegerValue());
        }
        BigDecimal d = value.decimalValue();
        if (value.isDouble() && (Double.isNaN(value.doubleValue()) || Double.isInfinite(value.doubleValue()))) {
            return null;
        }
        try {
            BigInteger exact = d.toBigIntegerExact();
            if (exact.bitLength() < 63) {
                return exact.longValue();
            }
            return new BigDecimal(exact);
        } catch (ArithmeticException notIntegral) {
            return new BigDecimal(JsValues.numberToString(value.doubleValue()));
        }
    }

    static Object generic(JsonNode value, int depth) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (depth > JsValues.MAX_VALUE_DEPTH) {
            return value.toString();
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : value) {
                items.add(generic(item, depth + 1));
            }
            return Collections.unmodifiableList(items);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), generic(e.getValue(), depth + 1)));
        return Collections.unmodifiableMap(map);
    }
}
