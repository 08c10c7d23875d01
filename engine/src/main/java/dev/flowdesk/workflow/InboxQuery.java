package dev.flowdesk.workflow;

import dev.flowdesk.error.DomainException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Which open tasks an inbox shows, in which order: the ticket's priority and SLA come from our {@code ticket} table,
 * which the engine's task query cannot sort by, so the page of task ids is one SQL query over Camunda's runtime
 * tables (task, the process's {@code ticketId} variable, candidate links; their schema is stable across 7.x) joined
 * to the ticket. Tasks of a called process (an approval) sort by the ticket that called it.
 */
@Component
class InboxQuery {

    /** The orders an inbox offers; the first is the default. */
    static final Map<String, String> ORDERS = Map.of(
            "urgency", "CASE WHEN T.priority IS NULL THEN 1 ELSE 0 END, T.priority, T.resolution_due NULLS LAST,"
                    + " RES.CREATE_TIME_, RES.ID_",
            "due", "T.resolution_due NULLS LAST, T.priority NULLS LAST, RES.CREATE_TIME_, RES.ID_",
            "created", "RES.CREATE_TIME_, RES.ID_",
            "newest", "RES.CREATE_TIME_ DESC, RES.ID_ DESC");

    private static final String FROM = " FROM ACT_RU_TASK RES"
            + " LEFT JOIN ACT_RU_VARIABLE V ON V.EXECUTION_ID_ = RES.PROC_INST_ID_ AND V.NAME_ = 'ticketId'"
            + " LEFT JOIN ticket T ON T.id = V.LONG_"
            + " WHERE RES.SUSPENSION_STATE_ = 1 AND ";
    private static final String CANDIDATE_OF = "EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK I WHERE I.TASK_ID_ = RES.ID_"
            + " AND I.TYPE_ = 'candidate' AND (I.GROUP_ID_ IN (:groups)%s))";

    private final NamedParameterJdbcTemplate jdbc;

    InboxQuery(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of task ids in order, and how many tasks the filter has. */
    record Page(List<String> taskIds, long total) {
    }

    Page page(String filter, String order, String user, List<String> groups, int page, int size) {
        String where = switch (filter == null ? "candidate" : filter) {
            case "mine" -> "RES.ASSIGNEE_ = :user";
            case "unassigned" -> "RES.ASSIGNEE_ IS NULL AND " + CANDIDATE_OF.formatted("");
            case "candidate" -> "(RES.ASSIGNEE_ = :user OR (RES.ASSIGNEE_ IS NULL AND "
                    + CANDIDATE_OF.formatted(" OR I.USER_ID_ = :user") + "))";
            default -> throw DomainException.invalid("filter", "must be mine, candidate or unassigned");
        };
        String orderBy = ORDERS.get(order == null ? "urgency" : order);
        if (orderBy == null) {
            throw DomainException.invalid("sort", "must be one of " + String.join(", ", ORDERS.keySet()));
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("user", user)
                // IN () is no SQL: a user without groups matches no group
                .addValue("groups", groups.isEmpty() ? List.of("\u0000") : groups)
                .addValue("offset", (long) page * size).addValue("size", size);
        Long total = jdbc.queryForObject("SELECT count(*)" + FROM + where, params, Long.class);
        List<String> ids = jdbc.queryForList("SELECT RES.ID_" + FROM + where + " ORDER BY " + orderBy
                + " OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY", params, String.class);
        return new Page(ids, total == null ? 0 : total);
    }
}
