package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.SubTickets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${planSubTickets}}: how many sub-tickets the multi-instance call opens ({@code subTicketCount}). */
@Component("planSubTickets")
class PlanSubTickets implements JavaDelegate {

    private final SubTickets subTickets;

    PlanSubTickets(SubTickets subTickets) {
        this.subTickets = subTickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String kind = "change".equals(execution.getProcessDefinitionId().split(":")[0]) ? "IMPLEMENTATION" : "FULFILMENT";
        execution.setVariable("subTicketCount", subTickets.plannedCount(Actors.ticketId(execution), kind));
    }
}
