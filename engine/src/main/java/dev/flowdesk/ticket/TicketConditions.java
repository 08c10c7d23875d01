package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.text.TextQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The FROM and WHERE of every ticket list, search, view, counter and scheduled condition ({@link TicketSearch}):
 * the caller's {@link TicketAccessScope#sql scope}, the {@link TicketFilter}'s filters, and the search words (on
 * PostgreSQL joined as the union of ticket and conversation matches, or left to the caller; on H2 a substring match
 * of their stems). Every value is a bind parameter; columns and operators come from code only.
 */
final class TicketConditions {

    /** A ticket number ("FD-000123"): it finds that ticket, never its parts as words. */
    static final Pattern NUMBER = Pattern.compile("[A-Za-z]{1,10}-\\d{1,12}");
    /** {@link TicketFilter#DONE_STATUSES} as SQL literals, in the order of postgresql/V92's index predicate. */
    static final String DONE = TicketFilter.DONE_STATUSES.stream().map(s -> "'" + s + "'")
            .collect(java.util.stream.Collectors.joining(", "));

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean postgres;

    TicketConditions(NamedParameterJdbcTemplate jdbc, boolean postgres) {
        this.jdbc = jdbc;
        this.postgres = postgres;
    }

    /** The FROM and WHERE of a search: scope, words and filters, every value a bind parameter. */
    record Conditions(String from, String where, MapSqlParameterSource params, String tsquery,
                              boolean numberOnly, String state) {
    }

