package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a ticket list or search asks for, read from request parameters against an allow-list: the words of the
 * search box ({@code q}), a view ({@code mine}, {@code queue}, {@code all}) and structured filters, each optional and
 * combinable (AND between filters, OR within one filter's comma-separated values). A value outside its allow-list
 * is a 400 naming the parameter; parameters this record does not know are ignored (cache busters, paging).
 *
 * @param assignee a user id, {@code me} or {@code none} (unassigned)
 * @param sla      SLA levels of the resolution deadline: GREEN, YELLOW, RED, BREACHED, MET
 * @param fields   custom form fields that must have exactly this value ({@code field.<name>=value})
 * @param state    {@code open} (work not done) or {@code done} (resolved, closed, cancelled, rejected)
 */
public record TicketFilter(String q, String view, List<String> statuses, List<String> queues, List<String> priorities,
                           List<String> categories, List<String> types, List<String> channels, String assignee,
                           String requester, Instant createdFrom, Instant createdTo, Instant updatedFrom,
                           Instant updatedTo, Instant dueFrom, Instant dueTo, List<String> sla,
                           Map<String, String> fields, String state) {

    static final Set<String> VIEWS = Set.of("mine", "queue", "all");
    static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    /** The request parameters this filter reads (besides {@code field.<name>}). */
    static final Set<String> PARAMETERS = Set.of("q", "view", "status", "queue", "priority", "category", "type",
            "channel", "assignee", "requester", "createdFrom", "createdTo", "updatedFrom", "updatedTo", "dueFrom",
            "dueTo", "sla", "state");
    static final Set<String> STATES = Set.of("open", "done");
    /** The statuses in which a ticket's work is done: {@code state=done}; every other status is {@code open}. */
    static final List<String> DONE_STATUSES = List.of("RESOLVED", "CLOSED", "CANCELLED", "REJECTED");
    static final Set<String> SLA_LEVELS = java.util.Arrays.stream(dev.flowdesk.sla.SlaLevel.values()).map(Enum::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Statuses come from the models (a designer may add one), so they are checked by form, not by a list. */
    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:@-]{1,254}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final int MAX_Q = 500;

    /** No filter: every ticket in the caller's scope. */
    public static TicketFilter none() {
        return new TicketFilter(null, "all", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null,
                null, null, null, null, null, null, null, List.of(), Map.of(), null);
    }

    /** The filter named by request parameters (first value of each), or 400 naming the bad parameter. */
    public static TicketFilter from(Map<String, String> params) {
        String q = blankToNull(params.get("q"));
        if (q != null && q.length() > MAX_Q) {
            throw DomainException.invalid("q", "must be at most " + MAX_Q + " characters");
        }
        String view = blankToNull(params.get("view"));
        view = view == null ? "all" : view.toLowerCase(Locale.ROOT);
        if (!VIEWS.contains(view)) {
            throw DomainException.invalid("view", "must be mine, queue or all");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("field.")) {
                String name = key.substring("field.".length());
                if (!FIELD.matcher(name).matches()) {
                    throw DomainException.invalid(key, "a custom field's name has letters, digits and _ only");
                }
                if (value != null && !value.isBlank()) {
                    fields.put(name, value.strip());
                }
            }
        });
        return new TicketFilter(q, view,
                statuses(params), names(params, "queue"), upper(params, "priority", PRIORITIES),
                names(params, "category"), upper(params, "type", enumNames(TicketType.values())),
                upper(params, "channel", enumNames(Channel.values())), name(params, "assignee"),
                name(params, "requester"),
                instant(params, "createdFrom", false), instant(params, "createdTo", true),
                instant(params, "updatedFrom", false), instant(params, "updatedTo", true),
                instant(params, "dueFrom", false), instant(params, "dueTo", true),
                upper(params, "sla", SLA_LEVELS), Map.copyOf(fields), state(params));
    }

    /** Whether {@code key} is a parameter this filter reads ({@code field.<name>} included). */
    public static boolean isParameter(String key) {
        return key != null && (PARAMETERS.contains(key) || key.startsWith("field."));
    }

    /** This filter with the search words replaced. */
    public TicketFilter withQuery(String query) {
        return new TicketFilter(query, view, statuses, queues, priorities, categories, types, channels, assignee,
                requester, createdFrom, createdTo, updatedFrom, updatedTo, dueFrom, dueTo, sla, fields, state);
    }

    private static Set<String> enumNames(Enum<?>[] values) {
        return Set.copyOf(Arrays.stream(values).map(Enum::name).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> values(Map<String, String> params, String key) {
        String value = blankToNull(params.get(key));
        if (value == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        if (values.size() > 50) {
            throw DomainException.invalid(key, "at most 50 values");
        }
        return List.copyOf(values);
    }

    private static List<String> upper(Map<String, String> params, String key, Set<String> allowed) {
        List<String> values = values(params, key).stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
        for (String value : values) {
            if (!allowed.contains(value)) {
                throw DomainException.invalid(key, "must be one of " + String.join(", ", allowed.stream().sorted()
                        .toList()));
            }
        }
        return values;
    }

    private static String state(Map<String, String> params) {
        String value = blankToNull(params.get("state"));
        if (value == null) {
            return null;
        }
        value = value.toLowerCase(Locale.ROOT);
        if (!STATES.contains(value)) {
            throw DomainException.invalid("state", "must be open or done");
        }
        return value;
    }

    private static List<String> statuses(Map<String, String> params) {
        List<String> values = values(params, "status").stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
        for (String value : values) {
            if (!STATUS.matcher(value).matches()) {
                throw DomainException.invalid("status", "must be status names such as OPEN,RESOLVED");
            }
        }
        return values;
    }

    private static List<String> names(Map<String, String> params, String key) {
        List<String> values = values(params, key);
        for (String value : values) {
            if (!NAME.matcher(value).matches()) {
                throw DomainException.invalid(key, "must be names of letters, digits and _ . : @ -");
            }
        }
        return values;
    }

    private static String name(Map<String, String> params, String key) {
        List<String> values = names(params, key);
        if (values.size() > 1) {
            throw DomainException.invalid(key, "takes one value");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * An ISO-8601 instant, or a date: its start ({@code from}) or the start of the next day ({@code to}), UTC; or
     * {@code today} (a date, resolved when the filter is read, so a saved view means the day it is used).
     */
    private static Instant instant(Map<String, String> params, String key, boolean end) {
        String value = blankToNull(params.get(key));
        if (value == null) {
            return null;
        }
        if ("today".equalsIgnoreCase(value)) {
            value = LocalDate.now(ZoneOffset.UTC).toString();
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (end ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(key, "must be a date (2026-12-31) or an instant (2026-12-31T17:00:00Z)");
        }
    }
}
