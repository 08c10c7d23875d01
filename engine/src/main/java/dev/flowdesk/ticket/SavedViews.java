package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saved ticket views for agents: a name, the ticket list's filters (its own request parameters, checked by
 * {@link TicketFilter} when saved), a sort and columns; private to their owner or shared with every agent; only the
 * owner changes or deletes one. Four built-in views come first: my open tickets, my groups' unassigned, breaching
 * today, waiting for the customer. Every view carries its count, computed in the caller's scope.
 */
@Service
public class SavedViews {

    static final Set<String> COLUMNS = Set.of("number", "subject", "status", "priority", "category", "queue",
            "requester", "assignee", "type", "createdAt", "updatedAt", "slaLevel");
    static final List<String> DEFAULT_COLUMNS = List.of("number", "subject", "status", "priority", "queue",
            "assignee", "slaLevel", "updatedAt");
    private static final int MAX_VIEWS = 100;

    public record View(String id, String name, boolean shared, String owner, boolean builtIn,
                       Map<String, String> filters, String sort, List<String> columns, long count, long version,
                       @com.fasterxml.jackson.annotation.JsonInclude(
                               com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Boolean countExact) {

        /** A view whose count is exact (or not yet counted). */
        public View(String id, String name, boolean shared, String owner, boolean builtIn,
                    Map<String, String> filters, String sort, List<String> columns, long count, long version) {
            this(id, name, shared, owner, builtIn, filters, sort, columns, count, version, null);
        }
    }

    private static final List<View> BUILT_IN = List.of(
            builtIn("my-open", "My open tickets", Map.of("view", "mine", "state", "open"), "-updatedAt"),
            builtIn("my-groups-unassigned", "My groups' unassigned",
                    Map.of("view", "queue", "assignee", "none", "state", "open"), "due"),
            builtIn("breaching-today", "Breaching today", Map.of("state", "open", "dueTo", "today"), "due"),
            builtIn("waiting-for-customer", "Waiting for the customer", Map.of("status", "WAITING_CUSTOMER"),
                    "-updatedAt"));

    private final JdbcTemplate jdbc;
    private final SimpleJdbcInsert insert;
    private final TicketSearch search;
    private final ObjectMapper json;
    private final Clock clock;

    SavedViews(JdbcTemplate jdbc, TicketSearch search, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.insert = new SimpleJdbcInsert(jdbc).withTableName("saved_view").usingGeneratedKeyColumns("id")
                .usingColumns("owner", "name", "shared", "filters_json", "sort", "columns_json", "version",
                        "created_at", "updated_at");
        this.search = search;
        this.json = json;
        this.clock = clock;
    }

    /** The built-in views, then the caller's own and the shared ones, each with its count. */
    @Transactional(readOnly = true)
    public List<View> list(CurrentUser user) {
        user.requireAny("Saved views are for agents.", Role.AGENT);
        Instant now = clock.instant();
        List<View> views = new ArrayList<>();
        for (View v : BUILT_IN) {
            views.add(withCount(v, user, now));
        }
        for (View v : jdbc.query("SELECT id, name, shared, owner, filters_json, sort, columns_json, version"
                + " FROM saved_view WHERE owner = ? OR shared = TRUE ORDER BY lower(name), id", (rs, i) ->
                new View(String.valueOf(rs.getLong(1)), rs.getString(2), rs.getBoolean(3), rs.getString(4), false,
                        read(rs.getString(5), new TypeReference<Map<String, String>>() { }), rs.getString(6),
                        read(rs.getString(7), new TypeReference<List<String>>() { }), 0, rs.getLong(8)), user.id())) {
            views.add(withCount(v, user, now));
        }
        return views;
    }

    @Transactional
    public View create(String name, Boolean shared, Map<String, String> filters, String sort, List<String> columns,
                       CurrentUser user) {
        user.requireAny("Saved views are for agents.", Role.AGENT);
        Checked checked = check(name, filters, sort, columns);
        Integer owned = jdbc.queryForObject("SELECT count(*) FROM saved_view WHERE owner = ?", Integer.class,
                user.id());
        if (owned != null && owned >= MAX_VIEWS) {
            throw DomainException.invalid("name", "at most " + MAX_VIEWS + " saved views per agent");
        }
        Instant now = clock.instant();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("owner", user.id());
        row.put("name", checked.name());
        row.put("shared", Boolean.TRUE.equals(shared));
        row.put("filters_json", write(checked.filters()));
        row.put("sort", checked.sort());
        row.put("columns_json", write(checked.columns()));
        row.put("version", 0L);
        row.put("created_at", Timestamp.from(now));
        row.put("updated_at", Timestamp.from(now));
        long id;
        try {
            id = insert.executeAndReturnKey(row).longValue();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("you already have a view named '" + checked.name() + "'");
        }
        return withCount(new View(String.valueOf(id), checked.name(), Boolean.TRUE.equals(shared), user.id(), false,
                checked.filters(), checked.sort(), checked.columns(), 0, 0), user, now);
    }

    /** Replaces the view; {@code version} (when given) must be the stored one (409 otherwise). */
    @Transactional
    public View update(long id, String name, Boolean shared, Map<String, String> filters, String sort,
                       List<String> columns, Long version, CurrentUser user) {
        user.requireAny("Saved views are for agents.", Role.AGENT);
        View current = own(id, user);
        Checked checked = check(name, filters, sort, columns);
        if (version != null && version != current.version()) {
            throw DomainException.conflict("the view changed meanwhile; reload it");
        }
        Instant now = clock.instant();
        int updated;
        try {
            updated = jdbc.update("UPDATE saved_view SET name = ?, shared = ?, filters_json = ?, sort = ?,"
                    + " columns_json = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                    checked.name(), Boolean.TRUE.equals(shared), write(checked.filters()), checked.sort(),
                    write(checked.columns()), Timestamp.from(now), id, current.version());
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("you already have a view named '" + checked.name() + "'");
        }
        if (updated == 0) {
            throw DomainException.conflict("the view changed meanwhile; reload it");
        }
        return withCount(new View(String.valueOf(id), checked.name(), Boolean.TRUE.equals(shared), user.id(), false,
                checked.filters(), checked.sort(), checked.columns(), 0, current.version() + 1), user, now);
    }

    @Transactional
    public void delete(long id, CurrentUser user) {
        user.requireAny("Saved views are for agents.", Role.AGENT);
        own(id, user);
        jdbc.update("DELETE FROM saved_view WHERE id = ?", id);
    }

    /** The caller's own view; a shared view of another agent is 403, anything else 404. */
    private View own(long id, CurrentUser user) {
        List<View> found = jdbc.query("SELECT id, name, shared, owner, version FROM saved_view WHERE id = ?",
                (rs, i) -> new View(String.valueOf(rs.getLong(1)), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), false, Map.of(), null, List.of(), 0, rs.getLong(5)), id);
        if (found.isEmpty() || (!found.get(0).owner().equals(user.id()) && !found.get(0).shared())) {
            throw DomainException.notFound("view " + id);
        }
        if (!found.get(0).owner().equals(user.id())) {
            throw DomainException.refused("only " + found.get(0).owner() + " changes this shared view");
        }
        return found.get(0);
    }

