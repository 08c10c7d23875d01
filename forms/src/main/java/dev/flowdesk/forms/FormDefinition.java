package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A parsed Form.io form definition ({@code {"display":"form","components":[...]}}), as the formio.js 5.x builder
 * saves it. Immutable.
 */
public interface FormDefinition {

    /** Parses a definition. Throws {@link FormDefinitionException} for unknown component types or JavaScript. */
    static FormDefinition parse(String json) {
        return DefinitionParser.parse(json);
    }

    /** The definition as JSON, exactly as given. */
    JsonNode json();

    /** Form title ({@code title}), or the empty string. */
    String title();

    /** Form-level custom properties ({@code properties}), e.g. ticketType. Never null. */
    Map<String, String> properties();

    /**
     * Which ticket field each form key fills, from the component's custom property {@code ticketField}
     * (e.g. "subject" -> "subject", "categoryHint" -> "category"). Keys are data paths.
     */
    Map<String, String> ticketFieldMapping();

    /** Validates a submission's {@code data} object exactly as formio.js would on the server. */
    ValidationResult validate(JsonNode data);

    /** Keys (data paths) of the input components, in form order. */
    List<String> inputKeys();
}
