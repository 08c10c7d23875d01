package dev.flowdesk.ticket;

/** Events published by the ticket feature, inside the transaction that caused them. */
public final class TicketEvents {

    private TicketEvents() {
    }

    /** A ticket was opened and its process started. */
    public record TicketOpened(long ticketId, String number, String processInstanceId) {
    }

    /** The model moved a ticket to another status. */
    public record TicketStatusChanged(long ticketId, String from, String to) {
    }
}
