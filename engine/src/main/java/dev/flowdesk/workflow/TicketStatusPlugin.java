package dev.flowdesk.workflow;

import dev.flowdesk.ticket.TicketProgress;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@link TicketStatusParseListener} with the engine. When an execution enters an activity with a
 * {@code ticketStatus}, the ticket found through the {@code ticketId} variable takes that status, in the same
 * transaction as the process step.
 */
@Component
class TicketStatusPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<TicketProgress> tickets;

    TicketStatusPlugin(ObjectProvider<TicketProgress> tickets) {
        this.tickets = tickets; // lazily: the ticket feature itself needs the engine this plugin configures
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new TicketStatusParseListener(this::onActivityStart, this::onPausedActivityEnd));
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private void onActivityStart(DelegateExecution execution) {
        Object ticketId = execution.getVariable("ticketId");
        if (!(ticketId instanceof Number id)) {
            return; // a process started without a ticket (e.g. a designer's test run) has no status to keep
        }
        ActivityImpl activity = (ActivityImpl) ((org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution) execution)
                .getActivity();
        String status = (String) activity.getProperty(TicketStatusParseListener.TICKET_STATUS);
        String name = (String) activity.getProperty("name");
        TicketProgress service = tickets.getObject();
        if ("paused".equals(activity.getProperty(TicketStatusParseListener.SLA_CLOCK))) {
            service.pauseSla(id.longValue(), name, actor());
        }
        if (status != null) {
            service.changeStatusFromModel(id.longValue(), status, activity.getId(), name, actor());
        }
    }

    private void onPausedActivityEnd(DelegateExecution execution) {
        Object ticketId = execution.getVariable("ticketId");
        if (ticketId instanceof Number id) {
            ActivityImpl activity = (ActivityImpl) ((org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution)
                    execution).getActivity();
            tickets.getObject().resumeSla(id.longValue(), (String) activity.getProperty("name"), actor());
        }
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
