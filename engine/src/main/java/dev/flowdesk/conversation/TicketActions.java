package dev.flowdesk.conversation;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * The user actions that a ticket's model waits for as messages: an agent asks the requester for information
 * ({@code CustomerInputRequested}), the requester confirms the resolution ({@code ResolutionConfirmed}), an agent
 * cancels a sub-ticket ({@code SubTicketCancelled}). An action the model does not wait for right now answers 409,
 * so a stale screen never pushes a ticket somewhere its process is not.
 */
@Service
public class TicketActions {

    static final String INPUT_REQUESTED = "CustomerInputRequested";
    static final String RESOLUTION_CONFIRMED = "ResolutionConfirmed";
    static final String SUB_TICKET_CANCELLED = "SubTicketCancelled";

    private final TicketQueries tickets;
    private final Conversation conversation;
    private final RuntimeService runtime;

    TicketActions(TicketQueries tickets, Conversation conversation, RuntimeService runtime) {
        this.tickets = tickets;
        this.conversation = conversation;
        this.runtime = runtime;
    }

    /** An agent asks the requester a question: a public reply, and the ticket waits for the customer. */
    @Transactional
    public TicketDetail requestInformation(long ticketId, String question, CurrentUser agent) {
        TicketDetail ticket = tickets.get(ticketId, agent);
        agent.requireAny("Only agents ask requesters for information.", Role.AGENT);
        conversation.add(ticketId, question, "PUBLIC", "WEB", java.util.List.of(), agent, true);
        deliver(ticket, INPUT_REQUESTED, Map.of("questionBy", agent.id()),
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
        deliver(ticket, RESOLUTION_CONFIRMED, Map.of("confirmedBy", user.id()),
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
        deliver(ticket, SUB_TICKET_CANCELLED, Map.of("cancelledBy", agent.id(), "cancelReason", reason),
                "Only an open sub-ticket can be cancelled.");
        return tickets.get(ticketId, agent);
    }

    private void deliver(TicketDetail ticket, String message, Map<String, Object> variables, String notWaiting) {
        String instance = ticket.processInstanceId();
        boolean waiting = instance != null && runtime.createEventSubscriptionQuery().eventType("message")
                .eventName(message).processInstanceId(instance).count() > 0;
        if (!waiting) {
            throw DomainException.conflict(notWaiting);
        }
        runtime.createMessageCorrelation(message).processInstanceId(instance).setVariables(variables).correlateAll();
    }
}
