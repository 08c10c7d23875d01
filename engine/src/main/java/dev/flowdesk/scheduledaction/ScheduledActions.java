package dev.flowdesk.scheduledaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketFilter;
import dev.flowdesk.ticket.TicketSearch;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scheduled actions with conditions (issue 11 part 5), as designers define them: "when tickets match
 * {@code filter} for longer than {@code after} (measured {@code since} their status, last change or opening) →
 * {@code action}". The filter is the ticket search's own ({@link TicketFilter}, the same parameters as
 * {@code GET /api/tickets}), so a condition means what the same list shows. {@link ScheduledActionRunner} acts.
 */
@Service
public class ScheduledActions {

    /** What a scheduled action does to each ticket, and the parameters it needs. */
    public enum Action {
        /** A mail to the requester from a mail template ({@code template}, default {@code customer-reminder}). */
        REMIND,
        /** An internal note ({@code text}). */
        NOTE,
        /** New {@code impact} and/or {@code urgency}; the rules decide the priority again. */
        REPRIORITISE,
        /** Closes the ticket as an agent would (ends its process), with a {@code reason}. */
        CLOSE,
        /** The BPMN {@code message} to the ticket's process, when it waits for that message. */
        MESSAGE
    }

    public record Definition(long id, String name, Map<String, String> filter, String since, String after,
                             String action, Map<String, String> params, boolean enabled, long version,
                             Instant updatedAt) {
    }

    /** A definition as a designer sends it; {@code version} is the one read (a stale one is a 409). */
    public record Draft(String name, Map<String, String> filter, String since, String after, String action,
                        Map<String, String> params, Boolean enabled, Long version) {
    }

