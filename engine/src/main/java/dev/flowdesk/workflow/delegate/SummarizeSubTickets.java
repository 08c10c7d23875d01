package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.SubTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${summarizeSubTickets}}: after the join, how the children ended, read from their ticket rows (the system of
 * record): {@code subTicketsCancelled} and {@code subTicketsFailed} for the gateways.
 */
@Component("summarizeSubTickets")
class SummarizeSubTickets implements JavaDelegate {

    private final SubTickets subTickets;

    SummarizeSubTickets(SubTickets subTickets) {
        this.subTickets = subTickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long parentId = Actors.ticketId(execution);
        execution.setVariable("subTicketsCancelled", subTickets.countWithStatus(parentId, "CANCELLED"));
        execution.setVariable("subTicketsFailed", subTickets.countWithStatus(parentId, "FAILED"));
    }
}
