package dev.flowdesk.workflow;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.inbox.InboxEntries;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which open tasks an inbox shows, in which order, read from the inbox read model ({@link InboxEntries}): a row per
 * task and principal who sees it, with the ticket's sort keys copied. The caller's inbox is the union of the ranges
 * of their principals (themselves as assignee or candidate user, each of their groups), each range read in index
 * order and cut at the page's end, so a page costs the same at 4,000 and at 100,000 open tickets. Tasks of a called
 * process (an approval) sort by the ticket that called it.
 */
@Component
class InboxQuery {

    /** The orders an inbox offers; the first is the default. Each has an index led by the principal (V50). */
    static final Map<String, String> ORDERS = Map.of(
            "urgency", "priority NULLS LAST, resolution_due NULLS LAST, task_created, task_id",
            "due", "resolution_due NULLS LAST, priority NULLS LAST, task_created, task_id",
            "created", "task_created, task_id",
            "newest", "task_created DESC, task_id DESC");

    private static final String COLUMNS = "task_id, priority, resolution_due, task_created";
    /**
     * How many tasks an inbox counts at most (the page's end, if further): as a ticket list does, beyond this the
     * total is a lower bound ("10,000+"), so that a page costs the same in an inbox of 60,000 tasks as in one of 600
     * (the exact count of 64,000 rows was most of the statement time of an inbox page).
     */
    static final int COUNTED = 10_000;
    /**
     * In index-only scans, up to :counted rows: rows of a task with a single principal are counted as they are; only
     * the few tasks with several (an escalated task offered to two groups) need de-duplicating.
     */
    private static final String COUNT = "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM inbox_entry"
            + " WHERE principal IN (:principals) AND shared = FALSE LIMIT :counted) unshared)"
            + " + (SELECT COUNT(DISTINCT task_id) FROM inbox_entry WHERE principal IN (:principals) AND shared = TRUE)";

    private final NamedParameterJdbcTemplate jdbc;

