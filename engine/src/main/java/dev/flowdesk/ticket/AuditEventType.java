package dev.flowdesk.ticket;

/**
 * What an audit event records. The stored value is the constant's name. {@link #requesterVisible} says whether the
 * requester sees the event in their ticket's history; the rest (internal notes, approvers' names and comments,
 * routing, notifications, links to tickets they may not open) is for agents.
 */
public enum AuditEventType {
    CREATED(true),
    CLASSIFIED(true),
    RECLASSIFIED(true),
    PROCESS_STARTED(true),
    /** A designer moved the ticket's process to another version of its model (issue 12): from, to, activities. */
    PROCESS_MIGRATED(false),
    STATUS_CHANGED(true),
    ASSIGNED(true),
    UNASSIGNED(true),
    TASK_COMPLETED(true),
    REPLY_ADDED(true),
    NOTE_ADDED(false),
    SLA_PAUSED(true),
    SLA_RESUMED(true),
    /** The resolution target (re)started: start, target minutes, priority and calendar, which the levels replay. */
    SLA_SCHEDULED(false),
    /** The ticket turned YELLOW, RED or BREACHED (announced once by the level job). */
    SLA_LEVEL_CHANGED(false),
    /** A resolution decided elsewhere (e.g. the problem that fixed this incident): the requester learns of it. */
    RESOLUTION_RECORDED(true),
    /** The requester rated the help they got (score and comment). */
    RATED(true),
    ROUTED(false),
    ESCALATED(false),
    LINKED(false),
    MERGED(true),
    CLOSED_BY_AGENT(true),
    TIME_RECORDED(false),
    SUB_TICKET_OPENED(false),
    NOTIFICATION(false),
    /** A designer's scheduled action acted on the ticket (issue 11 part 5): which action, the episode, what it did. */
    SCHEDULED_ACTION(false),
    KNOWN_ERROR_PUBLISHED(false),
    APPROVERS_DETERMINED(false),
    APPROVAL_DECIDED(false),
    APPROVAL_ESCALATED(false),
    /** The mail channel: an automatic answer withheld (loop guard, bounces), a delivery given up, a bounce. */
    MAIL_SUPPRESSED(false),
    MAIL_FAILED(false),
    MAIL_BOUNCED(false),
    /** A reply to an approval request that decided nothing (not an approver, no open vote, no decision word). */
    MAIL_VOTE_REFUSED(false);

    private final boolean requesterVisible;

    AuditEventType(boolean requesterVisible) {
        this.requesterVisible = requesterVisible;
    }

    public boolean requesterVisible() {
        return requesterVisible;
    }

    /** Whether a stored type name is one the requester may see (unknown names, e.g. from older versions, are not). */
    static boolean requesterVisible(String stored) {
        for (AuditEventType type : values()) {
            if (type.name().equals(stored)) {
                return type.requesterVisible;
            }
        }
        return false;
    }
}
