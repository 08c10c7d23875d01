package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validation step of {@code @formio/core} ({@code validateProcessSync} with its client and evaluation rules), run
 * on one component after its children. Rules run in formio's order and every rule that fails adds an error; an error
 * with the same message key at the same path is reported once. For {@code multiple} components each element is
 * checked, but, as in formio, errors carry the component's path and repeat at most once per rule.
 */
final class Validator {

    /** Receives one error: the formio path, the message key used for de-duplication, the final message. */
    interface ErrorSink {
        void add(String path, String errorKey, String message);
    }

    private static final ObjectMapper LENIENT = new ObjectMapper();

    private Validator() {
    }

    /** A rule's verdict: the message key (or a designer's message) plus the values its template refers to. */
    record Failure(String key, Map<String, String> params) {
        static Failure of(String key) {
            return new Failure(key, Map.of());
        }

        static Failure of(String key, String param, String value) {
            return new Failure(key, Map.of(param, value));
        }
    }

    /** One rule: whether it applies to the (whole) value, and its check of one value. */
    interface Rule {
        boolean applies(Component c, JsonNode value);

        Failure check(Component c, JsonNode value, RuleContext ctx);

        default boolean fullValue() {
            return false;
        }
    }

    /** What a rule may read besides the value: the submission, the row, the component's path. */
    record RuleContext(JsonNode data, JsonNode row, String path) {
    }

    static void validate(SubmissionProcessor.Ctx ctx, ObjectNode data, ErrorSink sink) {
        Component c = ctx.component();
        if (shouldSkip(ctx)) {
            return;
        }
        JsonNode value = ctx.path().get(data);
        String path = ctx.path().toString();
        RuleContext rc = new RuleContext(data, ctx.path().parent().get(data), path);
        List<Rule> rules = Rules.ALL;
        if (c.multiple() && value.isArray() && value.size() > 0) {
            List<Rule> applicable = new ArrayList<>();
            for (Rule r : rules) {
                if (!r.fullValue() && safeApplies(r, c, value)) {
                    applicable.add(r);
                }
            }
            for (JsonNode item : value) {
                JsonNode amended = item;
                if (c.flag("truncateMultipleSpaces") && amended.isTextual() && !amended.textValue().isEmpty()) {
                    amended = JsValues.NODES.textNode(amended.textValue().strip().replaceAll("\\s{2,}", " "));
                }
                for (Rule r : applicable) {
                    report(c, safeCheck(r, c, amended, rc), path, sink);
                }
            }
            for (Rule r : rules) {
                if (r.fullValue()) {
                    report(c, safeCheck(r, c, value, rc), path, sink);
                }
            }
            return;
        }
        if (c.flag("truncateMultipleSpaces") && value.isTextual() && !value.textValue().isEmpty()) {
            value = JsValues.NODES.textNode(value.textValue().strip().replaceAll("\\s{2,}", " "));
        }
        for (Rule r : rules) {
            if (safeApplies(r, c, value)) {
                report(c, safeCheck(r, c, value, rc), path, sink);
            }
        }
    }

    /** formio's _shouldSkipValidation: not an input, not persistent, or hidden and not validateWhenHidden. */
    private static boolean shouldSkip(SubmissionProcessor.Ctx ctx) {
        Component c = ctx.component();
        if (!c.isInput()) {
            return true;
        }
        if (!c.flag("protected")) {
            JsonNode persistent = c.json.get("persistent");
            if ((persistent != null && !JsValues.truthy(persistent))
                    || (persistent != null && persistent.isTextual() && persistent.textValue().equals("client-only"))) {
                return true;
            }
        }
        return !c.flag("validateWhenHidden") && (ctx.hidden() || ctx.intentionallyHidden());
    }

    private static boolean safeApplies(Rule r, Component c, JsonNode value) {
        try {
            return r.applies(c, value);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** formio logs and ignores a rule that throws (a broken pattern, malformed select data); so do we. */
    private static Failure safeCheck(Rule r, Component c, JsonNode value, RuleContext rc) {
        try {
            return r.applies(c, value) ? r.check(c, value, rc) : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static void report(Component c, Failure failure, String path, ErrorSink sink) {
        if (failure == null) {
            return;
        }
        String key = failure.key();
        JsonNode customMessage = c.validate("customMessage");
        if (JsValues.truthy(customMessage)) {
            key = JsValues.toJsString(customMessage);
        }
        Map<String, String> params = new LinkedHashMap<>(failure.params());
        params.put("field", c.errorField());
        JsonNode custom = c.json.path("errors").path(key);
        String template = JsValues.truthy(custom) ? JsValues.toJsString(custom)
                : ErrorMessages.EN.getOrDefault(key, key);
        sink.add(path, key, ErrorMessages.interpolate(template, params));
    }

    static String settingString(JsonNode setting) {
        return JsValues.toJsString(setting);
    }

    static JsonNode parseJsonLenient(String text) {
        try {
            return LENIENT.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Compiles formio's {@code ^pattern$}; JavaScript's {@code $} is an absolute end, hence {@code \z}. */
    static Pattern anchored(String pattern) {
        try {
            return Pattern.compile("^" + pattern + "\\z");
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
