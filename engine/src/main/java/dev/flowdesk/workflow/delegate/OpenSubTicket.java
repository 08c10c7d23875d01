package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.SubTickets;
import dev.flowdesk.ticket.SubTickets.SubTicket;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * {@code ${openSubTicket}}: first step of child-ticket.bpmn. Creates the child's ticket row (parent, rules, queue,
 * SLA) and makes this process instance the child's own: ticket variables and business key = child ticket id.
 */
@Component("openSubTicket")
class OpenSubTicket implements JavaDelegate {

    private final SubTickets subTickets;

    OpenSubTicket(SubTickets subTickets) {
        this.subTickets = subTickets;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long parentId = ((Number) execution.getVariable("parentTicketId")).longValue();
        Object index = execution.getVariable("itemIndex");
        SubTicket child = subTickets.open(parentId, Actors.text(execution, "subTicketKind"),
                index instanceof Number n ? n.intValue() : 0, execution.getProcessInstanceId(), Actors.current());
        execution.setProcessBusinessKey(String.valueOf(child.id()));
        execution.setVariable("ticketId", child.id());
        execution.setVariable("ticketNumber", child.number());
        execution.setVariable("ticketType", child.type());
        execution.setVariable("queue", child.queue());
        execution.setVariable("priority", child.priority());
        execution.setVariable("requester", child.requester());
        if (child.firstResponseDue() != null) {
            execution.setVariable("firstResponseDue", Date.from(child.firstResponseDue()));
        }
        if (child.resolutionDue() != null) {
            execution.setVariable("resolutionDue", Date.from(child.resolutionDue()));
        }
    }
}
