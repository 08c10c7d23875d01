package dev.flowdesk.ticket;

import dev.flowdesk.sla.SlaLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announces SLA level changes: every open ticket whose stored YELLOW, RED or due instant has passed since its last
 * announced level gets one {@code SLA_LEVEL_CHANGED} event and one {@link TicketEvents.SlaLevelChanged} (which the
 * notification path and the process listen to), in one transaction per ticket. The ticket row's version is the
 * guard: two nodes announcing the same ticket at once both write it, the second fails and rolls back its event,
 * mail and message, so each level is announced exactly once. Run by {@link SlaLevelJob} on the one scheduler.
 */
@Service
public class SlaLevelWatch {

    private static final Logger log = LoggerFactory.getLogger(SlaLevelWatch.class);
    static final int BATCH = 500;

    /** Open tickets past an instant they were not announced for; the time stands still while the clock is paused. */
    private static final String DUE = """
            SELECT t.id FROM ticket t
             WHERE t.resolved_at IS NULL AND t.closed_at IS NULL AND t.resolution_due IS NOT NULL
               AND ((t.resolution_due < coalesce(t.sla_paused_at, :now)
                     AND coalesce(t.sla_level, 'GREEN') <> 'BREACHED')
                 OR (t.sla_red_at <= coalesce(t.sla_paused_at, :now)
                     AND coalesce(t.sla_level, 'GREEN') IN ('GREEN', 'YELLOW'))
                 OR (t.sla_yellow_at <= coalesce(t.sla_paused_at, :now)
                     AND coalesce(t.sla_level, 'GREEN') = 'GREEN'))
             ORDER BY t.resolution_due, t.id
             LIMIT %d""".formatted(BATCH);

    private final NamedParameterJdbcTemplate jdbc;
    private final TicketRepository tickets;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate perTicket;

    SlaLevelWatch(NamedParameterJdbcTemplate jdbc, TicketRepository tickets, AuditTrail audit,
                  ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.audit = audit;
        this.events = events;
        this.perTicket = new TransactionTemplate(transactions);
        this.perTicket.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Announces what is due at {@code now}; returns how many level changes were announced. */
    public int announceDue(Instant now) {
        List<Long> due = jdbc.queryForList(DUE, new MapSqlParameterSource("now", Timestamp.from(now)), Long.class);
        int announced = 0;
        for (long id : due) {
            try {
                if (Boolean.TRUE.equals(perTicket.execute(tx -> announce(id, now)))) {
                    announced++;
                }
            } catch (OptimisticLockingFailureException raced) {
                log.debug("Ticket {} changed while its SLA level was announced; the next run looks again", id);
            } catch (RuntimeException failed) {
                log.warn("The SLA level of ticket {} could not be announced; the next run tries again", id, failed);
            }
        }
        return announced;
    }

    private boolean announce(long id, Instant now) {
        Ticket ticket = tickets.findById(id).orElse(null);
        if (ticket == null || ticket.getClosedAt() != null) {
            return false;
        }
        SlaLevel level = TicketSla.levelOf(ticket, now);
        SlaLevel before = ticket.getSlaLevel() == null ? SlaLevel.GREEN : SlaLevel.valueOf(ticket.getSlaLevel());
        if (level == null || level == SlaLevel.MET || !level.isWorseThan(before)) {
            return false;
        }
        ticket.announceSlaLevel(level.name());
        tickets.saveAndFlush(ticket); // the version check happens here, before anything else is written
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("slaLevel", level.name());
        after.put("at", (level == SlaLevel.BREACHED ? ticket.getResolutionDue()
                : level == SlaLevel.RED ? ticket.getSlaRedAt() : ticket.getSlaYellowAt()).toString());
        audit.record(id, "sla", AuditEventType.SLA_LEVEL_CHANGED, "SLA level " + before + " → " + level,
                Map.of("slaLevel", before.name()), after);
        events.publishEvent(new TicketEvents.SlaLevelChanged(id, before.name(), level.name(), ticket.getAssignee(),
                ticket.getQueue(), ticket.getProcessInstanceId()));
        return true;
    }
}
