package dev.flowdesk.ticket;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostUpdate;
import org.springframework.beans.factory.ObjectProvider;

/**
 * JPA callback of {@link Ticket}: every flushed creation or change of a ticket marks its day of creation stale in
 * the report roll-up, in the same transaction, whichever service made it ({@link ReportRollup}).
 */
class TicketFiguresListener {

    private final ObjectProvider<ReportRollup> rollup;

    TicketFiguresListener(ObjectProvider<ReportRollup> rollup) {
        this.rollup = rollup; // lazily: Hibernate creates this while the EntityManagerFactory is built
    }

    @PostPersist
    @PostUpdate
    void changed(Ticket ticket) {
        rollup.getObject().ticketChanged(ticket.getCreatedAt());
    }
}
