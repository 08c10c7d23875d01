package dev.flowdesk.admin;

import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;

import java.util.List;
import java.util.regex.Pattern;

/** The checks every admin use case shares: only administrators, and ids Camunda's identity service accepts. */
final class AdminChecks {

    /**
     * The same pattern as {@code camunda.bpm.generic-properties.properties.general-resource-whitelist-pattern}
     * (application.yml): checked here first so that a bad id is a 400 naming the field, not an engine error.
     */
    static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._@-]{0,63}");
    static final int MAX_TEXT = 255;

    private AdminChecks() {
    }

    static CurrentUser admin() {
        CurrentUser user = CurrentUsers.require();
        user.requireAny("Only administrators manage users, groups, queues and tenants.");
        return user;
    }

    static void id(String field, String value, List<FieldError> errors) {
        if (value == null || !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with"
                    + " a letter or digit"));
        }
    }

    /** Optional text: at most 255 characters, no control characters; blank becomes null. */
    static String text(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_TEXT || stripped.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters without control characters"));
        }
        return stripped;
    }
}
