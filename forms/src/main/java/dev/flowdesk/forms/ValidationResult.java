package dev.flowdesk.forms;

import java.util.List;
import java.util.Map;

/**
 * Outcome of validating a submission: errors in formio.js path format, and the cleaned, typed data (only what the
 * form defines and shows), which is meaningful only when {@link #valid()}.
 */
public record ValidationResult(List<FieldError> errors, Map<String, Object> data) {

    public ValidationResult {
        errors = List.copyOf(errors);
        data = data == null ? Map.of() : data;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** One error at one field; {@code path} as formio.js names it ("email", "grid[2].name", "container.field"). */
    public record FieldError(String path, String message) {
    }
}