    private record Checked(String name, Map<String, String> filters, String sort, List<String> columns) {
    }

    private Checked check(String name, Map<String, String> filters, String sort, List<String> columns) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw DomainException.invalid("name", "is required, at most 100 characters");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((key, value) -> {
                if (value != null && !value.isBlank()) {
                    kept.put(key, value.strip());
                }
            });
        }
        try {
            TicketFilter.from(kept);
        } catch (DomainException.Invalid e) {
            throw DomainException.invalid(e.errors().stream().map(f -> new DomainException.FieldError(
                    "filters." + f.path(), f.message())).toList());
        }
        for (String key : kept.keySet()) {
            if (!TicketFilter.PARAMETERS.contains(key) && !key.startsWith("field.")) {
                throw DomainException.invalid("filters." + key, "is not a ticket filter");
            }
        }
        String sortKey = sort == null || sort.isBlank() ? null : sort.strip();
        if (sortKey != null && !TicketSearch.SORTABLE.contains(sortKey.startsWith("-") ? sortKey.substring(1)
                : sortKey)) {
            throw DomainException.invalid("sort", "must be one of " + String.join(", ", TicketSearch.SORTABLE));
        }
        List<String> cols = columns == null || columns.isEmpty() ? DEFAULT_COLUMNS : List.copyOf(columns);
        for (String column : cols) {
            if (!COLUMNS.contains(column)) {
                throw DomainException.invalid("columns", "unknown column " + column + "; known: "
                        + String.join(", ", COLUMNS.stream().sorted().toList()));
            }
        }
        return new Checked(name.strip(), kept, sortKey, cols);
    }

    private View withCount(View v, CurrentUser user, Instant now) {
        TicketSearch.Ids counted = search.count(user, TicketFilter.from(v.filters()), now);
        return new View(v.id(), v.name(), v.shared(), v.owner(), v.builtIn(), v.filters(), v.sort(), v.columns(),
                counted.total(), v.version(), counted.exact() ? null : Boolean.FALSE);
    }

    private static View builtIn(String id, String name, Map<String, String> filters, String sort) {
        return new View(id, name, true, null, true, filters, sort, DEFAULT_COLUMNS, 0, 0);
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored view is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
