package dev.flowdesk.workflow.dryrun;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.workflow.DeploymentLinter;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs a draft model (issue 12 part 4) on a sample ticket the way production would — the same linter, rules,
 * delegates, status listeners and notification path — inside one transaction that is always rolled back: the draft
 * is deployed, the ticket opened and its process driven (asynchronous steps executed, user tasks completed with the
 * given form values, timers fired earliest first when nothing else can move), and what happened is read back before
 * the rollback. Mail only ever leaves through the outbox after a commit, so none leaves; nothing is stored. (A
 * ticket number is drawn from its sequence, which a rollback does not return: dry runs leave gaps in the numbers.)
 */
@Service
public class DryRun {

    /** Enough for any real path; a model that loops on timers stops here instead of running forever. */
    static final int MAX_STEPS = 200;

    private final DeploymentLinter linter;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final HistoryService history;
    private final TicketService tickets;
    private final AuditTrail audit;
    private final TransactionTemplate isolated;

    DryRun(DeploymentLinter linter, RepositoryService repository, RuntimeService runtime, TaskService tasks,
           ManagementService management, HistoryService history, TicketService tickets, AuditTrail audit,
           PlatformTransactionManager transactions) {
        this.linter = linter;
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.history = history;
        this.tickets = tickets;
        this.audit = audit;
        this.isolated = new TransactionTemplate(transactions);
        this.isolated.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** One step of the path: an activity the process entered (and left, unless {@code ended} is null). */
    public record Step(String activityId, String activityName, String activityType, Instant started, Instant ended) {
    }

    /** What the driver did to move the process on: completed a task, fired a timer, ran an asynchronous step. */
    public record Action(String kind, String activityId, Map<String, Object> values) {
    }

    public record Notification(String template, Object recipients, Object mailedTo, String summary) {
    }

    public record RuleFired(String name, String reason) {
    }

    /**
     * {@code path}: activity ids in the order entered; {@code waitingAt}: where the process stopped (empty: it
     * ended); {@code error}: why the run stopped early (a failing step), else null.
     */
    public record Result(String processKey, List<String> path, List<Step> steps, List<Action> actions,
                         List<String> waitingAt, boolean ended, List<RuleFired> rulesFired,
                         Map<String, Object> decision, List<Notification> notifications, List<String> events,
                         String error) {
    }

    public Result run(DryRunRequest request, CurrentUser user) {
        user.requireAny("Only process designers run draft models.", Role.DESIGNER);
        if (request.bpmn() == null || request.bpmn().isBlank()) {
            throw DomainException.invalid("bpmn", "is required: the draft model's BPMN XML");
        }
        byte[] bpmn = request.bpmn().getBytes(StandardCharsets.UTF_8);
        if (bpmn.length > 5 * 1024 * 1024) {
            throw DomainException.invalid("bpmn", "is larger than 5 MB");
        }
        DeploymentLinter.Result lint = linter.lint(bpmn);
        if (!lint.ok()) {
            throw DomainException.invalid(lint.problems());
        }
        String key = lint.model().getModelElementsByType(Process.class).stream().filter(Process::isExecutable)
                .map(Process::getId).findFirst()
                .orElseThrow(() -> DomainException.invalid("bpmn", "has no executable process"));
        return isolated.execute(status -> {
            status.setRollbackOnly();
            return runIsolated(bpmn, key, request, user);
        });
    }

    private Result runIsolated(byte[] bpmn, String key, DryRunRequest request, CurrentUser user) {
        repository.createDeployment().name("dry-run").source("flowdesk-dry-run:" + user.id())
                .addInputStream("dry-run.bpmn", new ByteArrayInputStream(bpmn)).deploy();
        DryRunRequest.Facts facts = request.facts();
        long ticketId = tickets.open(new NewTicket(or(facts.type(), "INCIDENT"), or(facts.channel(), "WEB"),
                or(facts.subject(), "Dry run"), facts.description(), or(facts.requester(), user.id()),
                or(facts.impact(), "MEDIUM"), or(facts.urgency(), "MEDIUM"), facts.category(), facts.fields(), key),
                user).ticketId();
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .processDefinitionKey(key).singleResult().getId();
        List<Action> actions = new ArrayList<>();
        String error = null;
        try {
            drive(pid, request.formValues(), actions);
        } catch (ProcessEngineException | DomainException failed) {
            error = failed.getMessage() == null ? failed.getClass().getSimpleName()
                    : failed.getMessage().lines().findFirst().orElse("");
        }
        return report(key, pid, ticketId, actions, error);
    }

    private void drive(String pid, Map<String, Map<String, Object>> formValues, List<Action> actions) {
        for (int step = 0; step < MAX_STEPS; step++) {
            if (runtime.createProcessInstanceQuery().processInstanceId(pid).count() == 0) {
                return;
            }
            Job async = management.createJobQuery().processInstanceId(pid).messages().list().stream().findFirst()
                    .orElse(null);
            if (async != null) {
                actions.add(new Action("ASYNC_STEP", activityOf(async), Map.of()));
                management.executeJob(async.getId());
                continue;
            }
            Task task = tasks.createTaskQuery().processInstanceId(pid).active().orderByTaskCreateTime().asc().list()
                    .stream().findFirst().orElse(null);
            if (task != null) {
                Map<String, Object> values = formValues.getOrDefault(task.getTaskDefinitionKey(), Map.of());
                actions.add(new Action("TASK_COMPLETED", task.getTaskDefinitionKey(), values));
                tasks.complete(task.getId(), values);
                continue;
            }
            Job timer = management.createJobQuery().processInstanceId(pid).timers().list().stream()
                    .min(Comparator.comparing(Job::getDuedate)).orElse(null);
            if (timer != null) {
                actions.add(new Action("TIMER_FIRED", activityOf(timer), Map.of("dueDate",
                        timer.getDuedate().toInstant().toString())));
                management.executeJob(timer.getId());
                continue;
            }
            return; // waiting for a message or a signal from outside
        }
        throw DomainException.badRequest("the run stopped after " + MAX_STEPS + " steps; does the model loop?");
    }

    /** A job names its activity through its job definition. */
    private String activityOf(Job job) {
        var definition = job.getJobDefinitionId() == null ? null
                : management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        return definition == null ? job.getId() : definition.getActivityId();
    }

    private Result report(String key, String pid, long ticketId, List<Action> actions, String error) {
        List<Step> steps = history.createHistoricActivityInstanceQuery().processInstanceId(pid)
                .orderPartiallyByOccurrence().asc().list().stream()
                .map(a -> new Step(a.getActivityId(), a.getActivityName(), a.getActivityType(),
                        instant(a.getStartTime()), instant(a.getEndTime())))
                .toList();
        boolean ended = runtime.createProcessInstanceQuery().processInstanceId(pid).count() == 0;
        List<String> waitingAt = ended ? List.of() : runtime.getActiveActivityIds(pid);
        List<RuleFired> rules = new ArrayList<>();
        Map<String, Object> decision = null;
        List<Notification> notifications = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (HistoryEntry event : audit.recordedFor(ticketId)) {
            events.add(event.type() + ": " + event.detail());
            if (event.type().equals(AuditEventType.CLASSIFIED.name()) && event.after() instanceof Map<?, ?> after) {
                decision = stringKeys(after);
                if (after.get("rulesFired") instanceof List<?> fired) {
                    for (Object rule : fired) {
                        if (rule instanceof Map<?, ?> r) {
                            rules.add(new RuleFired(String.valueOf(r.get("name")), r.get("reason") == null ? null
                                    : String.valueOf(r.get("reason"))));
                        } else {
                            rules.add(new RuleFired(String.valueOf(rule), null));
                        }
                    }
                }
            }
            if (event.type().equals(AuditEventType.NOTIFICATION.name()) && event.after() instanceof Map<?, ?> n) {
                notifications.add(new Notification(String.valueOf(n.get("template")), n.get("recipients"),
                        n.get("mailedTo"), event.detail()));
            }
        }
        return new Result(key, steps.stream().map(Step::activityId).toList(), steps, actions, waitingAt, ended,
                rules, decision, notifications, events, error);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
