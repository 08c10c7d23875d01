package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A concrete data path ({@code grid[2].name}) as segments, with lodash's get/set/unset semantics, because formio
 * reads and writes submission data through lodash paths and its quirks (set creating rows, get through strings)
 * decide which values a validator sees.
 */
record DataPath(List<Object> segments) {

    /** Grids longer than this are not grown by a write; protects against "grid[999999999]" style abuse. */
    private static final int MAX_ARRAY_GROWTH = 10_000;

    static final DataPath ROOT = new DataPath(List.of());

    DataPath child(String key) {
        List<Object> s = new ArrayList<>(segments);
        s.add(key);
        return new DataPath(s);
    }

    DataPath index(int i) {
        List<Object> s = new ArrayList<>(segments);
        s.add(i);
        return new DataPath(s);
    }

    DataPath parent() {
        return segments.isEmpty() ? this : new DataPath(segments.subList(0, segments.size() - 1));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    /** The path as formio prints it: {@code container.grid[2].field}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }

    JsonNode get(JsonNode root) {
        JsonNode cur = root;
        for (Object s : segments) {
            if (cur == null || cur.isMissingNode() || cur.isNull()) {
                return MissingNode.getInstance();
            }
            if (s instanceof Integer i) {
                cur = cur.isArray() ? cur.get(i) : cur.isObject() ? cur.get(String.valueOf(i)) : null;
            } else {
                String k = (String) s;
                if (cur.isObject()) {
                    cur = cur.get(k);
                } else if (cur.isArray() && k.matches("\\d{1,9}")) {
                    cur = cur.get(Integer.parseInt(k));
                } else if (cur.isTextual() && k.equals("length")) {
                    cur = JsValues.NODES.numberNode(cur.textValue().length());
                } else {
                    cur = null;
                }
            }
        }
        return JsValues.orUndefined(cur);
    }

    /** lodash set: creates missing objects (or arrays before an index) and replaces non-objects on the way. */
    void set(ObjectNode root, JsonNode value) {
        if (segments.isEmpty()) {
            return;
        }
        JsonNode cur = root;
        for (int n = 0; n < segments.size(); n++) {
            Object s = segments.get(n);
            boolean last = n == segments.size() - 1;
            Object nextSeg = last ? null : segments.get(n + 1);
            if (cur.isObject()) {
                ObjectNode obj = (ObjectNode) cur;
                String k = String.valueOf(s);
                if (last) {
                    obj.set(k, value);
                    return;
                }
                JsonNode next = obj.get(k);
                if (next == null || !next.isContainerNode()) {
                    next = nextSeg instanceof Integer ? obj.putArray(k) : obj.putObject(k);
                }
                cur = next;
            } else if (cur.isArray() && s instanceof Integer i) {
                ArrayNode arr = (ArrayNode) cur;
                if (i >= arr.size() + MAX_ARRAY_GROWTH) {
                    return;
                }
                while (arr.size() <= i) {
                    arr.addNull();
                }
                if (last) {
                    arr.set(i, value);
                    return;
                }
                JsonNode next = arr.get(i);
                if (next == null || !next.isContainerNode()) {
                    next = nextSeg instanceof Integer ? JsValues.NODES.arrayNode() : JsValues.NODES.objectNode();
                    arr.set(i, next);
                }
                cur = next;
            } else {
                return;
            }
        }
    }

    void unset(JsonNode root) {
        if (segments.isEmpty()) {
            return;
        }
        JsonNode parent = parent().get(root);
        Object last = segments.get(segments.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).remove(String.valueOf(last));
        } else if (parent.isArray() && last instanceof Integer i && i < parent.size()) {
            // lodash unset on an array index leaves a hole, which serializes as null
            ((ArrayNode) parent).set(i, JsValues.nullNode());
        }
    }

    boolean has(JsonNode root) {
        if (segments.isEmpty()) {
            return true;
        }
        JsonNode parent = parent().get(root);
        Object last = segments.get(segments.size() - 1);
        if (parent.isObject()) {
            return parent.has(String.valueOf(last));
        }
        if (parent.isArray() && last instanceof Integer i) {
            return i < parent.size();
        }
        return false;
    }
}
