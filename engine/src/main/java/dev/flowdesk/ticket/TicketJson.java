package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.ticket.TicketViews.FiredRuleView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The JSON columns of the ticket feature (custom fields, fired rules, audit values), written and read one way. */
@Component
class TicketJson {

    private final ObjectMapper json;

    TicketJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    /** A ticket's custom fields; an empty map when none are stored. */
    Map<String, Object> fields(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ticket fields are not JSON", e);
        }
    }

    List<FiredRuleView> rules(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /** Any stored JSON value; text that is not JSON comes back as it is. */
    Object any(String text) {
        try {
            return text == null ? null : json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