    /**
     * The conditions of a search; with {@code joinWords} the search words join the matches of ticket and
     * conversation to the ticket, without they are left to the caller (a search by relevance matches each side on
     * its own).
     */
    Conditions of(CurrentUser user, TicketFilter filter, Instant now, boolean joinWords) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("now", java.sql.Timestamp.from(now));
        StringBuilder from = new StringBuilder(" FROM ticket t");
        TextQuery.Query tsquery = null;
        boolean numberOnly = filter.q() != null && NUMBER.matcher(filter.q()).matches();
        if (numberOnly) {
            // a ticket number finds that ticket (its parts "fd" and "000123" as words would find every ticket)
            params.addValue("qNumber", filter.q().toUpperCase(Locale.ROOT));
            from.append(" JOIN (SELECT id FROM ticket WHERE upper(number) = :qNumber) hit ON hit.id = t.id");
        } else if (filter.q() != null) {
            if (postgres) {
                tsquery = TextQuery.tsquery(jdbc, filter.q());
                params.addValue("tsq", tsquery.all()).addValue("tsqAny", tsquery.any())
                        .addValue("qNumber", filter.q().toUpperCase(Locale.ROOT));
                if (joinWords) {
                    // Ticket matches and conversation matches are unioned first: an OR across the two would make the
                    // planner test every ticket row.
                    from.append(" JOIN (SELECT id FROM ticket WHERE upper(number) = :qNumber");
                    if (!tsquery.isEmpty()) {
                        from.append(" UNION SELECT id FROM ticket WHERE search_vector @@ to_tsquery('simple', :tsq)")
                                .append(" UNION SELECT ticket_id FROM article")
                                .append(" WHERE search_vector @@ to_tsquery('simple', :tsq)")
                                .append(user.isAgent() ? "" : " AND visibility = 'PUBLIC'");
                    }
                    from.append(") hit ON hit.id = t.id");
                }
            }
        }
        List<String> where = new ArrayList<>();
        where.add(TicketAccessScope.sql(user, params));
        view(user, filter.view(), where, params);
        if (filter.q() != null && !postgres && !numberOnly) {
            where.add(h2Text(user, filter.q(), params));
        }
        in(where, params, "t.status", "statuses", filter.statuses());
        String state = "";
        if (filter.state() != null) {
            // the statuses as literals (constants of this code, never input): PostgreSQL uses the index of the open
            // tickets' words (postgresql/V92) only for a condition it can match to the index's own at planning time
            state = "open".equals(filter.state()) ? "t.status NOT IN (" + DONE + ")" : "t.status IN (" + DONE + ")";
            where.add(state);
        }
        in(where, params, "t.queue", "queues", filter.queues());
        in(where, params, "t.priority", "priorities", filter.priorities());
        in(where, params, "t.category", "categories", filter.categories());
        in(where, params, "t.type", "types", filter.types());
        in(where, params, "t.channel", "channels", filter.channels());
        if (filter.assignee() != null) {
            switch (filter.assignee()) {
                case "none" -> where.add("t.assignee IS NULL");
                case "me" -> {
                    where.add("t.assignee = :assignee");
                    params.addValue("assignee", user.id());
                }
                default -> {
                    where.add("t.assignee = :assignee");
                    params.addValue("assignee", filter.assignee());
                }
            }
        }
        if (filter.requester() != null) {
            where.add("lower(t.requester) = :requester");
            params.addValue("requester", filter.requester().toLowerCase(Locale.ROOT));
        }
        range(where, params, "t.created_at", "created", filter.createdFrom(), filter.createdTo());
        range(where, params, "t.updated_at", "updated", filter.updatedFrom(), filter.updatedTo());
        range(where, params, "t.resolution_due", "due", filter.dueFrom(), filter.dueTo());
        if (!filter.sla().isEmpty()) {
            where.add("(" + String.join(" OR ", filter.sla().stream().map(this::slaLevel).toList()) + ")");
        }
        int i = 0;
        for (Map.Entry<String, String> field : filter.fields().entrySet()) {
            String key = "fk" + i;
            String value = "fv" + i++;
            params.addValue(key, field.getKey()).addValue(value, field.getValue());
            if (postgres) {
                where.add("CAST(t.fields_json AS jsonb) ->> :" + key + " = :" + value);
            } else {
                // H2 has no JSON operator on text: the compact JSON Jackson writes, "name":"value" or "name":value
                String quoted = "\"" + field.getKey() + "\":\"" + json(field.getValue()) + "\"";
                String bare = "\"" + field.getKey() + "\":" + field.getValue();
                params.addValue(value + "s", TextQuery.contains(quoted))
                        .addValue(value + "n", TextQuery.contains(bare + ","))
                        .addValue(value + "e", TextQuery.contains(bare + "}"));
                where.add("(t.fields_json LIKE :" + value + "s ESCAPE '\\' OR t.fields_json LIKE :" + value
                        + "n ESCAPE '\\' OR t.fields_json LIKE :" + value + "e ESCAPE '\\')");
            }
        }
        return new Conditions(from.toString(), " WHERE " + String.join(" AND ", where), params,
                tsquery == null ? null : tsquery.all(), numberOnly, state);
    }

    private static void view(CurrentUser user, String view, List<String> where, MapSqlParameterSource params) {
        switch (view) {
            case "mine" -> {
                params.addValue("viewUser", user.id());
                String own = "t.requester = :viewUser OR t.assignee = :viewUser";
                if (user.email() != null) {
                    params.addValue("viewEmail", user.email().toLowerCase(Locale.ROOT));
                    own += " OR lower(t.requester) = :viewEmail";
                }
                where.add("(" + own + ")");
            }
            case "queue" -> {
                if (user.groups().isEmpty()) {
                    where.add("1 = 0");
                } else {
                    params.addValue("viewGroups", user.groups());
                    where.add("t.queue IN (:viewGroups)");
                }
            }
            default -> { }
        }
    }

    private String h2Text(CurrentUser user, String q, MapSqlParameterSource params) {
        List<String> any = new ArrayList<>();
        params.addValue("qNumber", q.toUpperCase(Locale.ROOT));
        any.add("upper(t.number) = :qNumber");
        int i = 0;
        for (String stem : TextQuery.stems(q)) {
            String name = "stem" + i++;
            params.addValue(name, TextQuery.contains(stem));
            String like = " LIKE :" + name + " ESCAPE '\\'";
            any.add("lower(t.subject)" + like + " OR lower(t.description)" + like + " OR lower(t.number)" + like
                    + " OR lower(t.requester)" + like + " OR lower(t.category)" + like + " OR lower(t.fields_json)"
                    + like + " OR EXISTS (SELECT 1 FROM article a WHERE a.ticket_id = t.id AND lower(a.body)" + like
                    + (user.isAgent() ? "" : " AND a.visibility = 'PUBLIC'") + ")");
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /**
     * The condition of one SLA level of the resolution deadline: {@code sla.SlaLevel#of} in SQL, the same comparison
     * of the time (the start of a pause while the clock stands) with the stored YELLOW, RED and due instants.
     */
    private String slaLevel(String level) {
        String at = "coalesce(t.sla_paused_at, :now)";
        String open = "t.resolved_at IS NULL AND t.resolution_due IS NOT NULL AND t.resolution_due >= " + at;
        String red = "t.sla_red_at IS NOT NULL AND t.sla_red_at <= " + at;
        String yellow = "t.sla_yellow_at IS NOT NULL AND t.sla_yellow_at <= " + at;
        return switch (level) {
            case "BREACHED" -> "(t.resolution_due IS NOT NULL AND (t.resolved_at > t.resolution_due"
                    + " OR (t.resolved_at IS NULL AND t.resolution_due < " + at + ")))";
            case "MET" -> "(t.resolved_at IS NOT NULL AND t.resolved_at <= t.resolution_due)";
            case "RED" -> "(" + open + " AND " + red + ")";
            case "YELLOW" -> "(" + open + " AND " + yellow + " AND NOT (" + red + "))";
            case "GREEN" -> "(" + open + " AND NOT (" + yellow + ") AND NOT (" + red + "))";
            default -> throw DomainException.invalid("sla", "unknown level " + level);
        };
    }

    private static void in(List<String> where, MapSqlParameterSource params, String column, String name,
                           List<String> values) {
        if (!values.isEmpty()) {
            where.add(column + " IN (:" + name + ")");
            params.addValue(name, values);
        }
    }

    private static void range(List<String> where, MapSqlParameterSource params, String column, String name,
                              Instant from, Instant to) {
        if (from != null) {
            where.add(column + " >= :" + name + "From");
            params.addValue(name + "From", java.sql.Timestamp.from(from));
        }
        if (to != null) {
            where.add(column + " < :" + name + "To");
            params.addValue(name + "To", java.sql.Timestamp.from(to));
        }
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
