package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.flowdesk.forms.Validator.Failure;
import dev.flowdesk.forms.Validator.Rule;
import dev.flowdesk.forms.Validator.RuleContext;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validation rules of {@code @formio/core}, one per formio rule file, in the order of its {@code rules} list
 * (client rules, then evaluation rules). Each mirrors formio's {@code shouldValidate} guard and check, including
 * the quirks (min/max parse strings with parseFloat, length rules ignore non-strings, membership is only checked
 * with {@code validate.onlyAvailableItems}), since matching formio is the point.
 */
final class Rules {

    private Rules() {
    }

    // From formio: http://stackoverflow.com/questions/46155/validate-email-address-in-javascript
    static final Pattern EMAIL = Pattern.compile("^(([^<>()\\[\\]\\\\.,;:\\s@\"]+(\\.[^<>()\\[\\]\\\\.,;:\\s@\"]+)*)"
            + "|(\".+\"))@((\\[[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}])|(([a-zA-Z\\-0-9]+\\.)+[a-zA-Z]{2,}))\\z");

    private static final String URL_HOST = "(?:(?!(?:10|127)(?:\\.\\d{1,3}){3})(?!(?:169\\.254|192\\.168)(?:\\.\\d{1,3}){2})"
            + "(?!172\\.(?:1[6-9]|2\\d|3[0-1])(?:\\.\\d{1,3}){2})(?:[1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3])"
            + "(?:\\.(?:1?\\d{1,2}|2[0-4]\\d|25[0-5])){2}(?:\\.(?:[1-9]\\d?|1\\d\\d|2[0-4]\\d|25[0-4]))"
            + "|(?:(?:[a-z\\u00a1-\\uffff0-9]-*)*[a-z\\u00a1-\\uffff0-9]+)(?:\\.(?:[a-z\\u00a1-\\uffff0-9]-*)*"
            + "[a-z\\u00a1-\\uffff0-9]+)*";
    static final Pattern URL = Pattern.compile("^(?:(?:(?:https?|ftp):)?//)?(?:\\S+(?::\\S*)?@)?" + URL_HOST
            + "(?:\\.(?:[a-z\\u00a1-\\uffff]{2,})))(?::\\d{2,5})?(?:[/?#]\\S*)?\\z", Pattern.CASE_INSENSITIVE);
    static final Pattern URL_NO_TLD = Pattern.compile("^(?:https?|ftp)://(?:\\S+(?::\\S*)?@)?" + URL_HOST
            + "(?:\\.(?:[a-z\\u00a1-\\uffff]{2,}))?)(?::\\d{2,5})?(?:[/?#]\\S*)?\\z", Pattern.CASE_INSENSITIVE);

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\ufeff\\u1680\\u2000-\\u200a\\u2028\\u2029"
            + "\\u202f\\u205f\\u3000]+");

    /** Longer values are not pattern-matched: a designer's regex must not let a 10 MB submission pin a CPU. */
    static final int MAX_PATTERN_INPUT = 100_000;

    static final List<Rule> ALL = List.of(
            rule(Rules::dateApplies, Rules::date),
            rule(Rules::dayApplies, Rules::day),
            rule((c, v) -> c.type.equals("email") && JsValues.truthy(v), Rules::email),
            rule((c, v) -> c.validate("json").isContainerNode(), Rules::json),
            rule(Rules::maskApplies, Rules::mask),
            rule((c, v) -> DateLimits.dayApplies(c, v, "maxDate"), (c, v, ctx) -> DateLimits.day(c, v, "maxDate")),
            rule((c, v) -> DateLimits.dateApplies(c, v, "maxDate"), (c, v, ctx) -> DateLimits.date(c, v, "maxDate")),
            rule((c, v) -> lengthApplies(c, v, "maxLength"), Rules::maxLength),
            rule((c, v) -> selectedCountApplies(c, v, "maxSelectedCount"), Rules::maxSelectedCount),
            rule((c, v) -> valueApplies(c, v, "max"), (c, v, ctx) -> value(c, v, "max")),
            rule((c, v) -> wordsApplies(c, v, "maxWords"), Rules::maxWords),
            rule((c, v) -> yearApplies(c, "maxYear"), (c, v, ctx) -> year(c, v, "maxYear")),
            rule((c, v) -> DateLimits.dayApplies(c, v, "minDate"), (c, v, ctx) -> DateLimits.day(c, v, "minDate")),
            rule((c, v) -> DateLimits.dateApplies(c, v, "minDate"), (c, v, ctx) -> DateLimits.date(c, v, "minDate")),
            rule((c, v) -> lengthApplies(c, v, "minLength"), Rules::minLength),
            rule((c, v) -> selectedCountApplies(c, v, "minSelectedCount"), Rules::minSelectedCount),
            rule((c, v) -> valueApplies(c, v, "min"), (c, v, ctx) -> value(c, v, "min")),
            rule((c, v) -> wordsApplies(c, v, "minWords"), Rules::minWords),
            rule((c, v) -> yearApplies(c, "minYear"), (c, v, ctx) -> year(c, v, "minYear")),
            multipleRule(),
            rule(Rules::patternApplies, Rules::pattern),
            rule((c, v) -> c.required(), Rules::required),
            rule(Rules::requiredDayApplies, Rules::requiredDay),
            rule((c, v) -> c.type.equals("time"), Rules::time),
            rule(Rules::urlApplies, Rules::url),
            rule(Rules::numberApplies, (c, v, ctx) -> JsValues.truthy(v) && !v.isNumber() ? Failure.of("number") : null),
            rule(Rules::availableItemsApplies, Rules::availableItems));

    private interface Applies {
        boolean test(Component c, JsonNode value);
    }

    private interface Check {
        Failure check(Component c, JsonNode value, RuleContext ctx);
    }

    private static Rule rule(Applies applies, Check check) {
        return new Rule() {
            @Override
            public boolean applies(Component c, JsonNode value) {
                return applies.test(c, value);
            }

            @Override
            public Failure check(Component c, JsonNode value, RuleContext ctx) {
                return check.check(c, value, ctx);
            }
        };
    }

    // ---- required -------------------------------------------------------------------------------------------

    private static Failure required(Component c, JsonNode value, RuleContext ctx) {
        return hasValue(c, value) ? null : Failure.of("required");
    }

    /** formio's componentHasValue. */
    static boolean hasValue(Component c, JsonNode value) {
        if (c.type.equals("day") && value.isTextual() && value.textValue().equals("00/00/0000")) {
            return false;
        }
        boolean nested = c.kind == ComponentKind.ROWS || c.kind == ComponentKind.OBJECT || c.flag("tree");
        if (c.type.equals("checkbox") || c.type.equals("selectboxes")) {
            return valueIsPresent(value, false, nested, 0);
        }
        return valueIsPresent(value, true, nested && c.kind != ComponentKind.OBJECT, 0);
    }

    private static boolean valueIsPresent(JsonNode value, boolean considerFalseTruthy, boolean skipObjectValue,
                                          int depth) {
        if (JsValues.isNil(value) || (value.isTextual() && jsTrim(value.textValue()).isEmpty())
                || (!considerFalseTruthy && value.isBoolean() && !value.booleanValue())) {
            return false;
        }
        if (value.isContainerNode() && value.size() == 0) {
            return false;
        }
        if (value.isContainerNode() && !skipObjectValue) {
            if (depth > JsValues.MAX_VALUE_DEPTH) {
                return true;
            }
            for (JsonNode v : value) {
                if (valueIsPresent(v, considerFalseTruthy, false, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (value.isArray()) {
            return arrayHasValue(value);
        }
        return true;
    }

    /** formio's doesArrayDataHaveValue: rows count only if some cell holds something (0 does, null does not). */
    private static boolean arrayHasValue(JsonNode array) {
        boolean allRows = true;
        for (JsonNode item : array) {
            allRows &= item.isObject();
        }
        for (JsonNode item : array) {
            if (allRows) {
                for (JsonNode cell : item) {
                    if (hasValueLoose(cell)) {
                        return true;
                    }
                }
            } else if (hasValueLoose(item)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasValueLoose(JsonNode v) {
        if (v.isContainerNode()) {
            return v.size() > 0;
        }
        return (v.isNumber() && !Double.isNaN(v.doubleValue())) || JsValues.truthy(v);
    }

    // ---- text ---------------------------------------------------------------------------------------------

    private static JsonNode intSetting(Component c, String name) {
        JsonNode v = c.validate(name);
        if (v.isTextual()) {
            return JsValues.number(parseInt(v.textValue()));
        }
        return v;
    }

    /** parseInt(s, 10): leading integer digits, else NaN. */
    static double parseInt(String s) {
        java.util.regex.Matcher m = Pattern.compile("^\\s*([+-]?\\d+)").matcher(s.length() > 400 ? s.substring(0, 400) : s);
        if (!m.find()) {
            return Double.NaN;
        }
        return Double.parseDouble(m.group(1));
    }

    private static boolean lengthApplies(Component c, JsonNode value, String name) {
        if (!c.hasValidate(name) || !JsValues.truthy(value) || !value.isTextual()) {
            return false;
        }
        JsonNode setting = intSetting(c, name);
        return !JsValues.isUndefined(setting) && JsValues.truthy(setting) && !Double.isNaN(JsValues.toNumber(setting));
    }

    private static Failure maxLength(Component c, JsonNode value, RuleContext ctx) {
        JsonNode max = intSetting(c, "maxLength");
        if (value.textValue().length() > JsValues.toNumber(max)) {
            String s = JsValues.toJsString(max);
            return new Failure("maxLength", Map.of("length", s, "setting", s));
        }
        return null;
    }

    private static Failure minLength(Component c, JsonNode value, RuleContext ctx) {
        JsonNode min = intSetting(c, "minLength");
        if (value.textValue().length() < JsValues.toNumber(min)) {
            String s = JsValues.toJsString(min);
            return new Failure("minLength", Map.of("length", s, "setting", s));
        }
        return null;
    }

    private static boolean wordsApplies(Component c, JsonNode value, String name) {
        return c.hasValidate(name) && JsValues.truthy(intSetting(c, name)) && JsValues.truthy(value)
                && value.isTextual();
    }

    private static int wordCount(String s) {
        return WHITESPACE.split(jsTrim(s), -1).length;
    }

    /** String.prototype.trim: JavaScript's whitespace set is wider than Java's strip(). */
    static String jsTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isJsSpace(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\ufeff' || ch == '\u00a0';
    }

    private static Failure maxWords(Component c, JsonNode value, RuleContext ctx) {
        JsonNode max = intSetting(c, "maxWords");
        if (wordCount(value.textValue()) > JsValues.toNumber(max)) {
            String s = JsValues.toJsString(max);
            return new Failure("maxWords", Map.of("length", s, "setting", s));
        }
        return null;
    }

    private static Failure minWords(Component c, JsonNode value, RuleContext ctx) {
        JsonNode min = intSetting(c, "minWords");
        if (wordCount(value.textValue()) < JsValues.toNumber(min)) {
            String s = JsValues.toJsString(min);
            return new Failure("minWords", Map.of("length", s, "setting", s));
        }
        return null;
    }

    private static boolean patternApplies(Component c, JsonNode value) {
        return c.hasValidate("pattern") && JsValues.truthy(value) && JsValues.truthy(c.validate("pattern"))
                && value.isTextual();
    }

    private static Failure pattern(Component c, JsonNode value, RuleContext ctx) {
        String pattern = JsValues.toJsString(c.validate("pattern"));
        Pattern regex = Validator.anchored(pattern);
        if (regex == null) {
            return null;
        }
        String text = value.textValue();
        boolean matches = text.length() <= MAX_PATTERN_INPUT
                && regex.matcher(new BoundedCharSequence(text)).find();
        if (matches) {
            return null;
        }
        JsonNode message = c.validate("patternMessage");
        String key = JsValues.truthy(message) ? JsValues.toJsString(message) : "pattern";
        return new Failure(key, Map.of("regex", pattern, "pattern", pattern, "setting", pattern));
    }

    // ---- numbers ------------------------------------------------------------------------------------------

    private static JsonNode floatSetting(Component c, String name) {
        JsonNode v = c.validate(name);
        if (v.isTextual()) {
            return JsValues.number(JsValues.parseFloat(v));
        }
        return v;
    }

    private static boolean valueApplies(Component c, JsonNode value, String name) {
        if (!c.hasValidate(name) || Double.isNaN(JsValues.parseFloat(value))) {
            return false;
        }
        JsonNode setting = floatSetting(c, name);
        return !(setting.isNumber() && Double.isNaN(setting.doubleValue()));
    }

    private static Failure value(Component c, JsonNode value, String name) {
        JsonNode setting = floatSetting(c, name);
        if (JsValues.isUndefined(setting)) {
            return null;
        }
        double parsed = value.isTextual() ? JsValues.parseFloat(value) : JsValues.toNumber(value);
        if (Double.isNaN(parsed)) {
            return null;
        }
        double limit = JsValues.toNumber(setting);
        boolean ok = name.equals("min") ? parsed >= limit : parsed <= limit;
        if (ok) {
            return null;
        }
        String s = JsValues.toJsString(setting);
        return new Failure(name, Map.of(name, s, "setting", s));
    }

    private static boolean numberApplies(Component c, JsonNode value) {
        if (!JsValues.truthy(value)) {
            return false;
        }
        if (c.multiple() && value.isArray() && value.size() == 0) {
            return false;
        }
        return c.type.equals("number");
    }

    // ---- formats ------------------------------------------------------------------------------------------

    private static Failure email(Component c, JsonNode value, RuleContext ctx) {
        if (value.isTextual() && !matchesBounded(EMAIL, value.textValue())) {
            return Failure.of("invalid_email");
        }
        return null;
    }

    private static boolean urlApplies(Component c, JsonNode value) {
        if (!c.type.equals("url")) {
            return false;
        }
        if (c.multiple() && value.isArray() && value.size() == 0) {
            return false;
        }
        return JsValues.truthy(value);
    }

    private static Failure url(Component c, JsonNode value, RuleContext ctx) {
        if (!value.isTextual()) {
            return Failure.of("invalid_url");
        }
        String s = value.textValue();
        boolean ok = (matchesBounded(URL, s) || matchesBounded(URL_NO_TLD, s)) && !matchesBounded(EMAIL, s);
        return ok ? null : Failure.of("invalid_url");
    }

    private static boolean matchesBounded(Pattern p, String s) {
        return s.length() <= MAX_PATTERN_INPUT && p.matcher(new BoundedCharSequence(s)).find();
    }

    private static boolean maskApplies(Component c, JsonNode value) {
        if (c.type.equals("time") || !JsValues.truthy(value)) {
            return false;
        }
        boolean hasMask = JsValues.truthy(c.get("inputMask"))
                || (c.get("inputMasks").isContainerNode() && c.get("inputMasks").size() > 0);
        return hasMask && !JsValues.truthy(c.validate("skipMaskValidation"));
    }

    private static Failure mask(Component c, JsonNode value, RuleContext ctx) {
        String mask;
        String maskValue = null;
        if (c.flag("allowMultipleMasks") && c.get("inputMasks").isArray() && c.get("inputMasks").size() > 0) {
            mask = null;
            if (value.isObject() && value.path("maskName").isTextual() && value.path("value").isTextual()) {
                for (JsonNode m : c.get("inputMasks")) {
                    if (m.path("label").asText("").equals(value.get("maskName").textValue())) {
                        mask = JsValues.toJsString(m.get("mask"));
                    }
                }
                maskValue = value.get("value").textValue();
            }
        } else {
            mask = JsValues.truthy(c.get("inputMask")) ? JsValues.toJsString(c.get("inputMask")) : "";
        }
        if (mask == null || mask.isEmpty()) {
            return null;
        }
        String text = maskValue != null ? maskValue : value.isTextual() ? value.textValue() : JsValues.toJsString(value);
        if (value.isTextual() && c.type.equals("textfield")) {
            // Inputmask.isValid demands a complete match of the whole value
            return text.length() == mask.length() && matchInputMask(text, mask) ? null : Failure.of("mask");
        }
        return matchInputMask(text, mask) ? null : Failure.of("mask");
    }

    /** formio's matchInputMask: 9 digit, A letter, a lower-case letter, * alphanumeric, else the literal. */
    static boolean matchInputMask(String value, String mask) {
        if (value.length() > mask.length()) {
            return false;
        }
        for (int i = 0; i < mask.length(); i++) {
            // JavaScript tests the string "undefined" when the value is shorter than the mask
            String ch = i < value.length() ? String.valueOf(value.charAt(i)) : "undefined";
            char m = mask.charAt(i);
            switch (m) {
                case '9' -> {
                    if (!Pattern.compile("\\d").matcher(ch).find()) {
                        return false;
                    }
                }
                case 'A' -> {
                    if (!Pattern.compile("[a-zA-Z]").matcher(ch).find()) {
                        return false;
                    }
                }
                case 'a' -> {
                    if (!Pattern.compile("[a-z]").matcher(ch).find()) {
                        return false;
                    }
                }
                case '*' -> {
                    if (!Pattern.compile("[a-zA-Z0-9]").matcher(ch).find()) {
                        return false;
                    }
                }
                default -> {
                    if (!ch.equals(String.valueOf(m))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // ---- JSONLogic ----------------------------------------------------------------------------------------

    private static Failure json(Component c, JsonNode value, RuleContext ctx) {
        JsonNode logic = c.validate("json");
        JsonNode valid;
        try {
            valid = JsonLogic.apply(logic, JsonLogic.context(ctx.data(), ctx.row(),
                    JsValues.truthy(value) ? value : JsValues.nullNode()));
        } catch (JsonLogic.LogicException e) {
            return null;
        }
        if (valid.isNull()) {
            return null;
        }
        if (valid.isBoolean() && valid.booleanValue()) {
            return null;
        }
        return Failure.of(JsValues.truthy(valid) ? JsValues.toJsString(valid) : "jsonLogic");
    }

    // ---- dates and times ----------------------------------------------------------------------------------

    private static boolean dateApplies(Component c, JsonNode value) {
        if (!JsValues.truthy(value) || !c.type.equals("datetime")) {
            return false;
        }
        return !(c.multiple() && value.isArray() && value.size() == 0);
    }

    private static Failure date(Component c, JsonNode value, RuleContext ctx) {
        if (value.isTextual()) {
            String s = value.textValue();
            if (s.equalsIgnoreCase("invalid date") || !JsDates.isValid(s)) {
                return Failure.of("invalidDate");
            }
            return null;
        }
        return Failure.of("invalidDate");
    }

    private static boolean dayApplies(Component c, JsonNode value) {
        return JsValues.truthy(value) && c.type.equals("day");
    }

    private static Failure day(Component c, JsonNode value, RuleContext ctx) {
        if (!value.isTextual()) {
            return Failure.of("invalidDay");
        }
        int[] dmy = dayParts(c, value.textValue());
        double day = dmy[0] == Integer.MIN_VALUE ? Double.NaN : dmy[0];
        double month = dmy[1] == Integer.MIN_VALUE ? Double.NaN : dmy[1];
        double year = dmy[2] == Integer.MIN_VALUE ? Double.NaN : dmy[2];
        int maxDay = daysInMonth(Double.isNaN(month) ? -1 : (int) month, Double.isNaN(year) ? 0 : (int) year);
        if (Double.isNaN(day) || day < 0 || day > maxDay) {
            return Failure.of("invalidDay");
        }
        if (Double.isNaN(month) || month < 0 || month > 12) {
            return Failure.of("invalidDay");
        }
        if (Double.isNaN(year) || year < 0 || year > 9999) {
            return Failure.of("invalidDay");
        }
        return null;
    }

    /** Splits a day value into day, month, year as formio does; Integer.MIN_VALUE stands for NaN. */
    static int[] dayParts(Component c, String value) {
        String[] raw = value.split("/", -1);
        int[] values = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double d = parseInt(raw[i]);
            values[i] = Double.isNaN(d) || Math.abs(d) > 1e9 ? Integer.MIN_VALUE : (int) d;
        }
        boolean dayFirst = c.flag("dayFirst");
        int dayIdx = dayFirst ? 0 : 1;
        int monthIdx = dayFirst ? 1 : 0;
        int yearIdx = 2;
        int day = at(values, dayIdx);
        int month = at(values, monthIdx);
        int year = at(values, yearIdx);
        if (values.length != 3) {
            JsonNode fields = c.get("fields");
            boolean hideDay = JsValues.truthy(fields.path("day").get("hide"));
            boolean hideMonth = JsValues.truthy(fields.path("month").get("hide"));
            boolean hideYear = JsValues.truthy(fields.path("year").get("hide"));
            if (hideDay) {
                monthIdx = monthIdx == 0 ? 0 : monthIdx - 1;
                yearIdx = yearIdx - 1;
                day = 0;
                month = at(values, monthIdx);
                year = at(values, yearIdx);
            }
            if (hideMonth) {
                dayIdx = dayIdx == 0 ? 0 : dayIdx - 1;
                yearIdx = yearIdx - 1;
                day = hideDay && day == 0 ? 0 : at(values, dayIdx);
                month = 0;
                year = at(values, yearIdx);
            }
            if (hideYear) {
                day = hideDay && day == 0 ? 0 : at(values, dayIdx);
                month = hideMonth && month == 0 ? 0 : at(values, monthIdx);
                year = 0;
            }
        }
        return new int[] {day, month, year};
    }

    private static int at(int[] values, int i) {
        return i >= 0 && i < values.length ? values[i] : Integer.MIN_VALUE;
    }

    private static int daysInMonth(int month, int year) {
        return switch (month) {
            case 4, 6, 9, 11 -> 30;
            case 2 -> (year % 400 == 0 || (year % 100 != 0 && year % 4 == 0)) ? 29 : 28;
            default -> 31;
        };
    }

    private static boolean requiredDayApplies(Component c, JsonNode value) {
        if (!c.type.equals("day")) {
            return false;
        }
        JsonNode fields = c.get("fields");
        return JsValues.truthy(fields.path("day").get("required"))
                || JsValues.truthy(fields.path("month").get("required"))
                || JsValues.truthy(fields.path("year").get("required"));
    }

    private static Failure requiredDay(Component c, JsonNode value, RuleContext ctx) {
        if (!JsValues.truthy(value)) {
            return Failure.of("requiredDayEmpty");
        }
        if (!value.isTextual()) {
            return null;
        }
        int[] dmy = dayParts(c, value.textValue());
        JsonNode fields = c.get("fields");
        if (!jsTruthyInt(dmy[0]) && JsValues.truthy(fields.path("day").get("required"))) {
            return Failure.of("requiredDayField");
        }
        if (!jsTruthyInt(dmy[1]) && JsValues.truthy(fields.path("month").get("required"))) {
            return Failure.of("requiredMonthField");
        }
        if (!jsTruthyInt(dmy[2]) && JsValues.truthy(fields.path("year").get("required"))) {
            return Failure.of("requiredYearField");
        }
        return null;
    }

    private static boolean jsTruthyInt(int v) {
        return v != 0 && v != Integer.MIN_VALUE;
    }

    private static boolean yearApplies(Component c, String name) {
        if (!c.type.equals("day")) {
            return false;
        }
        JsonNode own = c.json.get(name);
        JsonNode field = c.get("fields").path("year").get(name);
        if (own == null && field == null) {
            return false;
        }
        return JsValues.truthy(own) || JsValues.truthy(field);
    }

    private static Failure year(Component c, JsonNode value, String name) {
        if (!value.isTextual() && !value.isNumber()) {
            return null;
        }
        String text = JsValues.toJsString(value);
        java.util.regex.Matcher m = Pattern.compile("\\d{4}\\z").matcher(text);
        String year = m.find() ? m.group() : null;
        JsonNode own = c.json.get(name);
        JsonNode field = c.get("fields").path("year").get(name);
        if (JsValues.truthy(own) && JsValues.truthy(field) && !JsValues.strictEquals(own, field)) {
            return null;
        }
        JsonNode limit = JsValues.truthy(own) ? own : field;
        if (!JsValues.truthy(limit) || year == null) {
            return null;
        }
        double y = Double.parseDouble(year);
        double l = JsValues.toNumber(limit);
        boolean ok = name.equals("maxYear") ? y <= l : y >= l;
        if (ok) {
            return null;
        }
        String s = JsValues.toJsString(limit);
        return new Failure(name, Map.of(name, s, "setting", s));
    }

    private static Failure time(Component c, JsonNode value, RuleContext ctx) {
        if (!JsValues.truthy(value) || Operators.isEmpty(c, value)) {
            return null;
        }
        String format = c.get("dataFormat").isTextual() && !c.get("dataFormat").textValue().isEmpty()
                ? c.get("dataFormat").textValue() : "HH:mm:ss";
        try {
            LocalTime.parse(JsValues.toJsString(value), Normalizer.dayjsFormatter(format));
            return null;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Failure.of("time");
        }
    }

    // ---- selections ---------------------------------------------------------------------------------------

    private static boolean selectedCountApplies(Component c, JsonNode value, String name) {
        return c.hasValidate(name) && JsValues.truthy(value) && JsValues.truthy(floatSetting(c, name));
    }

    private static int selectedCount(JsonNode value) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        int count = 0;
        for (JsonNode v : value) {
            if (!v.isBoolean()) {
                throw new IllegalArgumentException("non-boolean member");
            }
            if (v.booleanValue()) {
                count++;
            }
        }
        return count;
    }

    private static Failure minSelectedCount(Component c, JsonNode value, RuleContext ctx) {
        double min = JsValues.toNumber(floatSetting(c, "minSelectedCount"));
        int count = selectedCount(value);
        if (count <= 0 || count >= min) {
            return null;
        }
        JsonNode message = c.get("minSelectedCountMessage");
        String s = JsValues.toJsString(floatSetting(c, "minSelectedCount"));
        return new Failure(JsValues.truthy(message) ? JsValues.toJsString(message) : "minSelectedCount",
                Map.of("minCount", s, "setting", s));
    }

    private static Failure maxSelectedCount(Component c, JsonNode value, RuleContext ctx) {
        double max = JsValues.toNumber(floatSetting(c, "maxSelectedCount"));
        int count = selectedCount(value);
        if (count <= max) {
            return null;
        }
        JsonNode message = c.get("maxSelectedCountMessage");
        String s = JsValues.toJsString(floatSetting(c, "maxSelectedCount"));
        return new Failure(JsValues.truthy(message) ? JsValues.toJsString(message) : "maxSelectedCount",
                Map.of("maxCount", s, "setting", s));
    }

    private static boolean availableItemsApplies(Component c, JsonNode value) {
        if (JsValues.lodashIsEmpty(value)) {
            return false;
        }
        if (!JsValues.truthy(c.validate("onlyAvailableItems"))) {
            return false;
        }
        return c.type.equals("radio") || c.type.equals("selectboxes")
                || (c.type.equals("select") && !"resource".equals(c.get("dataSrc").asText(null)));
    }

    private static Failure availableItems(Component c, JsonNode value, RuleContext ctx) {
        String dataSrc = c.get("dataSrc").isTextual() ? c.get("dataSrc").textValue() : null;
        if (c.type.equals("radio")) {
            if ("url".equals(dataSrc)) {
                return null;
            }
            JsonNode values = c.get("values");
            if (!values.isArray()) {
                return null;
            }
            for (JsonNode option : values) {
                if (JsValues.strictEquals(JsValues.orUndefined(option.get("value")), value)) {
                    return null;
                }
            }
            return Failure.of("invalidOption");
        }
        if (c.type.equals("select")) {
            List<JsonNode> options = selectOptions(c);
            if (options == null) {
                return null;
            }
            for (JsonNode option : options) {
                if (value.isContainerNode()
                        ? option.isContainerNode() && option.toString().equals(value.toString())
                        : JsValues.strictEquals(option, value)) {
                    return null;
                }
            }
            return Failure.of("invalidOption");
        }
        if ("url".equals(dataSrc) || !value.isObject()) {
            return null;
        }
        Set<String> allowed = new HashSet<>();
        JsonNode values = c.get("values");
        if (values.isArray()) {
            for (JsonNode option : values) {
                allowed.add(JsValues.toJsString(JsValues.orUndefined(option.get("value"))));
            }
        }
        Iterator<String> keys = value.fieldNames();
        while (keys.hasNext()) {
            if (!allowed.contains(keys.next())) {
                return Failure.of("invalidOption");
            }
        }
        return null;
    }

    /** The option values of a select with static or JSON data; null when formio would not check (url, custom). */
    static List<JsonNode> selectOptions(Component c) {
        JsonNode data = c.get("data");
        String dataSrc = c.get("dataSrc").isTextual() ? c.get("dataSrc").textValue() : null;
        if (dataSrc == null && data.has("values")) {
            dataSrc = "values";
        }
        List<JsonNode> result = new ArrayList<>();
        if ("values".equals(dataSrc)) {
            JsonNode values = data.get("values");
            if (values == null || !values.isArray()) {
                throw new IllegalStateException("values are not an array");
            }
            for (JsonNode v : values) {
                result.add(JsValues.orUndefined(v.get("value")));
            }
            return result;
        }
        if ("json".equals(dataSrc)) {
            JsonNode json = data.get("json");
            if (json != null && json.isTextual()) {
                json = Validator.parseJsonLenient(json.textValue());
            }
            if (json == null || !json.isArray()) {
                throw new IllegalStateException("json values are not an array");
            }
            JsonNode valueProperty = c.get("valueProperty");
            for (JsonNode item : json) {
                if (JsValues.truthy(valueProperty)) {
                    result.add(item.isObject() ? JsValues.orUndefined(item.get(JsValues.toJsString(valueProperty)))
                            : MissingNode.getInstance());
                } else {
                    result.add(item);
                }
            }
            return result;
        }
        if ("url".equals(dataSrc)) {
            return null;
        }
        throw new IllegalStateException("unsupported data source");
    }

    // ---- multiple -----------------------------------------------------------------------------------------

    private static Rule multipleRule() {
        return new Rule() {
            @Override
            public boolean applies(Component c, JsonNode value) {
                return multipleEligible(c);
            }

            @Override
            public Failure check(Component c, JsonNode value, RuleContext ctx) {
                return multiple(c, value);
            }

            @Override
            public boolean fullValue() {
                return true;
            }
        };
    }

    private static boolean multipleEligible(Component c) {
        return switch (c.type) {
            case "hidden" -> c.multiple();
            case "textarea" -> "json".equals(c.get("as").asText(null)) && c.multiple();
            case "select" -> false;
            default -> true;
        };
    }

    private static boolean emptyValueIsArray(Component c) {
        return switch (c.type) {
            case "datagrid", "editgrid", "file" -> true;
            case "select", "textfield" -> c.multiple();
            case "tags" -> !"string".equals(c.get("storeas").asText(null));
            default -> true;
        };
    }

    private static Failure multiple(Component c, JsonNode value) {
        boolean required = c.required();
        boolean underlyingArray = c.kind == ComponentKind.ROWS
                || (c.type.equals("tags") && "array".equals(c.get("storeas").asText(null)));
        boolean isArray = value.isArray();
        if (c.multiple()) {
            if (isArray) {
                if (value.size() == 0) {
                    return required ? Failure.of("array_nonempty") : null;
                }
                if (underlyingArray) {
                    return null;
                }
                // formio's model type "any" (textarea, select, hidden, tags, file...) may hold nested arrays
                boolean anyModel = switch (c.type) {
                    case "textarea", "selectboxes", "tags", "select", "hidden", "button", "file" -> true;
                    default -> false;
                };
                return value.get(0).isArray() && !anyModel ? Failure.of("nonarray") : null;
            }
            return JsValues.isNil(value) ? (required ? Failure.of("array") : null) : Failure.of("array");
        }
        boolean canBeArray = emptyValueIsArray(c) || underlyingArray;
        return !canBeArray && isArray ? Failure.of("nonarray") : null;
    }
}
