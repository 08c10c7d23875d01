package dev.flowdesk.workflow;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a ticket stands in its model, for the progress diagram: the activities active now and those completed
 * (timers that fired and call activities included), and the same for every process it called. Read from the
 * engine's history, inside the ticket's access scope.
 */
@Service
public class ProcessProgress {

    private static final int MAX_DEPTH = 5;

    private final TicketQueries tickets;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;

    ProcessProgress(TicketQueries tickets, HistoryService history, RuntimeService runtime,
                    RepositoryService repository) {
        this.tickets = tickets;
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
    }

    /**
     * One process instance's progress. {@code calledBy}: the call activity of the parent that started it (null at
     * the top).
     */
    public record Progress(String processInstanceId, String processDefinitionId, String processDefinitionKey,
                           int version, boolean ended, List<String> activeActivityIds,
                           List<String> completedActivityIds, String calledBy, List<Progress> children) {
    }

    @Transactional(readOnly = true)
    public Progress ofTicket(long ticketId, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user); // 404 unless visible
        if (ticket.processInstanceId() == null) {
            throw DomainException.notFound("ticket " + ticketId + " runs no process");
        }
        return of(ticket.processInstanceId(), null, 0);
    }

    /**
     * Whether {@code user} may read the model {@code definitionId}: designers and agents always; anyone else when a
     * ticket they may see ({@code ticketId}) runs on it or called it.
     */
    @Transactional(readOnly = true)
    public boolean mayReadModel(String definitionId, Long ticketId, CurrentUser user) {
        if (user.has(Role.DESIGNER) || user.isAgent()) {
            return true;
        }
        if (ticketId == null) {
            return false;
        }
        return definitions(ofTicket(ticketId, user), new LinkedHashSet<>()).contains(definitionId);
    }

    private static Set<String> definitions(Progress progress, Set<String> into) {
        into.add(progress.processDefinitionId());
        progress.children().forEach(child -> definitions(child, into));
        return into;
    }

    private Progress of(String processInstanceId, String calledBy, int depth) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (instance == null) {
            throw DomainException.notFound("process instance of the ticket");
        }
        boolean ended = instance.getEndTime() != null;
        List<String> active = ended ? List.of() : runtime.getActiveActivityIds(processInstanceId);
        Set<String> completed = new LinkedHashSet<>();
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).finished().orderByHistoricActivityInstanceStartTime().asc()
                .orderByActivityId().asc().list()) {
            completed.add(activity.getActivityId());
        }
        List<Progress> children = new ArrayList<>();
        if (depth < MAX_DEPTH) {
            for (HistoricProcessInstance child : history.createHistoricProcessInstanceQuery()
                    .superProcessInstanceId(processInstanceId).orderByProcessInstanceStartTime().asc().list()) {
                children.add(of(child.getId(), callingActivity(processInstanceId, child.getId()), depth + 1));
            }
        }
        ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
        return new Progress(processInstanceId, definition.getId(), definition.getKey(), definition.getVersion(), ended,
                List.copyOf(active), List.copyOf(completed), calledBy, children);
    }

    private String callingActivity(String parentId, String childId) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(parentId).activityType("callActivity")
                .list().stream().filter(a -> childId.equals(a.getCalledProcessInstanceId()))
                .map(HistoricActivityInstance::getActivityId).findFirst().orElse(null);
    }
}
