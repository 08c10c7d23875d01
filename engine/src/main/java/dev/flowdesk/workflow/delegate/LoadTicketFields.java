package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketLookup;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code ${loadTicketFields}}: copies the named form fields of the ticket (input {@code fields}, comma-separated)
 * into process variables, scalar values only, so that gateways and later forms can read them.
 */
@Component("loadTicketFields")
class LoadTicketFields implements JavaDelegate {

    private final TicketLookup lookup;

    LoadTicketFields(TicketLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> fields = lookup.fields(Actors.ticketId(execution));
        for (String name : String.valueOf(execution.getVariable("fields")).split("\\s*,\\s*")) {
            Object value = fields.get(name);
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                execution.setVariable(name, value);
            }
        }
    }
}
