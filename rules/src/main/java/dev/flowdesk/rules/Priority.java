package dev.flowdesk.rules;

/**
 * Ticket priority, P1 (most urgent) to P5. The declaration order is the urgency order, so in DRL {@code priority > $floor}
 * reads "less urgent than the floor".
 */
public enum Priority {
    P1, P2, P3, P4, P5;

    /** The next more urgent priority; P1 stays P1 because there is nothing above it. */
    public Priority oneStepMoreUrgent() {
        return this == P1 ? P1 : values()[ordinal() - 1];
    }
}
