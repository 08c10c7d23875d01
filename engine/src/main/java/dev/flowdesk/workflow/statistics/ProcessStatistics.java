package dev.flowdesk.workflow.statistics;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heat map of a process definition: per activity how many instances are in it now, how many ended (in a period),
 * and the mean and 90th percentile of the time spent, and per sequence flow how often it was taken. Read from the
 * engine's activity history by one aggregate query (the database computes the percentile), never by loading every
 * activity instance. Camunda's history does not record which sequence flow was taken, so {@link FlowCounts}
 * derives the counts from the activity counts and the model.
 */
@Service
public class ProcessStatistics {

    /**
     * State 2 in {@code ACT_INST_STATE_} is an activity instance that was cancelled (an interrupting boundary event,
     * a withdrawn ticket): it was left, but not through its outgoing flow.
     */
    private static final String AGGREGATE = """
            SELECT ACT_ID_ AS activity_id, MIN(ACT_TYPE_) AS activity_type,
                   SUM(CASE WHEN END_TIME_ IS NULL THEN 1 ELSE 0 END) AS active,
                   SUM(CASE WHEN END_TIME_ IS NOT NULL AND %1$s THEN 1 ELSE 0 END) AS completed,
                   SUM(CASE WHEN END_TIME_ IS NOT NULL AND %1$s AND ACT_INST_STATE_ = 2 THEN 1 ELSE 0 END)
                       AS cancelled,
                   SUM(CASE WHEN %2$s THEN 1 ELSE 0 END) AS started,
                   AVG(CASE WHEN END_TIME_ IS NOT NULL AND %1$s THEN DURATION_ END) AS mean_millis,
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CASE WHEN END_TIME_ IS NOT NULL AND %1$s
                       THEN DURATION_ END) AS p90_millis
            FROM ACT_HI_ACTINST WHERE PROC_DEF_ID_ = :definitionId
            GROUP BY ACT_ID_ ORDER BY ACT_ID_""";

    private final NamedParameterJdbcTemplate jdbc;
    private final RepositoryService repository;

    ProcessStatistics(NamedParameterJdbcTemplate jdbc, RepositoryService repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    /**
     * One activity. {@code active}: instances in it now; {@code completed}: instances that left it in the period
     * ({@code cancelled} of them by an interrupting event); {@code started}: instances that entered it in the period;
     * times over the completed ones, null when none.
     */
    public record ActivityStatistics(String activityId, String activityType, long active, long completed,
                                     long cancelled, long started, Long meanMillis, Long p90Millis) {
    }

    /** {@code taken}: how often the flow was taken in the period; null when history cannot tell (see FlowCounts). */
    public record FlowStatistics(String flowId, String sourceId, String targetId, Long taken) {
    }

    public record Statistics(String processDefinitionId, Instant from, Instant to,
                             List<ActivityStatistics> activities, List<FlowStatistics> flows) {
    }

    /** {@code from}, {@code to}: the period (either may be null: open); ended and entered instances count in it. */
    @Transactional(readOnly = true)
    public Statistics of(String definitionId, Instant from, Instant to, CurrentUser user) {
        user.requireAny("Only process designers read process statistics.", Role.DESIGNER);
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.invalid("from", "must be before 'to'");
        }
        if (repository.createProcessDefinitionQuery().processDefinitionId(definitionId).count() == 0) {
            throw DomainException.notFound("process definition " + definitionId);
        }
        MapSqlParameterSource params = new MapSqlParameterSource("definitionId", definitionId);
        String ended = period("END_TIME_", from, to, params);
        String entered = period("START_TIME_", from, to, params);
        List<ActivityStatistics> activities = jdbc.query(AGGREGATE.formatted(ended, entered), params,
                (rs, i) -> new ActivityStatistics(rs.getString("activity_id"), rs.getString("activity_type"),
                        rs.getLong("active"), rs.getLong("completed"), rs.getLong("cancelled"),
                        rs.getLong("started"), millis(rs.getObject("mean_millis")), millis(rs.getObject("p90_millis"))));
        BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
        Map<String, ActivityStatistics> byId = new LinkedHashMap<>();
        activities.forEach(a -> byId.put(a.activityId(), a));
        Map<String, Long> taken = FlowCounts.derive(model, byId);
        List<FlowStatistics> flows = new ArrayList<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            flows.add(new FlowStatistics(flow.getId(), flow.getSource().getId(), flow.getTarget().getId(),
                    taken.get(flow.getId())));
        }
        flows.sort(java.util.Comparator.comparing(FlowStatistics::flowId));
        return new Statistics(definitionId, from, to, activities, flows);
    }

    private static String period(String column, Instant from, Instant to, MapSqlParameterSource params) {
        List<String> parts = new ArrayList<>();
        parts.add(column + " IS NOT NULL");
        if (from != null) {
            params.addValue("from", Timestamp.from(from));
            parts.add(column + " >= :from");
        }
        if (to != null) {
            params.addValue("to", Timestamp.from(to));
            parts.add(column + " < :to");
        }
        return "(" + String.join(" AND ", parts) + ")";
    }

    private static Long millis(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue());
    }
}
