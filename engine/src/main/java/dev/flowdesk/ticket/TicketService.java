package dev.flowdesk.ticket;

import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Opening and re-classifying tickets, whatever the channel (form, REST, mail, a process step). Each public method is
 * one transaction: the ticket row, its audit events and the process state commit together or not at all.
 */
@Service
public class TicketService {

    private static final Logger log = LoggerFactory.getLogger(TicketService.class);
    /** Who approves is for the rules or a designer's form to say, not for whoever opens the ticket. */
    private static final Set<String> CALLER_MAY_NOT_SET = Set.of("approverGroup", "secondApproverGroup");

    private final TicketRepository tickets;
    private final TicketAccessPolicy access;
    private final TicketQueries queries;
    private final AuditTrail audit;
    private final TicketClassifier classifier;
    private final DecisionRecorder decisions;
    private final TicketSla sla;
    private final RuntimeService runtime;
    private final org.camunda.bpm.engine.TaskService taskService;
    private final RepositoryService repository;
    private final ApplicationEventPublisher events;
    private final TicketJson json;
    private final RequesterFacts requesters;
    private final ObjectProvider<TicketConfigurationItems> items;
    private final Clock clock;

    TicketService(TicketRepository tickets, TicketAccessPolicy access, TicketQueries queries, AuditTrail audit,
                  TicketClassifier classifier, DecisionRecorder decisions, TicketSla sla, RuntimeService runtime,
                  org.camunda.bpm.engine.TaskService taskService, RepositoryService repository,
                  ApplicationEventPublisher events, TicketJson json, RequesterFacts requesters,
                  ObjectProvider<TicketConfigurationItems> items, Clock clock) {
        this.tickets = tickets;
        this.access = access;
        this.queries = queries;
        this.audit = audit;
        this.classifier = classifier;
        this.decisions = decisions;
        this.sla = sla;
        this.runtime = runtime;
        this.taskService = taskService;
        this.repository = repository;
        this.events = events;
        this.json = json;
        this.requesters = requesters;
        this.items = items;
        this.clock = clock;
    }

    /**
     * An agent or API client opens a ticket directly ({@code POST /api/tickets}): only agents may; the channel is one
     * an agent takes a request on; the requester defaults to the caller; approver groups cannot be chosen. The
     * process is the type's default unless the command names one (a form's bound process, for a ticket template);
     * the REST body cannot name one.
     */
    @Transactional
    public OpenedTicket openDirectly(NewTicket cmd, CurrentUser actor) {
        actor.requireAny("Only agents and API clients create tickets directly; use a form instead.", Role.AGENT);
        Channel channel = Channel.parse(cmd.channel(), "channel");
        String requester = cmd.requester() == null || cmd.requester().isBlank() ? actor.id() : cmd.requester().strip();
        Map<String, Object> fields = new HashMap<>(cmd.fields());
        fields.keySet().removeAll(CALLER_MAY_NOT_SET);
        return open(new NewTicket(cmd.type(), channel.name(), cmd.subject(), cmd.description(), requester,
                cmd.impact(), cmd.urgency(), cmd.categoryHint(), fields, cmd.processKey()), actor);
    }

    /** Opens a ticket: classify with the rules, store it with its audit events, start its process. */
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
        TicketType type = TicketType.parse(cmd.type(), "type");
        Channel channel = Channel.parse(cmd.channel(), "channel");
        String processKey = cmd.processKey() != null ? cmd.processKey() : type.defaultProcess();
        requireText(cmd.subject(), "subject", 200);
        if (cmd.description() != null && cmd.description().length() > 100_000) {
            throw DomainException.invalid("description", "must be at most 100000 characters");
        }
        requireText(cmd.requester(), "requester", 254);
        if (cmd.categoryHint() != null && cmd.categoryHint().length() > 60) {
            throw DomainException.invalid("category", "must be at most 60 characters");
        }
        Level impact = level(cmd.impact(), "impact");
        Level urgency = level(cmd.urgency(), "urgency");
        Instant now = clock.instant();

