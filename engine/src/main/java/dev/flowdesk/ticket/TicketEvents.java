package dev.flowdesk.ticket;

/**
 * Events published by the ticket feature, inside the transaction that caused them. Features learn about changes by
 * listening: a listener with a side effect outside the database (mail, webhooks) writes an outbox row in that same
 * transaction (synchronous {@code @EventListener}), so the change and the promise to act on it commit together and a
 * crash after commit loses nothing; the outbox is delivered after commit by its own job.
 */
public final class TicketEvents {

    private TicketEvents() {
    }

    /** A ticket was opened and its process started. */
    public record TicketOpened(long ticketId, String number, String processInstanceId) {
    }

    /** The model moved a ticket to another status. */
    public record TicketStatusChanged(long ticketId, String from, String to) {
    }

    /** A task of the ticket was claimed (assignee set) or released (assignee null). */
    public record TicketAssigned(long ticketId, String assignee, String taskName) {
    }

    /** A user task of the ticket's process was completed. */
    public record TaskCompleted(long ticketId, String taskName, String actor) {
    }

    /** A resolution was recorded on the ticket by a process step (e.g. the problem that fixed it). */
    public record ResolutionRecorded(long ticketId, String resolution) {
    }

    /**
     * {@code source} was merged into {@code target}: every feature that keeps something per ticket (conversation,
     * attachments, mail threads and watchers) moves it to the target in this same transaction.
     */
    public record TicketsMerged(long sourceId, long targetId, String actor) {
    }

    /**
     * The ticket's resolution target turned YELLOW, RED or BREACHED ({@code SlaLevelWatch}, once per level): the
     * notification goes to the assignee, or to the queue while nobody has the ticket, and the ticket's process gets
     * the {@code SlaLevelChanged} message if it waits for one.
     */
    public record SlaLevelChanged(long ticketId, String from, String to, String assignee, String queue,
                                  String processInstanceId) {
    }
}