    InboxQuery(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of task ids in order, and how many tasks the filter has (a lower bound unless {@code exact}). */
    record Page(List<String> taskIds, long total, boolean exact) {
    }

    Page page(String filter, String order, String user, List<String> groups, String tenant, int page, int size) {
        Statements statements = statements(filter, order, user, groups, tenant, page, size);
        List<String> ids = jdbc.queryForList(statements.page(), statements.params(), String.class);
        long offset = (long) page * size;
        if (ids.size() < size && (page == 0 || !ids.isEmpty())) {
            return new Page(ids, offset + ids.size(), true); // the last page: nothing to count
        }
        Long counted = jdbc.queryForObject(statements.count(), statements.params(), Long.class);
        long total = counted == null ? 0 : counted;
        long cap = (Long) statements.params().getValue("counted") - 1;
        return total > cap ? new Page(ids, cap, false) : new Page(ids, total, true);
    }

    /**
     * What the rows of these tasks show besides their ids: who holds or is offered each task (its principals in the
     * read model) and its ticket's version, latest change and passed SLA instants at {@code now}.
     */
    String fingerprint(List<String> taskIds, java.time.Instant now) {
        if (taskIds.isEmpty()) {
            return "";
        }
        MapSqlParameterSource params = new MapSqlParameterSource("tasks", taskIds)
                .addValue("now", java.sql.Timestamp.from(now));
        StringBuilder facts = new StringBuilder();
        jdbc.query("SELECT e.task_id, e.principal, t.version, t.updated_at,"
                + " CASE WHEN t.sla_yellow_at <= :now THEN 1 ELSE 0 END + CASE WHEN t.sla_red_at <= :now THEN 1 ELSE 0 END"
                + " + CASE WHEN t.resolution_due < :now THEN 1 ELSE 0 END"
                + " FROM inbox_entry e LEFT JOIN ticket t ON t.id = e.ticket_id WHERE e.task_id IN (:tasks)"
                + " ORDER BY e.task_id, e.principal", params, rs -> {
                    for (int i = 1; i <= 5; i++) {
                        facts.append(rs.getString(i)).append(',');
                    }
                    facts.append(';');
                });
        return facts.toString();
    }

    /** The two statements of an inbox request and the values they bind (also what the benchmark EXPLAINs). */
    record Statements(String count, String page, MapSqlParameterSource params) {
    }

    /**
     * As {@link #statements(String, String, String, List, String, int, int)} for a user who sees every tenant.
     */
    static Statements statements(String filter, String order, String user, List<String> groups, int page, int size) {
        return statements(filter, order, user, groups, null, page, size);
    }

    /**
     * {@code tenant}: for a user bound to a tenant, only rows of that tenant's tickets (null: no such condition, the
     * index-only plans of the desk's own staff stay as they are).
     */
    static Statements statements(String filter, String order, String user, List<String> groups, String tenant,
                                 int page, int size) {
        List<String> principals = principals(filter == null ? "candidate" : filter, user, groups);
        String orderBy = ORDERS.get(order == null ? "urgency" : order);
        if (orderBy == null) {
            throw DomainException.invalid("sort", "must be one of " + String.join(", ", ORDERS.keySet()));
        }
        MapSqlParameterSource params = new MapSqlParameterSource("principals", principals)
                .addValue("offset", (long) page * size).addValue("size", size).addValue("end", (long) (page + 1) * size)
                .addValue("counted", Math.max(COUNTED, (long) (page + 1) * size) + 1);
        String within = "";
        if (tenant != null) {
            params.addValue("scopeTenant", tenant);
            within = " AND ticket_id IN (SELECT id FROM ticket WHERE tenant = :scopeTenant)";
        }
        String count = within.isEmpty() ? COUNT : "SELECT COUNT(*) FROM (SELECT DISTINCT task_id FROM inbox_entry"
                + " WHERE principal IN (:principals)" + within + " LIMIT :counted) tasks";
        return new Statements(count, pageSql(principals, orderBy, within, params), params);
    }

    /**
     * The principals whose rows make up an inbox: mine = tasks assigned to me; unassigned = unassigned tasks of my
     * groups; candidate (default) = both, plus unassigned tasks naming me as a candidate user.
     */
    static List<String> principals(String filter, String user, List<String> groups) {
        List<String> principals = new ArrayList<>();
        switch (filter) {
            case "mine" -> principals.add(InboxEntries.assignee(user));
            case "unassigned" -> groups.forEach(g -> principals.add(InboxEntries.candidateGroup(g)));
            case "candidate" -> {
                principals.add(InboxEntries.assignee(user));
                principals.add(InboxEntries.candidateUser(user));
                groups.forEach(g -> principals.add(InboxEntries.candidateGroup(g)));
            }
            default -> throw DomainException.invalid("filter", "must be mine, candidate or unassigned");
        }
        return principals.stream().distinct().toList();
    }

    /**
     * One principal: its range, in index order. Several: the first page-ends of each range, merged without the
     * duplicates of a task seen through two principals (its rows carry the same sort keys), then ordered and cut.
     */
    private static String pageSql(List<String> principals, String orderBy, String within,
                                  MapSqlParameterSource params) {
        String window = " ORDER BY " + orderBy + " OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY";
        if (principals.size() == 1) {
            params.addValue("p0", principals.get(0));
            return "SELECT task_id FROM inbox_entry WHERE principal = :p0" + within + window;
        }
        StringJoiner union = new StringJoiner(" UNION ");
        for (int i = 0; i < principals.size(); i++) {
            params.addValue("p" + i, principals.get(i));
            union.add("(SELECT " + COLUMNS + " FROM inbox_entry WHERE principal = :p" + i + within
                    + " ORDER BY " + orderBy + " FETCH FIRST :end ROWS ONLY)");
        }
        return "SELECT task_id FROM (" + union + ") E" + window;
    }
}
