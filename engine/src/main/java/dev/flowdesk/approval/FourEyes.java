package dev.flowdesk.approval;

import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The four-eyes rules of approvals, checked on the server wherever a decision is made (the approvals API, the task
 * API, Camunda's own API): the requester of a ticket may not approve it, nor may whoever opened it on the requester's
 * behalf, the implementer of a change may not approve it, and nobody votes twice in the same approval.
 */
@Component
class FourEyes {

    private final TicketLookup tickets;
    private final ApprovalDecisionRepository decisions;

    FourEyes(TicketLookup tickets, ApprovalDecisionRepository decisions) {
        this.tickets = tickets;
        this.decisions = decisions;
    }

    /** Why this user may not decide, or empty when they may. */
    Optional<String> refusal(String userId, String userEmail, long ticketId, String implementer,
                             String approvalInstanceId) {
        TicketRef ticket = tickets.find(ticketId).orElse(null);
        if (ticket != null && (userId.equals(ticket.requester())
                || (userEmail != null && userEmail.equalsIgnoreCase(ticket.requester())))) {
            return Optional.of("Four-eyes rule: you requested " + ticket.number()
                    + ", so someone else must approve it.");
        }
        if (ticket != null && tickets.creator(ticketId).filter(userId::equals).isPresent()) {
            return Optional.of("Four-eyes rule: you opened " + ticket.number()
                    + " on someone's behalf, so someone else must approve it.");
        }
        if (implementer != null && implementer.equalsIgnoreCase(userId)) {
            return Optional.of("Four-eyes rule: you are the implementer of "
                    + (ticket == null ? "this change" : ticket.number()) + " and may not approve it.");
        }
        if (decisions.existsByProcessInstanceIdAndApprover(approvalInstanceId, userId)) {
            return Optional.of("You have already voted in this approval; each approver has one vote.");
        }
        return Optional.empty();
    }
}
