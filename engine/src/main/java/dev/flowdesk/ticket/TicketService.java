package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.Priority;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.sla.BusinessCalendar;
import dev.flowdesk.sla.SlaLevel;
import dev.flowdesk.ticket.TicketViews.ActivityView;
import dev.flowdesk.ticket.TicketViews.DecisionView;
import dev.flowdesk.ticket.TicketViews.FiredRuleView;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.ApiException;
import dev.flowdesk.web.PageResponse;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ticket use cases. Each public method is one transaction: the ticket row, the audit events and the process state
 * commit together or not at all.
 */
@Service
public class TicketService {

    static final Map<String, String> DEFAULT_PROCESS = Map.of(
            "INCIDENT", "incident", "SERVICE_REQUEST", "service-request", "CHANGE", "change", "PROBLEM", "problem");
    private static final Set<String> LEVELS = Set.of("LOW", "MEDIUM", "HIGH");
    /**
     * The history events a requester sees; the rest (internal notes, approvers' names and comments, routing,
     * notifications, links to tickets they cannot open) is for agents.
     */
    private static final Set<String> REQUESTER_EVENTS = Set.of("CREATED", "CLASSIFIED", "RECLASSIFIED",
            "PROCESS_STARTED", "STATUS_CHANGED", "ASSIGNED", "UNASSIGNED", "TASK_COMPLETED", "REPLY_ADDED",
            "SLA_PAUSED", "SLA_RESUMED", "RESOLVED");
    private static final Set<String> SORTABLE = Set.of("number", "createdAt", "updatedAt", "priority", "status",
            "subject", "requester");

