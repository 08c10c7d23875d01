package dev.flowdesk.ticket;

import dev.flowdesk.inbox.InboxEntries;
import jakarta.persistence.PostUpdate;
import org.springframework.beans.factory.ObjectProvider;

/**
 * JPA callback of {@link Ticket}: every flushed change of a ticket (priority, resolution due after an SLA pause,
 * queue) re-sorts its open tasks in the inbox read model, whichever service made it, so no caller can forget to.
 */
class TicketInboxListener {

    private final ObjectProvider<InboxEntries> inbox;

    TicketInboxListener(ObjectProvider<InboxEntries> inbox) {
        this.inbox = inbox; // lazily: Hibernate creates this while the EntityManagerFactory the inbox uses is built
    }

    @PostUpdate
    void updated(Ticket ticket) {
        inbox.getObject().ticketChanged(ticket.getId());
    }
}
