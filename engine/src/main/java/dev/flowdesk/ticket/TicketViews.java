package dev.flowdesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Read models of the ticket feature, as the REST API shows them. */
public final class TicketViews {

    private TicketViews() {
    }

    public record OpenedTicket(long ticketId, String number, String processInstanceId) {
    }

    public record TicketSummary(long id, String number, String type, String subject, String status, String priority,
                                String category, String queue, String requester, String assignee, Instant createdAt,
                                Instant updatedAt, String slaLevel) {
    }

    /**
     * The deadlines and the resolution target's level; {@code yellowAt} and {@code redAt} are when it turns YELLOW
     * and RED, in working time of {@code calendar} (null: the standard calendar).
     */
    public record Sla(Instant responseDue, Instant resolutionDue, String level, Instant yellowAt, Instant redAt,
                      String calendar) {
    }

    public record DecisionView(String ruleSetVersion, List<FiredRuleView> rulesFired) {
    }

    public record FiredRuleView(String name, String reason) {
    }

    /** A related ticket: a child (type SUB_TICKET) or a link such as PROBLEM_CANDIDATE, with its current status. */
    public record LinkView(String type, long ticketId, String number, String subject, String status) {
    }

    public record ActivityView(String id, String name) {
    }

    public record TicketDetail(long id, String number, String type, String channel, String subject, String description,
                               String status, String priority, String impact, String urgency, String category,
                               String queue, String requester, String assignee, String resolution,
                               Map<String, Object> fields, Sla sla, DecisionView decision, Long parentId,
                               List<LinkView> children, List<LinkView> links, String processInstanceId,
                               List<ActivityView> currentActivities, Instant createdAt, Instant updatedAt,
                               Instant resolvedAt, long version, String tenant) {
    }

    public record HistoryEntry(long id, Instant at, String actor, String type, String detail,
                               Object before, Object after) {
    }
}