    /** One act (or failed attempt) on one ticket for one episode of the condition. */
    public record Run(long id, long ticketId, Instant episode, String outcome, String detail, Instant ranAt,
                      String ranBy) {
    }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})\\s*([dhm])");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final long MAX_MINUTES = 3650L * 24 * 60;

    private final JdbcTemplate jdbc;
    private final SimpleJdbcInsert insert;
    private final ObjectMapper json;
    private final Clock clock;

    ScheduledActions(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.insert = new SimpleJdbcInsert(jdbc).withTableName("scheduled_action").usingGeneratedKeyColumns("id")
                .usingColumns("name", "filter_json", "since", "after_minutes", "action", "params_json", "enabled",
                        "version", "created_by", "created_at", "updated_at");
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Definition> list(CurrentUser user) {
        requireDesigner(user);
        return jdbc.query(SELECT + " ORDER BY lower(name), id", this::row);
    }

    @Transactional(readOnly = true)
    public Definition get(long id, CurrentUser user) {
        requireDesigner(user);
        return load(id);
    }

    @Transactional
    public Definition create(Draft draft, CurrentUser user) {
        requireDesigner(user);
        Map<String, Object> row = checked(draft);
        Instant now = clock.instant();
        row.put("version", 0L);
        row.put("created_by", user.id());
        row.put("created_at", Timestamp.from(now));
        row.put("updated_at", Timestamp.from(now));
        try {
            return load(insert.executeAndReturnKey(row).longValue());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a scheduled action named '" + row.get("name") + "' exists");
        }
    }

    @Transactional
    public Definition update(long id, Draft draft, CurrentUser user) {
        requireDesigner(user);
        Definition current = load(id);
        if (draft == null || draft.version() == null) {
            throw DomainException.invalid("version", "is required: the version you read");
        }
        Map<String, Object> row = checked(draft);
        int updated;
        try {
            updated = jdbc.update("UPDATE scheduled_action SET name = ?, filter_json = ?, since = ?,"
                    + " after_minutes = ?, action = ?, params_json = ?, enabled = ?, version = version + 1,"
                    + " updated_at = ? WHERE id = ? AND version = ?", row.get("name"), row.get("filter_json"),
                    row.get("since"), row.get("after_minutes"), row.get("action"), row.get("params_json"),
                    row.get("enabled"), Timestamp.from(clock.instant()), id, draft.version());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("a scheduled action named '" + row.get("name") + "' exists");
        }
        if (updated == 0) {
            throw DomainException.conflict("scheduled action '" + current.name() + "' changed meanwhile; reload it");
        }
        return load(id);
    }

    @Transactional
    public void delete(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        jdbc.update("DELETE FROM scheduled_action WHERE id = ?", id);
    }

    /** The run log of one action, newest first (at most 200 rows). */
    @Transactional(readOnly = true)
    public List<Run> runs(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        return jdbc.query("SELECT id, ticket_id, episode, outcome, detail, ran_at, ran_by FROM scheduled_action_run"
                + " WHERE action_id = ? ORDER BY ran_at DESC, id DESC LIMIT 200", (rs, i) -> new Run(rs.getLong(1),
                rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7)), id);
    }

    /** The enabled definitions, for the runner. */
    List<Definition> enabled() {
        return jdbc.query(SELECT + " WHERE enabled = true ORDER BY id", this::row);
    }

    /** How long tickets must match before the action acts. */
    static Duration after(Definition d) {
        return parseDuration(d.after());
    }

    private Map<String, Object> checked(Draft d) {
        if (d == null) {
            throw DomainException.invalid("name", "is required");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", text(d.name(), "name", 100));
        Map<String, String> filter = d.filter() == null ? Map.of() : d.filter();
        if (filter.isEmpty()) {
            throw DomainException.invalid("filter", "name at least one filter (e.g. status), or every ticket would match");
        }
        for (String key : filter.keySet()) {
            if (!TicketFilter.isParameter(key)) {
                throw DomainException.invalid("filter." + key, "is not a ticket filter");
            }
        }
        TicketFilter parsed;
        try {
            parsed = TicketFilter.from(filter);
        } catch (DomainException.Invalid e) {
            throw DomainException.invalid(e.errors().stream().map(f -> new DomainException.FieldError(
                    "filter." + f.path(), f.message())).toList());
        }
        if (!"all".equals(parsed.view())) {
            throw DomainException.invalid("filter.view", "a scheduled action acts on all tickets; leave the view out");
        }
        if ("me".equals(parsed.assignee())) {
            throw DomainException.invalid("filter.assignee", "'me' means nobody for the scheduler; name the agent");
        }
        row.put("filter_json", write(new java.util.TreeMap<>(filter), "filter"));
        String since = d.since() == null || d.since().isBlank() ? "STATUS" : d.since().strip().toUpperCase(Locale.ROOT);
        try {
            TicketSearch.Since.valueOf(since);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("since", "must be STATUS, UPDATED or CREATED");
        }
        row.put("since", since);
        Duration after = parseDuration(text(d.after(), "after", 40));
        row.put("after_minutes", after.toMinutes());
        Action action;
        try {
            action = Action.valueOf(text(d.action(), "action", 20).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("action", "must be one of REMIND, NOTE, REPRIORITISE, CLOSE, MESSAGE");
        }
        row.put("action", action.name());
        row.put("params_json", write(params(action, d.params() == null ? Map.of() : d.params()), "params"));
        row.put("enabled", d.enabled() == null || d.enabled());
        return row;
    }

    /** The parameters the action needs, checked; others are refused naming them. */
    private static Map<String, String> params(Action action, Map<String, String> given) {
        Map<String, String> kept = new java.util.TreeMap<>();
        java.util.Set<String> allowed = switch (action) {
            case REMIND -> java.util.Set.of("template");
            case NOTE -> java.util.Set.of("text");
            case REPRIORITISE -> java.util.Set.of("impact", "urgency");
            case CLOSE -> java.util.Set.of("reason");
            case MESSAGE -> java.util.Set.of("message");
        };
        given.forEach((key, value) -> {
            if (!allowed.contains(key)) {
                throw DomainException.invalid("params." + key, "is not a parameter of " + action + " (it takes "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (value != null && !value.isBlank()) {
                kept.put(key, value.strip());
            }
        });
        switch (action) {
            case REMIND -> {
                String template = kept.getOrDefault("template", "customer-reminder");
                if (!NAME.matcher(template).matches()) {
                    throw DomainException.invalid("params.template", "must be a mail template's name");
                }
                kept.put("template", template);
            }
            case NOTE -> kept.put("text", text(kept.get("text"), "params.text", 10_000));
            case REPRIORITISE -> {
                if (!kept.containsKey("impact") && !kept.containsKey("urgency")) {
                    throw DomainException.invalid("params.impact", "give a new impact and/or urgency");
                }
                for (String key : List.of("impact", "urgency")) {
                    if (kept.containsKey(key)) {
                        String level = kept.get(key).toUpperCase(Locale.ROOT);
                        if (!List.of("LOW", "MEDIUM", "HIGH").contains(level)) {
                            throw DomainException.invalid("params." + key, "must be LOW, MEDIUM or HIGH");
                        }
                        kept.put(key, level);
                    }
                }
            }
            case CLOSE -> kept.put("reason", text(kept.get("reason"), "params.reason", 500));
            case MESSAGE -> {
                String message = text(kept.get("message"), "params.message", 100);
                if (!NAME.matcher(message).matches()) {
                    throw DomainException.invalid("params.message", "must be a BPMN message name");
                }
            }
        }
        return kept;
    }

    /** ISO-8601 ({@code P7D}, {@code PT12H}) or short ({@code 7d}, {@code 12h}, {@code 30m}); 1 minute to 10 years. */
    static Duration parseDuration(String text) {
        Duration duration;
        Matcher shortForm = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            duration = switch (shortForm.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("after", "must be a duration such as 7d, 12h, 30m or P7D");
            }
        }
        if (duration.toMinutes() < 1 || duration.toMinutes() > MAX_MINUTES) {
            throw DomainException.invalid("after", "must be between 1 minute and 3650 days");
        }
        return duration;
    }

    private static final String SELECT = "SELECT id, name, filter_json, since, after_minutes, action, params_json,"
            + " enabled, version, updated_at FROM scheduled_action";

    private Definition row(ResultSet rs, int i) throws SQLException {
        return new Definition(rs.getLong(1), rs.getString(2), read(rs.getString(3)), rs.getString(4),
                Duration.ofMinutes(rs.getLong(5)).toString(), rs.getString(6), read(rs.getString(7)),
                rs.getBoolean(8), rs.getLong(9), rs.getTimestamp(10).toInstant());
    }

    private Definition load(long id) {
        List<Definition> found = jdbc.query(SELECT + " WHERE id = ?", this::row, id);
        if (found.isEmpty()) {
            throw DomainException.notFound("scheduled action " + id);
        }
        return found.get(0);
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scheduled action holds no JSON object", e);
        }
    }

    private String write(Map<String, String> values, String field) {
        try {
            String text = json.writeValueAsString(values);
            if (text.length() > 4000) {
                throw DomainException.invalid(field, "must be at most 4000 characters as JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw DomainException.invalid(field, "cannot be stored");
        }
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
        user.requireAny("Scheduled actions are defined by designers and administrators.", Role.DESIGNER);
    }
}
