package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${routeTicket}}: the ticket row follows the queue the dispatcher chose (variable {@code queue}). */
@Component("routeTicket")
class RouteTicket implements JavaDelegate {

    private final TicketProgress progress;

    RouteTicket(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        progress.reroute(Actors.ticketId(execution), Actors.text(execution, "queue"), Actors.current());
    }
}
