package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.forms.FormDefinition;
import dev.flowdesk.forms.ValidationResult;
import dev.flowdesk.error.DomainException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server-side validation of a Form.io submission and what follows from it: the typed values, the ticket fields they
 * fill and the scalar values that may become process variables. Invalid data becomes a 400 with formio.js paths
 * under {@code data.}.
 */
public final class FormValues {

    /**
     * Keys of a ticket that its process and agents set, never a submission (issue 15: mass assignment). A form that
     * has a component of that key may still collect it; sent beside the form's own fields it is refused naming the
     * field instead of being dropped silently, so that a client learns its request was wrong.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("id", "ticketId", "number", "status",
            "requester", "tenant", "assignee", "queue", "priority", "processInstanceId");

    private final FormDefinition form;
    private final Map<String, Object> data;

    private FormValues(FormDefinition form, Map<String, Object> data) {
        this.form = form;
        this.data = data;
    }

    /** Validates {@code data} against the form; throws a 400 {@link DomainException} naming every invalid field. */
    public static FormValues validate(FormDefinition form, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw DomainException.invalid("data", "must be an object with the form's values");
        }
        ValidationResult result = form.validate(data);
        for (String reserved : RESERVED) {
            if (data.has(reserved) && !result.data().containsKey(reserved)) {
                throw DomainException.invalid("data." + reserved, "is set by Flowdesk, not by a form submission");
            }
        }
        if (!result.valid()) {
            throw DomainException.invalid(result.errors().stream()
                    .map(e -> new DomainException.FieldError("data." + e.path(), e.message())).toList());
        }
        return new FormValues(form, result.data());
    }

    public Map<String, Object> data() {
        return data;
    }

    /** Ticket field name -> value, for the components that declare {@code properties.ticketField}. */
    public Map<String, Object> ticketFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        form.ticketFieldMapping().forEach((path, field) -> {
            Object value = valueAt(path);
            if (value != null) {
                fields.put(field, value);
            }
        });
        return fields;
    }

    /** The values that do not fill a ticket field: kept as the ticket's custom fields. */
    public Map<String, Object> otherFields() {
        Map<String, Object> other = new LinkedHashMap<>(data);
        form.ticketFieldMapping().keySet().forEach(path -> other.remove(path.contains(".")
                ? path.substring(0, path.indexOf('.')) : path));
        return other;
    }

    /** Top-level scalar values (text, number, boolean, date), the only kind that gateways may read. */
    public Map<String, Object> scalarVariables() {
        Map<String, Object> vars = new HashMap<>();
        data.forEach((key, value) -> {
            if (value instanceof String || value instanceof Boolean || value instanceof Long
                    || value instanceof Integer || value instanceof Double) {
                vars.put(key, value);
            } else if (value instanceof BigDecimal d) {
                vars.put(key, d.doubleValue());
            } else if (value instanceof LocalDate d) {
                vars.put(key, d.toString());
            } else if (value instanceof Instant i) {
                vars.put(key, java.util.Date.from(i));
            }
        });
        return vars;
    }

    public String text(String field) {
        Object value = ticketFields().get(field);
        return value == null ? null : value.toString();
    }

    /** The typed value at a data path such as "container.field", or null. */
    @SuppressWarnings("unchecked")
    public Object valueAt(String path) {
        Object current = data;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }
}
