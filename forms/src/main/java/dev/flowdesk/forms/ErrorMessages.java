package dev.flowdesk.forms;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * formio's English validation messages ({@code @formio/core} i18n "en") and its {@code {{ name }}} interpolation,
 * so that the text the server returns matches what formio.js shows at the field. On the server formio does not
 * unescape HTML entities in messages (it has no DOM), so neither do we.
 */
final class ErrorMessages {

    static final Map<String, String> EN = Map.ofEntries(
            Map.entry("invalidOption", "{{field}} is an invalid value."),
            Map.entry("invalidDay", "{{field}} is not a valid day."),
            Map.entry("required", "{{field}} is required"),
            Map.entry("unique", "{{field}} must be unique"),
            Map.entry("array", "{{field}} must be an array"),
            Map.entry("array_nonempty", "{{field}} must be a non-empty array"),
            Map.entry("nonarray", "{{field}} must not be an array"),
            Map.entry("select", "{{field}} contains an invalid selection"),
            Map.entry("pattern", "{{field}} does not match the pattern {{pattern}}"),
            Map.entry("minLength", "{{field}} must have at least {{length}} characters."),
            Map.entry("maxLength", "{{field}} must have no more than {{length}} characters."),
            Map.entry("minWords", "{{field}} must have at least {{length}} words."),
            Map.entry("maxWords", "{{field}} must have no more than {{length}} words."),
            Map.entry("min", "{{field}} cannot be less than {{min}}."),
            Map.entry("max", "{{field}} cannot be greater than {{max}}."),
            Map.entry("maxDate", "{{field}} should not contain date after {{maxDate}}"),
            Map.entry("minDate", "{{field}} should not contain date before {{minDate}}"),
            Map.entry("maxYear", "{{field}} should not contain year greater than {{maxYear}}"),
            Map.entry("minSelectedCount", "You must select at least {{minCount}} items"),
            Map.entry("maxSelectedCount", "You may only select up to {{maxCount}} items"),
            Map.entry("minYear", "{{field}} should not contain year less than {{minYear}}"),
            Map.entry("invalid_email", "{{field}} must be a valid email."),
            Map.entry("invalid_url", "{{field}} must be a valid url."),
            Map.entry("invalid_regex", "{{field}} does not match the pattern {{regex}}."),
            Map.entry("invalid_date", "{{field}} is not a valid date."),
            Map.entry("invalid_day", "{{field}} is not a valid day."),
            Map.entry("invalidValueProperty", "Invalid Value Property"),
            Map.entry("mask", "{{field}} does not match the mask."),
            Map.entry("valueIsNotAvailable", "{{ field }} is an invalid value."),
            Map.entry("time", "{{field}} is not a valid time."),
            Map.entry("invalidDate", "{{field}} is not a valid date"),
            Map.entry("number", "{{field}} is not a valid number."),
            Map.entry("requiredDayField", "{{ field }} is required"),
            Map.entry("requiredMonthField", "{{ field }} is required"),
            Map.entry("requiredYearField", "{{ field }} is required"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");

    private ErrorMessages() {
    }

    /** Replaces {@code {{ name }}} with the parameter, or with "" when formio's lodash get would find nothing. */
    static String interpolate(String template, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
