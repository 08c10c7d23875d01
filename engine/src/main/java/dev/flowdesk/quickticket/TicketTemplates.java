package dev.flowdesk.quickticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.form.FormSubmissions;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ticket templates ("quick tickets", issue 11 part 3): a form and the values that prefill it for a frequent call,
 * shown to agents as one-click buttons on the "open for a caller" page. Designers write them; the values are checked
 * against the form when saved (a 400 names {@code values.<key>}), so a template never offers what the form would
 * refuse. The queue and priority are hints for the agent only: a ticket opened from a template goes through the
 * form's pipeline ({@link FormSubmissions#submitForCaller}), where the rules decide as for any other ticket.
 */
@Service
public class TicketTemplates {

    static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern FORM_KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /**
     * A template as agents and designers read it; {@code ticketType} and {@code ticketFields} (form key → ticket
     * field, e.g. {@code categoryHint → category}) come from its form, so the caller page knows which of its own
     * fields each value prefills.
     */
    public record Template(long id, String name, String formKey, Map<String, Object> values, String queueHint,
                           String priorityHint, long version, Instant updatedAt, String ticketType,
                           Map<String, String> ticketFields) {
    }

    /** A template as a designer sends it; {@code version} is the one read (a stale one is a 409). */
    public record Draft(String name, String formKey, JsonNode values, String queueHint, String priorityHint,
                        Long version) {
    }

    /**
     * A ticket for a caller from a template: the form's values as the agent left them (the template's, edited or
     * not; null: the template's own), the caller and the channel.
     */
    public record Opening(String requester, String channel, JsonNode values) {
    }

    private final JdbcTemplate jdbc;
    private final SimpleJdbcInsert insert;
    private final FormSubmissions submissions;
    private final FormCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;

    TicketTemplates(JdbcTemplate jdbc, FormSubmissions submissions, FormCatalog catalog, ObjectMapper json,
                    Clock clock) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.insert = new SimpleJdbcInsert(jdbc).withTableName("ticket_template").usingGeneratedKeyColumns("id")
                .usingColumns("name", "form_key", "values_json", "queue_hint", "priority_hint", "version",
                        "created_by", "created_at", "updated_at");
        this.submissions = submissions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The templates of forms the user may use (a form of another tenant hides its templates), by name: agents see
     * them as buttons, designers to edit them.
     */
    @Transactional(readOnly = true)
    public List<Template> list(CurrentUser user) {
        user.requireAny("Ticket templates are for agents and designers.", Role.AGENT, Role.DESIGNER);
        return jdbc.query(SELECT + " ORDER BY lower(name), id", this::row).stream()
                .filter(template -> usable(template, user)).toList();
    }

    @Transactional(readOnly = true)
    public Template get(long id, CurrentUser user) {
        user.requireAny("Ticket templates are for agents and designers.", Role.AGENT, Role.DESIGNER);
        Template template = load(id);
        if (!usable(template, user)) {
            throw DomainException.notFound("ticket template " + id);
        }
        return template;
    }

    private boolean usable(Template template, CurrentUser user) {
        try {
            catalog.require(template.formKey(), user);
            return true;
        } catch (DomainException.NotFound notUsable) {
            return false;
        }
    }

    @Transactional
    public Template create(Draft draft, CurrentUser user) {
        requireDesigner(user);
        Map<String, Object> row = checked(draft, user);
        Instant now = clock.instant();
        row.put("version", 0L);
        row.put("created_by", user.id());
        row.put("created_at", Timestamp.from(now));
        row.put("updated_at", Timestamp.from(now));
        try {
            return load(insert.executeAndReturnKey(row).longValue());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a ticket template named '" + row.get("name") + "' exists");
        }
    }

    @Transactional
    public Template update(long id, Draft draft, CurrentUser user) {
        requireDesigner(user);
        Template current = load(id);
        if (draft == null || draft.version() == null) {
            throw DomainException.invalid("version", "is required: the version you read");
        }
        Map<String, Object> row = checked(draft, user);
        int updated;
        try {
            updated = jdbc.update("UPDATE ticket_template SET name = ?, form_key = ?, values_json = ?,"
                    + " queue_hint = ?, priority_hint = ?, version = version + 1, updated_at = ?"
                    + " WHERE id = ? AND version = ?", row.get("name"), row.get("form_key"), row.get("values_json"),
                    row.get("queue_hint"), row.get("priority_hint"), Timestamp.from(clock.instant()), id,
                    draft.version());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a ticket template named '" + row.get("name") + "' exists");
        }
        if (updated == 0) {
            throw DomainException.conflict("ticket template '" + current.name() + "' changed meanwhile; reload it");
        }
        return load(id);
    }