        Ticket ticket = new Ticket(String.format("FD-%06d", tickets.nextNumber()), type.name(), channel.name(),
                oneLine(cmd.subject()), cmd.description() == null ? "" : cmd.description(), cmd.requester(),
                impact.name(), urgency.name(), now);
        String fieldsJson = json.write(cmd.fields());
        if (fieldsJson.length() > 100_000) {
            throw DomainException.invalid("fields", "are too large (at most 100000 characters as JSON)");
        }
        ticket.setFieldsJson(fieldsJson);
        ticket.setCategoryHint(cmd.categoryHint() == null || cmd.categoryHint().isBlank() ? null : cmd.categoryHint());
        TicketConfigurationItems cis = items.getIfAvailable();
        TicketFacts.ConfigurationItem item = cis == null ? null : cis.forNewTicket(cmd.fields(), cmd.requester(), actor);
        TicketFacts.Requester requesterFacts = requesters.forNewTicket(cmd.requester(), actor);
        ticket.setTenant(tenantOf(requesterFacts, actor));
        TicketClassifier.Classification classification = classifier.classify(RuleInput.forNewTicket(ticket, cmd,
                requesterFacts, item, now));
        TicketSla.Start slaStart = decisions.apply(ticket, classification, now, queue);
        tickets.saveAndFlush(ticket);
        if (item != null) {
            cis.linkNewTicket(ticket.getId(), item, actor);
        }
        audit.record(ticket.getId(), actor.id(), AuditEventType.CREATED,
                "Ticket " + ticket.getNumber() + " opened via " + channel, null, snapshot(ticket));
        audit.record(ticket.getId(), "rules", AuditEventType.CLASSIFIED, describe(classification), null,
                classification.decision());
        sla.recordStart(ticket.getId(), slaStart, "rules");

