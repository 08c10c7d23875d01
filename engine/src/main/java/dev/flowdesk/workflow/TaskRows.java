package dev.flowdesk.workflow;

import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.workflow.TaskWork.TaskView;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inbox rows for a page of tasks in a fixed number of queries, whatever the page size: the tasks' ticket ids (one
 * variable query over their process instances), their candidate groups (one query) and the ticket summaries (one
 * query). Reading them task by task cost three queries per row. A task completed by someone else meanwhile simply
 * comes back without its ticket instead of failing the whole page.
 */
@Component
class TaskRows {

    /** Camunda's runtime identity links; its schema is stable across 7.x and the engine API has no batch read. */
    private static final String CANDIDATE_GROUPS = "select TASK_ID_, GROUP_ID_ from ACT_RU_IDENTITYLINK"
            + " where TASK_ID_ in (:tasks) and TYPE_ = 'candidate' and GROUP_ID_ is not null order by GROUP_ID_";

    private final RuntimeService runtime;
    private final TicketQueries tickets;
    private final NamedParameterJdbcTemplate jdbc;

    TaskRows(RuntimeService runtime, TicketQueries tickets, NamedParameterJdbcTemplate jdbc) {
        this.runtime = runtime;
        this.tickets = tickets;
        this.jdbc = jdbc;
    }

    List<TaskView> of(List<Task> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, Long> ticketIds = ticketIds(page);
        Map<String, List<String>> groups = candidateGroups(page);
        Map<Long, TicketSummary> summaries = tickets.summaries(new LinkedHashSet<>(ticketIds.values()));
        List<TaskView> rows = new ArrayList<>(page.size());
        for (Task task : page) {
            Long ticketId = ticketIds.get(task.getProcessInstanceId());
            rows.add(new TaskView(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getAssignee(),
                    task.getCreateTime() == null ? null : task.getCreateTime().toInstant(),
                    task.getDueDate() == null ? null : task.getDueDate().toInstant(),
                    FormCatalog.keyOf(task.getFormKey()), task.getProcessInstanceId(),
                    groups.getOrDefault(task.getId(), List.of()),
                    ticketId == null ? null : summaries.get(ticketId)));
        }
        return rows;
    }

    /** Process instance id → its {@code ticketId} variable (set on the instance of every ticket's process). */
    private Map<String, Long> ticketIds(List<Task> page) {
        String[] instances = page.stream().map(Task::getProcessInstanceId).filter(java.util.Objects::nonNull)
                .distinct().toArray(String[]::new);
        Map<String, Long> ids = new HashMap<>();
        if (instances.length == 0) {
            return ids;
        }
        for (VariableInstance variable : runtime.createVariableInstanceQuery().variableName("ticketId")
                .processInstanceIdIn(instances).disableBinaryFetching().disableCustomObjectDeserialization().list()) {
            boolean instanceScope = variable.getProcessInstanceId().equals(variable.getExecutionId());
            if (variable.getValue() instanceof Number n && (instanceScope
                    || !ids.containsKey(variable.getProcessInstanceId()))) {
                ids.put(variable.getProcessInstanceId(), n.longValue());
            }
        }
        return ids;
    }

    private Map<String, List<String>> candidateGroups(List<Task> page) {
        Set<String> ids = new LinkedHashSet<>();
        page.forEach(t -> ids.add(t.getId()));
        Map<String, List<String>> groups = new HashMap<>();
        jdbc.query(CANDIDATE_GROUPS, Map.of("tasks", ids), row -> {
            groups.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(row.getString(2));
        });
        return groups;
    }
}