    @Transactional
    public void delete(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        jdbc.update("DELETE FROM ticket_template WHERE id = ?", id);
    }

    /**
     * An agent opens a ticket for a caller from the template: the values sent (or the template's) are submitted to
     * the template's form for the caller, through the same validation, mapping, process and rules as the form.
     */
    @Transactional
    public OpenedTicket open(long id, Opening opening, CurrentUser agent) {
        agent.requireAny("Only agents open tickets for callers.", Role.AGENT);
        Template template = get(id, agent);
        if (opening == null) {
            throw DomainException.invalid("requester", "is required: the caller the ticket is for");
        }
        JsonNode values = opening.values() != null ? opening.values() : json.valueToTree(template.values());
        if (!values.isObject()) {
            throw DomainException.invalid("values", "must be an object with the form's values");
        }
        try {
            return submissions.submitForCaller(template.formKey(), values, opening.requester(), opening.channel(),
                    agent);
        } catch (DomainException.Invalid refused) {
            // the form names its fields data.<key>; here they are the template's values
            throw DomainException.invalid(refused.errors().stream().map(e -> e.path() != null
                    && e.path().startsWith("data.") ? new DomainException.FieldError("values."
                    + e.path().substring("data.".length()), e.message()) : e).toList());
        }
    }

    private Map<String, Object> checked(Draft draft, CurrentUser user) {
        if (draft == null) {
            throw DomainException.invalid("name", "is required");
        }
        Map<String, Object> row = new HashMap<>();
        row.put("name", text(draft.name(), "name", 100));
        String formKey = text(draft.formKey(), "formKey", 100);
        if (!FORM_KEY.matcher(formKey).matches()) {
            throw DomainException.invalid("formKey", "must be a form's key (letters, digits, _ and -)");
        }
        row.put("form_key", formKey);
        JsonNode values = draft.values() == null ? json.createObjectNode() : draft.values();
        Map<String, Object> kept = submissions.checkPrefill(formKey, values, user);
        try {
            String text = json.writeValueAsString(kept);
            if (text.length() > 20_000) {
                throw DomainException.invalid("values", "must be at most 20000 characters as JSON");
            }
            row.put("values_json", text);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("values", "cannot be stored: " + e.getOriginalMessage());
        }
        String queue = blankToNull(draft.queueHint());
        if (queue != null && !QUEUE.matcher(queue).matches()) {
            throw DomainException.invalid("queueHint", "must be a queue's name (letters, digits and _ . : -)");
        }
        row.put("queue_hint", queue);
        String priority = blankToNull(draft.priorityHint());
        if (priority != null && !PRIORITIES.contains(priority.toUpperCase(java.util.Locale.ROOT))) {
            throw DomainException.invalid("priorityHint", "must be one of P1, P2, P3, P4, P5");
        }
        row.put("priority_hint", priority == null ? null : priority.toUpperCase(java.util.Locale.ROOT));
        return row;
    }

    private static final String SELECT = "SELECT id, name, form_key, values_json, queue_hint, priority_hint, version,"
            + " updated_at FROM ticket_template";

    private Template row(ResultSet rs, int i) throws SQLException {
        Map<String, Object> values;
        try {
            values = json.readValue(rs.getString(4), new com.fasterxml.jackson.core.type.TypeReference<
                    java.util.LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket template " + rs.getLong(1) + " holds no JSON object", e);
        }
        var form = catalog.find(rs.getString(3));
        String type = form.map(f -> f.ticketType() == null ? "INCIDENT" : f.ticketType().toUpperCase(
                java.util.Locale.ROOT)).orElse(null);
        Map<String, String> fields = form.map(f -> (Map<String, String>) new java.util.TreeMap<>(
                f.definition().ticketFieldMapping())).orElse(Map.of());
        return new Template(rs.getLong(1), rs.getString(2), rs.getString(3), values, rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getTimestamp(8).toInstant(), type, fields);
    }

    private Template load(long id) {
        List<Template> found = jdbc.query(SELECT + " WHERE id = ?", this::row, id);
        if (found.isEmpty()) {
            throw DomainException.notFound("ticket template " + id);
        }
        return found.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field, "is required");
        }
        if (value.strip().length() > max) {
            throw DomainException.invalid(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Ticket templates are written by designers and administrators.", Role.DESIGNER);
    }
}
