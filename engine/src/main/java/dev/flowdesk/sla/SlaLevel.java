package dev.flowdesk.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * The warning level of a deadline: GREEN, YELLOW (half of the time used), RED (80 % used), BREACHED (past due);
 * MET once the ticket was resolved in time. Fractions of elapsed time keep the levels meaningful for a 15-minute
 * P1 target and a ten-day P5 target alike.
 */
public final class SlaLevel {

    static final double YELLOW_AT = 0.5;
    static final double RED_AT = 0.8;

    private SlaLevel() {
    }

    public static String of(Instant start, Instant due, Instant resolvedAt, Instant now) {
        if (due == null || start == null) {
            return null;
        }
        if (resolvedAt != null) {
            return resolvedAt.isAfter(due) ? "BREACHED" : "MET";
        }
        if (now.isAfter(due)) {
            return "BREACHED";
        }
        long total = Math.max(1, Duration.between(start, due).toSeconds());
        double used = (double) Duration.between(start, now).toSeconds() / total;
        return used >= RED_AT ? "RED" : used >= YELLOW_AT ? "YELLOW" : "GREEN";
    }
}
