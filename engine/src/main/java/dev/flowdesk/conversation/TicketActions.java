package dev.flowdesk.conversation;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;

/**
 * The user actions that a ticket's model waits for as messages ({@link UserActions}): an agent asks the requester for
 * information, the requester confirms the resolution or reopens it, the requester (or an agent for them) withdraws
 * the ticket, an agent cancels a sub-ticket. {@link #available} lists what the caller may do now, so the ticket page
 * shows exactly these buttons. An action the model does not wait for right now answers 409, so a stale screen never
 * pushes a ticket somewhere its process is not.
 */
@Service
public class TicketActions {

    private final TicketQueries tickets;
    private final Conversation conversation;
    private final RuntimeService runtime;
    private final UserActions userActions;

    TicketActions(TicketQueries tickets, Conversation conversation, RuntimeService runtime, UserActions userActions) {
        this.tickets = tickets;
        this.conversation = conversation;
        this.runtime = runtime;
        this.userActions = userActions;
    }

    /** The actions this user may take on the ticket now, as its process waits for them (404 if not visible). */
    @Transactional(readOnly = true)
    public List<String> available(long ticketId, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user);
        return userActions.waiting(ticket.processInstanceId()).keySet().stream()
                .filter(action -> mayTake(action, ticket, user)).sorted().toList();
    }

    private static boolean mayTake(String action, TicketDetail ticket, CurrentUser user) {
        boolean requester = user.isRequester(ticket.requester());
        return switch (action) {
            case UserActions.REQUEST_INFO, UserActions.CANCEL -> user.isAgent();
            case UserActions.CONFIRM -> requester || user.isAdmin();
            case UserActions.REOPEN, UserActions.WITHDRAW -> requester || user.isAgent();
            default -> false;
        };
    }

    /** An agent asks the requester a question: a public reply, and the ticket waits for the customer. */
    @Transactional
    public TicketDetail requestInformation(long ticketId, String question, CurrentUser agent) {
        TicketDetail ticket = tickets.get(ticketId, agent);
        agent.requireAny("Only agents ask requesters for information.", Role.AGENT);
        conversation.add(ticketId, question, "PUBLIC", "WEB", java.util.List.of(), agent, true);
        deliver(ticket, UserActions.REQUEST_INFO, Map.of("questionBy", agent.id()),
                "The ticket is not being worked on, so it cannot wait for the customer now.");
        return tickets.get(ticketId, agent);
    }

    /** The requester confirms that the resolution works: the ticket closes. */
    @Transactional
    public TicketDetail confirmResolution(long ticketId, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user);
        if (!user.isRequester(ticket.requester()) && !user.isAdmin()) {
            throw DomainException.refused("Only the requester confirms a resolution.");
        }
        deliver(ticket, UserActions.CONFIRM, Map.of("confirmedBy", user.id()),
                "The ticket is not waiting for a confirmation.");
        return tickets.get(ticketId, user);
    }

    /** An agent cancels a sub-ticket; its parent sees the cancellation. */
    @Transactional
    public TicketDetail cancelSubTicket(long ticketId, String reason, CurrentUser agent) {
        TicketDetail ticket = tickets.get(ticketId, agent);
        agent.requireAny("Only agents cancel sub-tickets.", Role.AGENT);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "is required");
        }
        deliver(ticket, UserActions.CANCEL, Map.of("cancelledBy", agent.id(), "cancelReason", reason),
                "Only an open sub-ticket can be cancelled.");
        return tickets.get(ticketId, agent);
    }

    /**
     * The requester (or an agent for them) reopens a resolved ticket, saying why: the reason becomes a public reply
     * and the ticket goes back to work.
     */
    @Transactional
    public TicketDetail reopen(long ticketId, String reason, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user);
        if (!user.isRequester(ticket.requester()) && !user.isAgent()) {
            throw DomainException.refused("Only the requester or an agent reopens a ticket.");
        }
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason", "is required: say what still does not work");
        }
        deliver(ticket, UserActions.REOPEN, Map.of("lastReplyBy", user.id(), "reopenedBy", user.id()),
                "The ticket is not resolved, so there is nothing to reopen.");
        conversation.add(ticketId, reason, "PUBLIC", "WEB", java.util.List.of(), user, false);
        return tickets.get(ticketId, user);
    }

    /** The requester (or an agent for them) withdraws the ticket: its process ends, the ticket is cancelled. */
    @Transactional
    public TicketDetail withdraw(long ticketId, String reason, CurrentUser user) {
        TicketDetail ticket = tickets.get(ticketId, user);
        if (!user.isRequester(ticket.requester()) && !user.isAgent()) {
            throw DomainException.refused("Only the requester or an agent withdraws a ticket.");
        }
        deliver(ticket, UserActions.WITHDRAW, Map.of("withdrawnBy", user.id()),
                "The ticket cannot be withdrawn any more.");
        if (reason != null && !reason.isBlank()) {
            conversation.add(ticketId, reason, "PUBLIC", "WEB", java.util.List.of(), user, false);
        }
        return tickets.get(ticketId, user);
    }

    private void deliver(TicketDetail ticket, String action, Map<String, Object> variables, String notWaiting) {
        String instance = ticket.processInstanceId();
        String message = userActions.waiting(instance).get(action);
        if (message == null) {
            throw DomainException.conflict(notWaiting);
        }
        runtime.createMessageCorrelation(message).processInstanceId(instance).setVariables(variables).correlateAll();
    }
}