        ProcessInstance instance = startProcess(processKey, type, ticket);
        ticket.setProcessInstanceId(instance.getId());
        audit.record(ticket.getId(), actor.id(), AuditEventType.PROCESS_STARTED,
                "Process '" + processKey + "' started", null, Map.of("processInstanceId", instance.getId()));
        events.publishEvent(new TicketEvents.TicketOpened(ticket.getId(), ticket.getNumber(), instance.getId()));
        return new OpenedTicket(ticket.getId(), ticket.getNumber(), instance.getId());
    }

    /**
     * The ticket's tenant: the requester's (her organisation's, else her own); for a requester of no tenant, the
     * tenant of the agent who opens it, so that a tenant's agent sees the ticket she opened. A tenant's agent may
     * not open a ticket for another tenant's requester.
     */
    private static String tenantOf(TicketFacts.Requester requester, CurrentUser actor) {
        if (requester.tenant() == null) {
            return actor.tenant();
        }
        if (actor.tenant() != null && !actor.tenant().equals(requester.tenant()) && !actor.isAdmin()) {
            throw DomainException.invalid("requester", "belongs to another tenant");
        }
        return requester.tenant();
    }

    /**
     * Starts the ticket's process. A model that fails on its way to the first wait state (a designer's mistake, such
     * as a candidate-group expression naming a variable nobody sets) rolls the whole action back, so no ticket
     * exists without its process; the caller is told which process failed and why, instead of a bare 500.
     */
    private ProcessInstance startProcess(String processKey, TicketType type, Ticket ticket) {
        try {
            return runtime.startProcessInstanceByKey(processKey, String.valueOf(ticket.getId()),
                    processVariables(ticket));
        } catch (ProcessEngineException failed) {
            // Whether the process exists is asked only here, when the start failed, instead of by a query before
            // every start: the action rolls back either way, and the common path saves a query and its command.
            if (repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().active()
                    .count() == 0) {
                throw DomainException.invalid("type", "no active process '" + processKey + "' is deployed for " + type);
            }
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof DomainException refusal) {
                    throw refusal;
                }
            }
            Throwable root = failed;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = String.valueOf(root.getMessage()).lines().findFirst().orElse("").strip();
            log.warn("Process '{}' failed to start for ticket {}; nothing was stored", processKey,
                    ticket.getNumber(), failed);
            throw DomainException.unavailable("The process '" + processKey + "' could not start, so no ticket was "
                    + "opened (" + (reason.length() > 300 ? reason.substring(0, 300) + "…" : reason)
                    + "). A process designer has to correct the model; please try again later.");
        }
    }

    /**
     * An agent changes impact or urgency: the rules decide again, and the ticket, its process variables and the
     * candidate groups of its open tasks follow the new decision. Audited with before and after.
     */
    @Transactional
    public TicketDetail reclassify(long id, String impact, String urgency, Long expectedVersion, CurrentUser actor) {
        Ticket ticket = access.visible(id, actor);
        actor.requireAny("Only agents change impact and urgency.", Role.AGENT);
        if (expectedVersion != null && ticket.getVersion() != expectedVersion) {
            throw new ObjectOptimisticLockingFailureException(Ticket.class, id);
        }
        Map<String, Object> before = snapshot(ticket);
        String oldQueue = ticket.getQueue();
        ticket.reassess(impact == null ? ticket.getImpact() : level(impact, "impact").name(),
                urgency == null ? ticket.getUrgency() : level(urgency, "urgency").name());
        Instant now = clock.instant();
        TicketConfigurationItems cis = items.getIfAvailable();
        TicketClassifier.Classification classification = classifier.classify(RuleInput.forStoredTicket(ticket,
                json.fields(ticket.getFieldsJson()), requesters.forStoredTicket(ticket),
                cis == null ? null : cis.forStoredTicket(ticket.getId()), now));
        TicketSla.Start slaStart = decisions.apply(ticket, classification, now, null);
        ticket.touch(now);
        tickets.saveAndFlush(ticket);
        audit.record(ticket.getId(), actor.id(), AuditEventType.RECLASSIFIED, describe(classification), before,
                snapshot(ticket));
        sla.recordStart(ticket.getId(), slaStart, "rules");
        if (ticket.getProcessInstanceId() != null && runtime.createProcessInstanceQuery()
                .processInstanceId(ticket.getProcessInstanceId()).count() > 0) {
            Map<String, Object> vars = processVariables(ticket);
            vars.keySet().retainAll(Set.of("queue", "priority", "firstResponseDue", "resolutionDue"));
            runtime.setVariables(ticket.getProcessInstanceId(), vars);
            if (!oldQueue.equals(ticket.getQueue())) {
                requeueOpenTasks(ticket.getProcessInstanceId(), oldQueue, ticket.getQueue());
            }
        }
        return queries.get(id, actor);
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

    /** The variables a ticket's process reads: the ticket id and what gateways and timers decide on. */
    private static Map<String, Object> processVariables(Ticket ticket) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ticketId", ticket.getId());
        vars.put("ticketNumber", ticket.getNumber());
        vars.put("ticketType", ticket.getType());
        vars.put("queue", ticket.getQueue());
        vars.put("priority", ticket.getPriority());
        vars.put("requester", ticket.getRequester());
        vars.put("firstResponseDue", ticket.getFirstResponseDue() == null ? null
                : Date.from(ticket.getFirstResponseDue()));
        vars.put("resolutionDue", ticket.getResolutionDue() == null ? null : Date.from(ticket.getResolutionDue()));
        return vars;
    }

    private static String describe(TicketClassifier.Classification c) {
        Decision d = c.decision();
        return "Rules " + c.ruleSetVersion() + ": queue " + d.queue() + ", priority " + d.priority()
                + ", category " + d.category() + " (" + d.rulesFired().size() + " rules fired)";
    }

    private static Map<String, Object> snapshot(Ticket t) {
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

    /** Impact or urgency as a caller names it (any case; MEDIUM when absent), or 400 naming the field. */
    private static Level level(String value, String field) {
        if (value == null || value.isBlank()) {
            return Level.MEDIUM;
        }
        try {
            return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be LOW, MEDIUM or HIGH");
        }
    }

    /**
     * A subject is one line: line breaks become a space (issue 15's hostile suite: "Hello\r\nBcc: …" was stored as
     * written; mail refused it at sending, but every other reader had to be careful too).
     */
    private static String oneLine(String subject) {
        return subject.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static void requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field, "is required");
        }
        if (value.length() > max) {
            throw DomainException.invalid(field, "must be at most " + max + " characters");
        }
    }
}
