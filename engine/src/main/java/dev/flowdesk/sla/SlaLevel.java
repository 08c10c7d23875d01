package dev.flowdesk.sla;

import java.time.Instant;

/**
 * The warning level of a resolution deadline: GREEN, YELLOW, RED, BREACHED (past due); MET once the ticket was
 * resolved in time. The one definition of the levels: a plain comparison of the time with the instants
 * {@link SlaLevels#schedule} computed and the ticket stores ({@code sla_yellow_at}, {@code sla_red_at},
 * {@code resolution_due}), so Java, the search filter ({@code TicketSearch}) and the level events agree. While the
 * clock is paused, the level stands where it was when the pause began.
 */
public enum SlaLevel {
    GREEN, YELLOW, RED, BREACHED, MET;

    /** Null when the ticket has no resolution deadline. */
    public static SlaLevel of(Instant yellowAt, Instant redAt, Instant due, Instant resolvedAt, Instant pausedAt,
                              Instant now) {
        if (due == null) {
            return null;
        }
        if (resolvedAt != null) {
            return resolvedAt.isAfter(due) ? BREACHED : MET;
        }
        Instant at = pausedAt != null ? pausedAt : now;
        if (at.isAfter(due)) {
            return BREACHED;
        }
        if (redAt != null && !at.isBefore(redAt)) {
            return RED;
        }
        if (yellowAt != null && !at.isBefore(yellowAt)) {
            return YELLOW;
        }
        return GREEN;
    }

    /** Whether this level is a warning step past {@code other} (GREEN → YELLOW → RED → BREACHED). */
    public boolean isWorseThan(SlaLevel other) {
        return other == null ? this != GREEN && this != MET : this != MET && ordinal() > other.ordinal();
    }
}