    private final TicketRepository tickets;
    private final AuditEventRepository audit;
    private final TicketClassifier classifier;
    private final BusinessCalendar calendar;
    private final RuntimeService runtime;
    private final org.camunda.bpm.engine.TaskService taskService;
    private final org.camunda.bpm.engine.ManagementService management;
    private final DecisionRecorder decisions;
    private final RepositoryService repository;
    private final HistoryService history;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    TicketService(TicketRepository tickets, AuditEventRepository audit, TicketClassifier classifier,
                  BusinessCalendar calendar, RuntimeService runtime, org.camunda.bpm.engine.TaskService taskService,
                  org.camunda.bpm.engine.ManagementService management, DecisionRecorder decisions,
                  RepositoryService repository,
                  HistoryService history, ApplicationEventPublisher events, ObjectMapper json) {
        this.tickets = tickets;
        this.audit = audit;
        this.classifier = classifier;
        this.calendar = calendar;
        this.runtime = runtime;
        this.taskService = taskService;
        this.management = management;
        this.decisions = decisions;
        this.repository = repository;
        this.history = history;
        this.events = events;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Children and links of a ticket for {@link #get}; set once by Spring (kept out of the constructor). */
    private TicketJournal journal;

    @org.springframework.beans.factory.annotation.Autowired
    void setJournal(TicketJournal journal) {
        this.journal = journal;
    }

    /** Opens a ticket: classify with the rules, store it with its audit event, start its process. */
    @Transactional
    public OpenedTicket open(NewTicket cmd, CurrentUser actor) {
        return open(cmd, actor, null);
    }

    /**
     * As {@link #open(NewTicket, CurrentUser)}, in the given queue rather than the one the rules chose (a channel
     * that belongs to a queue, such as a team's mailbox); null: the rules decide.
     */
    @Transactional
    public OpenedTicket open(NewTicket cmd, CurrentUser actor, String queue) {
        String type = cmd.type() == null ? "" : cmd.type().toUpperCase(Locale.ROOT);
        if (!DEFAULT_PROCESS.containsKey(type)) {
            throw ApiException.invalid("type", "must be one of " + String.join(", ", DEFAULT_PROCESS.keySet()));
        }
        String processKey = cmd.processKey() != null ? cmd.processKey() : DEFAULT_PROCESS.get(type);
        if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().active()
                .count() == 0) {
            throw ApiException.invalid("type", "no active process '" + processKey + "' is deployed for " + type);
        }
        requireText(cmd.subject(), "subject", 200);
        if (cmd.description() != null && cmd.description().length() > 100_000) {
            throw ApiException.invalid("description", "must be at most 100000 characters");
        }
        requireText(cmd.requester(), "requester", 254);
        if (cmd.categoryHint() != null && cmd.categoryHint().length() > 60) {
            throw ApiException.invalid("category", "must be at most 60 characters");
        }
        String impact = level(cmd.impact(), "impact");
        String urgency = level(cmd.urgency(), "urgency");
        Instant now = clock.instant();

        Ticket ticket = new Ticket(String.format("FD-%06d", tickets.nextNumber()), type, cmd.channel(),
                cmd.subject().strip(), cmd.description() == null ? "" : cmd.description(), cmd.requester(),
                impact, urgency, now);
        String fieldsJson = write(cmd.fields());
        if (fieldsJson.length() > 100_000) {
            throw ApiException.invalid("fields", "are too large (at most 100000 characters as JSON)");
        }
        ticket.setFieldsJson(fieldsJson);
        ticket.setCategoryHint(blankToNull(cmd.categoryHint()));
        TicketClassifier.Classification classification = classifier.classify(facts(ticket, cmd, actor, now));
        applyDecision(ticket, classification, now);
        if (queue != null && !queue.isBlank()) {
            ticket.setQueue(queue);
        }
        tickets.saveAndFlush(ticket);
        record(ticket, actor.id(), "CREATED", "Ticket " + ticket.getNumber() + " opened via " + cmd.channel(),
                null, snapshot(ticket));
        record(ticket, "rules", "CLASSIFIED", describe(classification), null, classification.decision());

        ProcessInstance instance = runtime.startProcessInstanceByKey(processKey, String.valueOf(ticket.getId()),
                processVariables(ticket));
        ticket.setProcessInstanceId(instance.getId());
        record(ticket, actor.id(), "PROCESS_STARTED", "Process '" + processKey + "' started", null,
                Map.of("processInstanceId", instance.getId()));
        events.publishEvent(new TicketEvents.TicketOpened(ticket.getId(), ticket.getNumber(), instance.getId()));
        return new OpenedTicket(ticket.getId(), ticket.getNumber(), instance.getId());
    }

    @Transactional(readOnly = true)
    public TicketDetail get(long id, CurrentUser user) {
        Ticket ticket = visible(id, user);
        List<ActivityView> activities = ticket.getProcessInstanceId() == null ? List.of()
                : history.createHistoricActivityInstanceQuery().processInstanceId(ticket.getProcessInstanceId())
                    .unfinished().list().stream()
                    .filter(a -> !"processDefinition".equals(a.getActivityType())
                            && !"multiInstanceBody".equals(a.getActivityType()))
                    .map(a -> new ActivityView(a.getActivityId(), a.getActivityName())).distinct().toList();
        Instant now = clock.instant();
        return new TicketDetail(ticket.getId(), ticket.getNumber(), ticket.getType(), ticket.getChannel(),
                ticket.getSubject(), ticket.getDescription(), ticket.getStatus(), ticket.getPriority(),
                ticket.getImpact(), ticket.getUrgency(), ticket.getCategory(), ticket.getQueue(),
                ticket.getRequester(), ticket.getAssignee(), ticket.getResolution(), read(ticket.getFieldsJson()),
                new TicketViews.Sla(ticket.getFirstResponseDue(), ticket.getResolutionDue(),
                        SlaLevel.of(ticket.getCreatedAt(), ticket.getResolutionDue(), ticket.getResolvedAt(), now)),
                new DecisionView(ticket.getRuleSetVersion(), readRules(ticket.getRulesFiredJson())),
                ticket.getParentId(), visibleLinks(journal.children(ticket.getId()), user),
                visibleLinks(journal.links(ticket.getId()), user),
                ticket.getProcessInstanceId(), activities,
                ticket.getCreatedAt(), ticket.getUpdatedAt(), ticket.getResolvedAt(), ticket.getVersion());
    }

    @Transactional(readOnly = true)
    public PageResponse<TicketSummary> list(CurrentUser user, String view, String status, String q, String sort,
                                            int page, int size) {
        Specification<Ticket> spec = TicketAccessScope.visibleTo(user);
        switch (view == null ? "all" : view) {
            case "mine" -> spec = spec.and(TicketAccessScope.mine(user));
            case "queue" -> spec = spec.and(TicketAccessScope.inQueues(user.groups()));
            case "all" -> { }
            default -> throw ApiException.invalid("view", "must be mine, queue or all");
        }
        if (status != null && !status.isBlank()) {
            List<String> statuses = List.of(status.toUpperCase(Locale.ROOT).split(","));
            spec = spec.and((root, query, cb) -> root.get("status").in(statuses));
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            spec = spec.and((root, query, cb) -> cb.or(
                    cb.like(cb.lower(root.get("subject")), like, '\\'),
                    cb.like(cb.lower(root.get("description")), like, '\\'),
                    cb.like(cb.lower(root.get("number")), like, '\\')));
        }
        if (page < 0 || size < 1 || size > 200) {
            throw ApiException.invalid("size", "page must be >= 0 and size between 1 and 200");
        }
        Instant now = clock.instant();
        return PageResponse.of(tickets.findAll(spec, PageRequest.of(page, size, sort(sort))), t -> summary(t, now));
    }

    @Transactional(readOnly = true)
    public List<HistoryEntry> history(long id, CurrentUser user) {
        Ticket ticket = visible(id, user);
        boolean agent = user.isAgent();
        return audit.findByTicketIdOrderByAtAscIdAsc(ticket.getId()).stream()
                .filter(e -> agent || REQUESTER_EVENTS.contains(e.getType()))
                .map(e -> new HistoryEntry(e.getId(), e.getAt(), e.getActor(), e.getType(), e.getDetail(),
                        readAny(e.getBeforeJson()), readAny(e.getAfterJson())))
                .toList();
    }

    private List<TicketViews.LinkView> visibleLinks(List<TicketViews.LinkView> links, CurrentUser user) {
        return links.stream().filter(l -> tickets.findById(l.ticketId())
                .filter(t -> TicketAccessScope.maySee(user, t) || hasTaskFor(user, t)).isPresent()).toList();
    }

    /** The ticket's process instance, or null: for channels that act on a ticket without a signed-in user. */
    @Transactional(readOnly = true)
    public String processInstanceId(long ticketId) {
        return tickets.findById(ticketId).map(Ticket::getProcessInstanceId).orElse(null);
    }

    /** A summary of the ticket, for task lists; null when the ticket does not exist. */
    @Transactional(readOnly = true)
    public TicketSummary summary(long id) {
        return tickets.findById(id).map(t -> summary(t, clock.instant())).orElse(null);
    }

    /**
     * Records what a completed user task changed on its ticket: the form values mapped to ticket fields
     * (resolution, impact, urgency, ...), with an audit event. Runs inside the caller's transaction.
     */
    @Transactional
    public void recordTaskCompletion(long ticketId, String taskName, Map<String, Object> ticketFields,
                                     CurrentUser actor) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        ticketFields.forEach((field, value) -> {
            if ("resolution".equals(field)) {
                before.put(field, ticket.getResolution());
                ticket.setResolution(value == null ? null : value.toString());
                after.put(field, ticket.getResolution());
            }
        });
        ticket.touch(clock.instant());
        record(ticket, actor.id(), "TASK_COMPLETED", "Completed task '" + taskName + "'",
                before.isEmpty() ? null : before, after.isEmpty() ? null : after);
    }

