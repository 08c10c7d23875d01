package dev.flowdesk.workflow;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.Role;
import dev.flowdesk.task.TaskAccess;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketStructure;
import dev.flowdesk.web.ProblemHandler;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/tickets/bulk}: one action on many tickets, each ticket in its own transaction, so one ticket that
 * fails (not visible: 404, held by someone else: 409, bad value: 400) leaves the others done and is reported in its
 * row. Actions: {@code claim} (the ticket's open task the agent may take), {@code assign} (its open task to an
 * {@code assignee} or a {@code group}), {@code priority} (new {@code impact}/{@code urgency}; the rules decide again),
 * {@code close} (outside the process, with a {@code reason}).
 */
@RestController
class BulkWork {

    private static final Logger log = LoggerFactory.getLogger(BulkWork.class);
    static final int MAX_TICKETS = 200;
    static final Set<String> ACTIONS = Set.of("claim", "assign", "priority", "close");

    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketStructure structure;
    private final TaskWork work;
    private final TaskService taskService;
    private final TaskAccess access;
    private final TransactionTemplate transactions;

    BulkWork(TicketQueries tickets, TicketService service, TicketStructure structure, TaskWork work,
             TaskService taskService, TaskAccess access, TransactionTemplate transactions) {
        this.tickets = tickets;
        this.service = service;
        this.structure = structure;
        this.work = work;
        this.taskService = taskService;
        this.access = access;
        this.transactions = transactions;
    }

    record BulkRequest(List<Long> ids, String action, String assignee, String group, String impact, String urgency,
                       String reason) {
    }

    /** One row of the answer: {@code OK} or {@code FAILED} with the status the single request would have had. */
    record Outcome(long ticketId, String outcome, int status, String detail) {
    }

    record BulkResult(String action, int succeeded, int failed, List<Outcome> results) {
    }

    @PostMapping("/api/tickets/bulk")
    BulkResult bulk(@RequestBody BulkRequest body) {
        CurrentUser user = CurrentUsers.require();
        user.requireAny("Only agents work on tickets in bulk.", Role.AGENT);
        String action = body.action() == null ? "" : body.action().strip().toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
            throw DomainException.invalid("action", "must be one of " + String.join(", ", ACTIONS.stream().sorted()
                    .toList()));
        }
        if (body.ids() == null || body.ids().isEmpty()) {
            throw DomainException.invalid("ids", "name at least one ticket");
        }
        if (body.ids().size() > MAX_TICKETS) {
            throw DomainException.invalid("ids", "at most " + MAX_TICKETS + " tickets at once");
        }
        if ("close".equals(action) && (body.reason() == null || body.reason().isBlank())) {
            throw DomainException.invalid("reason", "is required: why the tickets are closed");
        }
        if ("assign".equals(action) && blank(body.assignee()) && blank(body.group())) {
            throw DomainException.invalid("assignee", "name an agent (assignee) or a group (group)");
        }
        if ("priority".equals(action) && blank(body.impact()) && blank(body.urgency())) {
            throw DomainException.invalid("impact", "give a new impact and/or urgency");
        }
        List<Outcome> results = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(body.ids())) {
            if (id == null) {
                continue;
            }
            try {
                transactions.executeWithoutResult(status -> apply(action, id, body, user));
                results.add(new Outcome(id, "OK", 200, null));
            } catch (RuntimeException e) {
                int status = ProblemHandler.statusOf(e);
                if (status >= 500) {
                    log.warn("Bulk {} failed on ticket {}", action, id, e);
                }
                results.add(new Outcome(id, "FAILED", status, status >= 500 ? "unexpected error" : e.getMessage()));
            }
        }
        int ok = (int) results.stream().filter(r -> "OK".equals(r.outcome())).count();
        return new BulkResult(action, ok, results.size() - ok, results);
    }

    private void apply(String action, long id, BulkRequest body, CurrentUser user) {
        switch (action) {
            case "claim" -> work.claim(openTask(id, user).getId(), user);
            case "assign" -> work.assign(openTask(id, user).getId(), body.assignee(), body.group(), user);
            case "priority" -> service.reclassify(id, body.impact(), body.urgency(), null, user);
            case "close" -> structure.close(id, body.reason(), user);
            default -> throw new IllegalStateException(action);
        }
    }

    /** The ticket's first open task this agent may work on (its process's own, then its called processes'). */
    private Task openTask(long ticketId, CurrentUser user) {
        String pid = tickets.get(ticketId, user).processInstanceId();
        if (pid != null) {
            for (Task task : taskService.createTaskQuery().processInstanceId(pid).active().orderByTaskCreateTime()
                    .asc().list()) {
                if (access.mayWorkOn(task, user)) {
                    return task;
                }
            }
        }
        throw DomainException.conflict("the ticket has no open task you may take");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
