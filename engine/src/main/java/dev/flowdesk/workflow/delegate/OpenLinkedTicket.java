package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketLinks;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code ${openLinkedTicket}}: opens another ticket of type {@code linkedType} (a problem candidate for a major
 * incident, a change for a known error), with its own process, and links it to this one as {@code linkType}.
 * The new ticket is requested by the system, not by the original requester, so it stays out of their own list.
 */
@Component("openLinkedTicket")
class OpenLinkedTicket implements JavaDelegate {

    private final TicketService tickets;
    private final TicketLookup lookup;
    private final TicketLinks links;

    OpenLinkedTicket(TicketService tickets, TicketLookup lookup, TicketLinks links) {
        this.tickets = tickets;
        this.lookup = lookup;
        this.links = links;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = Actors.ticketId(execution);
        String type = Actors.text(execution, "linkedType");
        String linkType = Actors.text(execution, "linkType");
        TicketRef source = lookup.find(ticketId).orElseThrow();
        String subject = (type.equals("PROBLEM") ? "Problem candidate: " : "Change for ") + source.number() + " "
                + source.subject();
        OpenedTicket opened = tickets.open(new NewTicket(type, "API", subject.length() > 200
                ? subject.substring(0, 200) : subject, "Opened by the process of " + source.number() + ".\n\n"
                + source.description(), Actors.SYSTEM.id(), "HIGH", "HIGH", null,
                Map.of("sourceTicket", source.number()), null), Actors.SYSTEM);
        links.link(ticketId, opened.ticketId(), linkType, Actors.SYSTEM.id());
        execution.setVariable("linked" + type.charAt(0) + type.substring(1).toLowerCase() + "Id", opened.ticketId());
    }
}
