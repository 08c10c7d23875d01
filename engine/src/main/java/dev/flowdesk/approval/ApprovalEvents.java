package dev.flowdesk.approval;

/** Events of the approval feature, published inside the transaction that caused them (see {@code TicketEvents}). */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    /** An approver decided one approval of a ticket. */
    public record ApprovalDecided(long ticketId, String processInstanceId, String approver, String decision) {
    }

    /** Nobody decided in time: the open votes of {@code approverGroup} were offered to {@code deputyGroup} too. */
    public record ApprovalEscalated(long ticketId, String approverGroup, String deputyGroup, int openVotes) {
    }
}