    /** A reply or note was added to the conversation: audited, and the ticket counts as updated. */
    @Transactional
    public void recordArticle(long ticketId, String author, String visibility, String excerpt) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        ticket.touch(clock.instant());
        record(ticket, author, "INTERNAL".equals(visibility) ? "NOTE_ADDED" : "REPLY_ADDED", excerpt, null, null);
    }

    /** The model claims a task: the ticket's assignee follows the task's. */
    @Transactional
    public void assign(long ticketId, String assignee, String taskName, CurrentUser actor) {
        Ticket ticket = tickets.findById(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        String before = ticket.getAssignee();
        ticket.setAssignee(assignee);
        ticket.touch(clock.instant());
        record(ticket, actor.id(), assignee == null ? "UNASSIGNED" : "ASSIGNED",
                (assignee == null ? "Released task '" : "Took task '") + taskName + "'",
                before == null ? null : Map.of("assignee", before),
                assignee == null ? null : Map.of("assignee", assignee));
    }

    /**
     * Called by the process when it enters an activity that declares a {@code ticketStatus}. Runs in the engine's
     * transaction, which is the caller's.
     */
    @Transactional
    public void changeStatusFromModel(long ticketId, String status, String activityId, String activityName,
                                      String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || status.equals(ticket.getStatus())) {
            return;
        }
        String before = ticket.getStatus();
        ticket.changeStatus(status, clock.instant());
        record(ticket, actor, "STATUS_CHANGED",
                before + " → " + status + " at '" + (activityName == null ? activityId : activityName) + "'",
                Map.of("status", before), Map.of("status", status, "activityId", activityId));
        events.publishEvent(new TicketEvents.TicketStatusChanged(ticketId, before, status));
    }

    /** The model entered an activity with {@code slaClock=paused} (e.g. waiting for the customer): stop the clock. */
    @Transactional
    public void pauseSla(long ticketId, String activityName, String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || ticket.getSlaPausedAt() != null || ticket.getResolutionDue() == null) {
            return;
        }
        ticket.pauseSla(clock.instant());
        record(ticket, actor, "SLA_PAUSED", "SLA clock paused at '" + activityName + "'", null, null);
    }

    /**
     * The model left a paused activity: the due instants move by the working time the clock stood still, and so do
     * the process variables and the timer jobs (escalations) that were due at the old instants.
     */
    @Transactional
    public void resumeSla(long ticketId, String activityName, String actor) {
        Ticket ticket = tickets.findById(ticketId).orElse(null);
        if (ticket == null || ticket.getSlaPausedAt() == null) {
            return;
        }
        Instant now = clock.instant();
        long paused = calendar.businessMinutesBetween(ticket.getSlaPausedAt(), now);
        Instant oldResponse = ticket.getFirstResponseDue();
        Instant oldResolution = ticket.getResolutionDue();
        Instant newResponse = oldResponse == null ? null : calendar.addBusinessMinutes(oldResponse, paused);
        Instant newResolution = oldResolution == null ? null : calendar.addBusinessMinutes(oldResolution, paused);
        ticket.resumeSla(newResponse, newResolution);
        ticket.touch(now);
        record(ticket, actor, "SLA_RESUMED", "SLA clock resumed at '" + activityName + "' after " + paused
                + " working minutes", oldResolution == null ? null : Map.of("resolutionDue", oldResolution.toString()),
                newResolution == null ? null : Map.of("resolutionDue", newResolution.toString()));
        if (paused > 0 && ticket.getProcessInstanceId() != null) {
            moveTimers(ticket.getProcessInstanceId(), oldResponse, newResponse);
            moveTimers(ticket.getProcessInstanceId(), oldResolution, newResolution);
            Map<String, Object> vars = new HashMap<>();
            vars.put("firstResponseDue", newResponse == null ? null : Date.from(newResponse));
            vars.put("resolutionDue", newResolution == null ? null : Date.from(newResolution));
            runtime.setVariables(ticket.getProcessInstanceId(), vars);
        }
    }

    private void moveTimers(String processInstanceId, Instant from, Instant to) {
        if (from == null || to == null) {
            return;
        }
        management.createJobQuery().processInstanceId(processInstanceId).timers().list().stream()
                // Timers are stored at a coarser precision than the ticket's instants: match within two minutes.
                .filter(job -> job.getDuedate() != null
                        && java.time.Duration.between(from, job.getDuedate().toInstant()).abs().toMinutes() < 2)
                .forEach(job -> management.setJobDuedate(job.getId(), Date.from(to)));
    }

    private Ticket visible(long id, CurrentUser user) {
        return tickets.findById(id).filter(t -> TicketAccessScope.maySee(user, t) || hasTaskFor(user, t))
                .orElseThrow(() -> ApiException.notFound("ticket " + id));
    }

    /**
     * An agent who may work on one of the ticket's open tasks may read the ticket, even outside their queues: an
     * escalation or an approval offers the task to another group, and that group must see what it is deciding.
     */
    private boolean hasTaskFor(CurrentUser user, Ticket ticket) {
        if (!user.isAgent() && !user.has(dev.flowdesk.security.Role.APPROVER) || ticket.getProcessInstanceId() == null) {
            return false;
        }
        // Approval votes and sub-flows run in called process instances; they carry the ticket id as a variable.
        var query = taskService.createTaskQuery().processVariableValueEquals("ticketId", ticket.getId()).active().or()
                .taskAssignee(user.id()).taskCandidateUser(user.id());
        if (!user.groups().isEmpty()) {
            query.taskCandidateGroupIn(user.groups());
        }
        return query.endOr().count() > 0;
    }

    /** May this user see that ticket? (False as well when it does not exist.) */
    @Transactional(readOnly = true)
    public boolean maySee(long id, CurrentUser user) {
        return tickets.findById(id).filter(t -> TicketAccessScope.maySee(user, t) || hasTaskFor(user, t)).isPresent();
    }

    /** A stored ticket's facts, as the rules saw them when it was opened: input for replays. */
    public record StoredFacts(long ticketId, String number, TicketFacts facts) {
    }

    /** The facts of the most recent tickets, newest first. */
    @Transactional(readOnly = true)
    public List<StoredFacts> recentFacts(int last) {
        return tickets.findAll(PageRequest.of(0, last, Sort.by(Sort.Direction.DESC, "createdAt", "id"))).stream()
                .map(t -> new StoredFacts(t.getId(), t.getNumber(), storedFacts(t, t.getCreatedAt()))).toList();
    }

    /**
     * An agent changes impact or urgency: the rules decide again, and the ticket, its process variables and the
     * candidate groups of its open tasks follow the new decision. Audited with before and after.
     */
    @Transactional
    public TicketDetail reclassify(long id, String impact, String urgency, Long expectedVersion, CurrentUser actor) {
        Ticket ticket = visible(id, actor);
        if (!actor.isAgent()) {
            throw ApiException.forbidden("Only agents change impact and urgency.");
        }
        if (expectedVersion != null && ticket.getVersion() != expectedVersion) {
            throw new org.springframework.orm.ObjectOptimisticLockingFailureException(Ticket.class, id);
        }
        Map<String, Object> before = snapshot(ticket);
        String oldQueue = ticket.getQueue();
        ticket.reassess(impact == null ? ticket.getImpact() : level(impact, "impact"),
                urgency == null ? ticket.getUrgency() : level(urgency, "urgency"));
        Instant now = clock.instant();
        TicketClassifier.Classification classification = classifier.classify(storedFacts(ticket, now));
        applyDecision(ticket, classification, now);
        ticket.touch(now);
        tickets.saveAndFlush(ticket);
        record(ticket, actor.id(), "RECLASSIFIED", describe(classification), before, snapshot(ticket));
        if (ticket.getProcessInstanceId() != null && runtime.createProcessInstanceQuery()
                .processInstanceId(ticket.getProcessInstanceId()).count() > 0) {
            Map<String, Object> vars = processVariables(ticket);
            vars.keySet().retainAll(Set.of("queue", "priority", "firstResponseDue", "resolutionDue"));
            runtime.setVariables(ticket.getProcessInstanceId(), vars);
            if (!oldQueue.equals(ticket.getQueue())) {
                requeueOpenTasks(ticket.getProcessInstanceId(), oldQueue, ticket.getQueue());
            }
        }
        return get(id, actor);
    }

    private void requeueOpenTasks(String processInstanceId, String from, String to) {
        taskService.createTaskQuery().processInstanceId(processInstanceId).active().list().forEach(task -> {
            boolean wasInQueue = taskService.getIdentityLinksForTask(task.getId()).stream()
                    .anyMatch(l -> "candidate".equals(l.getType()) && from.equals(l.getGroupId()));
            if (wasInQueue) {
                taskService.deleteCandidateGroup(task.getId(), from);
                taskService.addCandidateGroup(task.getId(), to);
            }
        });
    }

    private TicketFacts storedFacts(Ticket t, Instant now) {
        String requester = t.getRequester();
        String email = requester.contains("@") ? requester : null;
        String domain = email == null ? null : email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return new TicketFacts(t.getType(), t.getSubject(), t.getDescription(), t.getChannel(), read(t.getFieldsJson()),
                new TicketFacts.Requester(requester, email, domain, null, false, null, "STANDARD"), null,
                Level.valueOf(t.getImpact()), Level.valueOf(t.getUrgency()), t.getCategoryHint(), null, now);
    }

    private TicketFacts facts(Ticket ticket, NewTicket cmd, CurrentUser actor, Instant now) {
        String requester = cmd.requester();
        String email = requester.contains("@") ? requester : actor.id().equals(requester) ? actor.email() : null;
        String domain = email == null ? null : email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return new TicketFacts(ticket.getType(), ticket.getSubject(), ticket.getDescription(), cmd.channel(),
                cmd.fields(), new TicketFacts.Requester(requester, email, domain, null, false,
                        actor.id().equals(requester) ? actor.tenant() : null, "STANDARD"),
                null, Level.valueOf(ticket.getImpact()), Level.valueOf(ticket.getUrgency()),
                blankToNull(cmd.categoryHint()), null, now);
    }

    private void applyDecision(Ticket ticket, TicketClassifier.Classification classification, Instant now) {
        decisions.apply(ticket, classification, now);
    }

    private Map<String, Object> processVariables(Ticket ticket) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ticketId", ticket.getId());
        vars.put("ticketNumber", ticket.getNumber());
        vars.put("ticketType", ticket.getType());
        vars.put("queue", ticket.getQueue());
        vars.put("priority", ticket.getPriority());
        vars.put("requester", ticket.getRequester());
        vars.put("firstResponseDue", ticket.getFirstResponseDue() == null ? null : Date.from(ticket.getFirstResponseDue()));
        vars.put("resolutionDue", ticket.getResolutionDue() == null ? null : Date.from(ticket.getResolutionDue()));
        return vars;
    }

    private void record(Ticket ticket, String actor, String type, String detail, Object before, Object after) {
        audit.save(new AuditEvent(ticket.getId(), clock.instant(), actor, type, detail,
                before == null ? null : write(before), after == null ? null : write(after)));
    }

    private static String describe(TicketClassifier.Classification c) {
        Decision d = c.decision();
        return "Rules " + c.ruleSetVersion() + ": queue " + d.queue() + ", priority " + d.priority()
                + ", category " + d.category() + " (" + d.rulesFired().size() + " rules fired)";
    }

    private Map<String, Object> snapshot(Ticket t) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("number", t.getNumber());
        s.put("type", t.getType());
        s.put("subject", t.getSubject());
        s.put("requester", t.getRequester());
        s.put("impact", t.getImpact());
        s.put("urgency", t.getUrgency());
        s.put("priority", t.getPriority());
        s.put("category", t.getCategory());
        s.put("queue", t.getQueue());
        return s;
    }

    private TicketSummary summary(Ticket t, Instant now) {
        return new TicketSummary(t.getId(), t.getNumber(), t.getType(), t.getSubject(), t.getStatus(),
                t.getPriority(), t.getCategory(), t.getQueue(), t.getRequester(), t.getAssignee(), t.getCreatedAt(),
                t.getUpdatedAt(), SlaLevel.of(t.getCreatedAt(), t.getResolutionDue(), t.getResolvedAt(), now));
    }

    private static Sort sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "id"));
        }
        boolean desc = sort.startsWith("-");
        String field = desc ? sort.substring(1) : sort;
        if (!SORTABLE.contains(field)) {
            throw ApiException.invalid("sort", "must be one of " + String.join(", ", SORTABLE) + " (prefix - for descending)");
        }
        return Sort.by(desc ? Sort.Direction.DESC : Sort.Direction.ASC, field).and(Sort.by("id"));
    }

    private static String level(String value, String field) {
        if (value == null || value.isBlank()) {
            return "MEDIUM";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw ApiException.invalid(field, "must be LOW, MEDIUM or HIGH");
        }
        return upper;
    }

    private static void requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, "must be at most " + max + " characters");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass(), e);
        }
    }

    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored ticket fields are not JSON", e);
        }
    }

    private Object readAny(String text) {
        try {
            return text == null ? null : json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private List<FiredRuleView> readRules(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
