package dev.flowdesk.scheduledaction;

import dev.flowdesk.conversation.Conversation;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.ticket.TicketFilter;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketSearch;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketStructure;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the enabled scheduled actions: for each, the tickets that have matched its filter for longer than its
 * duration ({@link TicketSearch#waitingSince}) and have not been acted on in this episode of the condition. Each
 * ticket is one transaction that first inserts the run row (action, ticket, episode), whose unique key makes a second
 * node (or thread) that reaches the same ticket wait and then fail without acting; then the action goes through the
 * same services the API uses, and a {@code SCHEDULED_ACTION} event records it on the ticket. An action the ticket
 * refuses (a closed ticket, a process that does not wait for the message) is logged as FAILED for that episode and
 * not retried; an unexpected failure rolls back and the next run tries again.
 */
@Service
public class ScheduledActionRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduledActionRunner.class);
    static final int BATCH = 500;
    static final CurrentUser SCHEDULER = new CurrentUser("scheduler", "Flowdesk scheduler", null, List.of(),
            Set.of(Role.AGENT, Role.ADMIN), null);

    /** A reminder is due: the notification path (workflow) mails {@code template} to the ticket's requester. */
    public record ReminderDue(long ticketId, String actionName, String template) {
    }

    private final ScheduledActions definitions;
    private final TicketSearch search;
    private final NamedParameterJdbcTemplate named;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketStructure structure;
    private final Conversation conversation;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate perTicket;

    ScheduledActionRunner(ScheduledActions definitions, TicketSearch search, NamedParameterJdbcTemplate named,
                          JdbcTemplate jdbc, AuditTrail audit, TicketQueries tickets, TicketService service,
                          TicketStructure structure, Conversation conversation, RuntimeService runtime,
                          ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.definitions = definitions;
        this.search = search;
        this.named = named;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tickets = tickets;
        this.service = service;
        this.structure = structure;
        this.conversation = conversation;
        this.runtime = runtime;
        this.events = events;
        this.perTicket = new TransactionTemplate(transactions);
        this.perTicket.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs every enabled action as of {@code now}; returns how many tickets were acted on. */
    public int runDue(Instant now, String node) {
        int acted = 0;
        for (ScheduledActions.Definition action : definitions.enabled()) {
            try {
                acted += run(action, now, node);
            } catch (RuntimeException e) {
                log.warn("Scheduled action '{}' could not run; the next run tries again", action.name(), e);
            }
        }
        return acted;
    }

    private int run(ScheduledActions.Definition action, Instant now, String node) {
        TicketFilter filter = TicketFilter.from(action.filter());
        TicketSearch.Since since = TicketSearch.Since.valueOf(action.since());
        Instant before = now.minus(ScheduledActions.after(action));
        int acted = 0;
        long afterId = 0;
        List<TicketSearch.Waiting> batch;
        do {
            batch = search.waitingSince(filter, since, before, afterId, BATCH, now);
            if (batch.isEmpty()) {
                break;
            }
            Set<String> done = done(action.id(), batch);
            for (TicketSearch.Waiting waiting : batch) {
                if (!done.contains(waiting.id() + "@" + waiting.since().toEpochMilli())) {
                    acted += once(action, waiting, now, node) ? 1 : 0;
                }
            }
            afterId = batch.get(batch.size() - 1).id();
        } while (batch.size() == BATCH);
        return acted;
    }

    /** The (ticket, episode) pairs of the batch this action has already run for. */
    private Set<String> done(long actionId, List<TicketSearch.Waiting> batch) {
        Set<String> done = new HashSet<>();
        named.query("SELECT ticket_id, episode FROM scheduled_action_run WHERE action_id = :action"
                + " AND ticket_id IN (:ids)", new MapSqlParameterSource("action", actionId).addValue("ids",
                batch.stream().map(TicketSearch.Waiting::id).toList()), rs -> {
            done.add(rs.getLong(1) + "@" + rs.getTimestamp(2).toInstant().toEpochMilli());
        });
        return done;
    }

    /** Acts on one ticket for one episode, at most once whichever node gets there; true when it acted. */
    private boolean once(ScheduledActions.Definition action, TicketSearch.Waiting waiting, Instant now, String node) {
        try {
            return Boolean.TRUE.equals(perTicket.execute(tx -> {
                long run = insertRun(action.id(), waiting, "DONE", null, now, node);
                String what = act(action, waiting.id());
                jdbc.update("UPDATE scheduled_action_run SET detail = ? WHERE id = ?", cut(what), run);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("scheduledAction", action.name());
                detail.put("action", action.action());
                detail.put("episode", waiting.since().toString());
                audit.record(waiting.id(), SCHEDULER.id(), AuditEventType.SCHEDULED_ACTION,
                        "Scheduled action '" + action.name() + "': " + what, null, detail);
                return true;
            }));
        } catch (DataIntegrityViolationException taken) {
            // the run key: another node (or thread) acted on this ticket for this episode first
            log.debug("Scheduled action '{}' on ticket {} ran elsewhere", action.name(), waiting.id());
            return false;
        } catch (DomainException refused) {
            try {
                perTicket.executeWithoutResult(tx -> insertRun(action.id(), waiting, "FAILED",
                        refused.getMessage(), now, node));
            } catch (DataIntegrityViolationException taken) {
                log.debug("Scheduled action '{}' on ticket {} ran elsewhere", action.name(), waiting.id());
            }
            return false;
        }
    }

    private long insertRun(long actionId, TicketSearch.Waiting waiting, String outcome, String detail, Instant now,
                           String node) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        named.update("INSERT INTO scheduled_action_run (action_id, ticket_id, episode, outcome, detail, ran_at, ran_by)"
                + " VALUES (:action, :ticket, :episode, :outcome, :detail, :ranAt, :ranBy)", new MapSqlParameterSource()
                .addValue("action", actionId).addValue("ticket", waiting.id())
                .addValue("episode", Timestamp.from(waiting.since())).addValue("outcome", outcome)
                .addValue("detail", cut(detail)).addValue("ranAt", Timestamp.from(now))
                .addValue("ranBy", node), key, new String[] {"id"});
        return key.getKey().longValue();
    }

    /** Does the action through the services the API uses; returns what it did, for the history and the run log. */
    private String act(ScheduledActions.Definition action, long ticketId) {
        Map<String, String> p = action.params();
        return switch (ScheduledActions.Action.valueOf(action.action())) {
            case REMIND -> {
                tickets.get(ticketId, SCHEDULER); // gone tickets fail here, not in the mail
                events.publishEvent(new ReminderDue(ticketId, action.name(), p.get("template")));
                yield "reminded the requester ('" + p.get("template") + "')";
            }
            case NOTE -> {
                conversation.add(ticketId, p.get("text"), "INTERNAL", "API", SCHEDULER);
                yield "added an internal note";
            }
            case REPRIORITISE -> {
                TicketDetail changed = service.reclassify(ticketId, p.get("impact"), p.get("urgency"), null,
                        SCHEDULER);
                yield "impact " + changed.impact() + ", urgency " + changed.urgency() + ": priority "
                        + changed.priority();
            }
            case CLOSE -> {
                structure.close(ticketId, p.get("reason"), SCHEDULER);
                yield "closed: " + p.get("reason");
            }
            case MESSAGE -> {
                String pid = tickets.get(ticketId, SCHEDULER).processInstanceId();
                String message = p.get("message");
                if (pid == null || runtime.createEventSubscriptionQuery().processInstanceId(pid).eventType("message")
                        .eventName(message).count() == 0) {
                    throw DomainException.conflict("the ticket's process does not wait for message '" + message + "'");
                }
                runtime.createMessageCorrelation(message).processInstanceId(pid)
                        .setVariable("scheduledAction", action.name()).correlateAll();
                yield "sent message '" + message + "' to the process";
            }
        };
    }

    private static String cut(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
