package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Refuses Form.io templates that would run code in a browser. formio.js renders the strings of a definition —
 * labels, html, tooltips, select item templates, edit grid rows, error messages, logic action texts and more —
 * through lodash templates, in which whatever stands between {@code {{ }}}, {@code {{{ }}}} or {@code {% %}} is
 * JavaScript run in the browser of whoever opens the form, and in the designer's builder. Designers are trusted to
 * change forms, not to run code in other users' browsers (DESIGN.md, "Trust boundary").
 *
 * <p>The check is an allow-list on the parsed definition, not a search for forbidden words: every string anywhere
 * in the tree is scanned exactly as lodash scans it (its delimiters, in its order, after formio's own removal of
 * {@code ctx.}), and a template is accepted only when it names a plain path from a root that formio fills with
 * data or message parameters ({@code {{ data.subject }}}, {@code {{ item.label }}}, {@code {{ row.items[0].name }}},
 * {@code {{ field }}}) — what the builder writes by default. Such a path reads a value and calls nothing, whether
 * the browser evaluates templates or (with formio's {@code noeval}, which the browser app sets as well) only looks
 * paths up. Roots that reach the page or the live component ({@code instance}, {@code window}, {@code document})
 * are not on the list. Every {@code {% %}} block, and an unclosed {@code {{} or {@code {%} that another text could
 * complete, is refused. Each problem names the component and the property path inside it.
 */
final class TemplateCheck {

    /** Where a refused template was found, in the parser's terms. */
    @FunctionalInterface
    interface Problems {
        void add(String componentKey, String property, String message);
    }

    /**
     * Roots formio puts into a template's context with data in them: the submission ({@code data}), the current
     * grid row, a select's item, a component's value and JSON, and the parameters of its validation messages.
     */
    static final Set<String> ROOTS = Set.of("data", "row", "rowIndex", "item", "value", "component",
            "field", "label", "key", "type", "length", "min", "max", "minLength", "maxLength", "minWords",
            "maxWords", "minCount", "maxCount", "minDate", "maxDate", "minYear", "maxYear", "pattern", "regex",
            "size", "count", "remaining", "componentKey");

    /** A path longer than this is not something a designer types; lodash would still run it, so it is refused. */
    private static final int MAX_PATH_LENGTH = 200;

    private static final String CODE = "templates may only name a data path like {{ data.subject }} or "
            + "{{ item.label }} (starting with data, row, item, value, component or a message parameter such as "
            + "field); formio.js runs anything else between {{ }} as JavaScript, which Flowdesk never allows: ";
    private static final String BLOCK = "{% %} blocks are JavaScript in formio.js templates, which Flowdesk never "
            + "allows; show values with a data path like {{ data.subject }}: ";
    private static final String UNCLOSED = "an unclosed {{ or {% could join other text into a template that runs as "
            + "JavaScript; close it as {{ data.subject }} or remove it: ";

    private final Problems problems;

    private TemplateCheck(Problems problems) {
        this.problems = problems;
    }

    /** Scans every string of the definition {@code root}; refusals go to {@code problems}. */
    static void check(JsonNode root, Problems problems) {
        new TemplateCheck(problems).walk(root, null, "", null, 0);
    }

    /**
     * @param owner       the key of the component the node belongs to ("" for the form or a component without key)
     * @param ownerPath   the owner's path from the root, used as the property prefix when it has no key
     * @param relative    the node's path inside its owner
     */
    private void walk(JsonNode node, String owner, String ownerPath, String relative, int depth) {
        if (depth > DefinitionParser.MAX_JSON_DEPTH) {
            // Unreachable from text (Jackson refuses the nesting first); a tree built otherwise is not waved through.
            report(owner, ownerPath, relative, "nested deeper than " + DefinitionParser.MAX_JSON_DEPTH
                    + " levels; its strings were not checked");
            return;
        }
        if (node.isTextual()) {
            String problem = problem(node.textValue());
            if (problem != null) {
                report(owner, ownerPath, relative, problem);
            }
        } else if (node.isArray()) {
            boolean holdsComponents = relative != null && (relative.equals("components")
                    || relative.endsWith(".components"));
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String at = join(relative, "[" + i + "]");
                if (holdsComponents && element.isObject()) {
                    // A component (or a tab pane): from here on, problems name it.
                    String absolute = join(ownerPath, at);
                    JsonNode key = element.get("key");
                    String k = key != null && key.isTextual() ? key.textValue() : "";
                    walk(element, k, absolute, null, depth + 1);
                } else {
                    walk(element, owner, ownerPath, at, depth + 1);
                }
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), owner, ownerPath, join(relative, field.getKey()), depth + 1);
            }
        }
    }

    private void report(String owner, String ownerPath, String relative, String problem) {
        String property = relative == null ? "" : relative;
        if (owner == null || owner.isEmpty()) {
            problems.add("", join(ownerPath, property), problem);
        } else {
            problems.add(owner, property, problem);
        }
    }

    private static String join(String prefix, String name) {
        if (prefix == null || prefix.isEmpty()) {
            return name == null ? "" : name;
        }
        if (name == null || name.isEmpty()) {
            return prefix;
        }
        return name.startsWith("[") ? prefix + name : prefix + "." + name;
    }

    /** Why {@code text} is refused, or null. formio drops every {@code ctx.} before compiling a template. */
    static String problem(String text) {
        if (text.indexOf('{') < 0) {
            return null;
        }
        String found = scan(text);
        if (found == null && text.contains("ctx.")) {
            found = scan(text.replace("ctx.", ""));
        }
        return found;
    }

    /**
     * Finds the templates in {@code text} as lodash's combined delimiter pattern does (formio's settings:
     * escape {@code \{\{\{([\s\S]+?)\}\}\}}, then interpolate {@code {{([\s\S]+?)}}}, then evaluate
     * {@code \{%([\s\S]+?)%\}}, leftmost first), in linear time: a hostile string of a million braces must not
     * cost a million searches to its end.
     */
    private static String scan(String text) {
        Closer tripleClose = new Closer(text, "}}}");
        Closer doubleClose = new Closer(text, "}}");
        Closer blockClose = new Closer(text, "%}");
        int i = text.indexOf('{');
        while (i >= 0) {
            if (text.startsWith("{{{", i)) {
                int close = tripleClose.from(i + 4);
                if (close >= 0) {
                    if (!isDataPath(text, i + 3, close)) {
                        return CODE + excerpt(text, i, close + 3);
                    }
                    i = text.indexOf('{', close + 3);
                    continue;
                }
            }
            if (text.startsWith("{{", i)) {
                int close = doubleClose.from(i + 3);
                if (close < 0) {
                    return UNCLOSED + excerpt(text, i, text.length());
                }
                if (!isDataPath(text, i + 2, close)) {
                    return CODE + excerpt(text, i, close + 2);
                }
                i = text.indexOf('{', close + 2);
                continue;
            }
            if (text.startsWith("{%", i)) {
                int close = blockClose.from(i + 3);
                return close < 0 ? UNCLOSED + excerpt(text, i, text.length()) : BLOCK + excerpt(text, i, close + 2);
            }
            i = text.indexOf('{', i + 1);
        }
        return null;
    }

    /**
     * {@code root(.name|[digits])*} with optional spaces around it; names are ASCII JavaScript identifiers, so no
     * call, operator, quote, escape or unusual whitespace can hide in one.
     */
    static boolean isDataPath(String text, int start, int end) {
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end - start > MAX_PATH_LENGTH) {
            return false;
        }
        int i = identifierEnd(text, start, end);
        if (i == start || !ROOTS.contains(text.substring(start, i))) {
            return false;
        }
        while (i < end) {
            char c = text.charAt(i);
            if (c == '.') {
                int next = identifierEnd(text, i + 1, end);
                if (next == i + 1) {
                    return false;
                }
                i = next;
            } else if (c == '[') {
                int j = i + 1;
                while (j < end && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                    j++;
                }
                if (j == i + 1 || j >= end || text.charAt(j) != ']') {
                    return false;
                }
                i = j + 1;
            } else {
                return false;
            }
        }
        return true;
    }

    private static int identifierEnd(String text, int start, int end) {
        if (start >= end || !(isLetter(text.charAt(start)))) {
            return start;
        }
        int i = start + 1;
        while (i < end && (isLetter(text.charAt(i)) || (text.charAt(i) >= '0' && text.charAt(i) <= '9'))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static String excerpt(String text, int from, int to) {
        String s = text.substring(from, Math.min(to, from + 80));
        return "'" + s + (to > from + 80 ? "…" : "") + "'";
    }

    /** The first occurrence of a closing delimiter at or after a position that only grows. */
    private static final class Closer {
        private final String text;
        private final String delimiter;
        private int searchedFrom = -1;
        private int found = -1;

        Closer(String text, String delimiter) {
            this.text = text;
            this.delimiter = delimiter;
        }

        int from(int position) {
            if (searchedFrom >= 0 && position >= searchedFrom && (found < 0 || found >= position)) {
                return found;
            }
            searchedFrom = position;
            found = text.indexOf(delimiter, position);
            return found;
        }
    }
}
