package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketLinks;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import dev.flowdesk.ticket.TicketProgress;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${resolveLinkedIncidents}}: when a problem is resolved, every incident linked to it that is still being
 * worked receives the message {@code ProblemResolved} (correlated by its ticket id as business key) with the
 * problem's resolution. Incidents that already moved on are left alone.
 */
@Component("resolveLinkedIncidents")
class ResolveLinkedIncidents implements JavaDelegate {

    static final String LINK_TYPE = "PROBLEM_CANDIDATE";

    private final TicketLookup lookup;
    private final TicketLinks links;
    private final TicketProgress progress;
    private final RuntimeService runtime;

    ResolveLinkedIncidents(TicketLookup lookup, TicketLinks links, TicketProgress progress,
                           RuntimeService runtime) {
        this.lookup = lookup;
        this.links = links;
        this.progress = progress;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long problemId = Actors.ticketId(execution);
        TicketRef problem = lookup.find(problemId).orElseThrow();
        String resolution = "Resolved by problem " + problem.number() + ": " + Actors.text(execution, "resolution");
        for (long incidentId : links.linked(problemId, LINK_TYPE)) {
            boolean waiting = !runtime.createMessageCorrelation("ProblemResolved")
                    .processInstanceBusinessKey(String.valueOf(incidentId))
                    .correlateAllWithResult().isEmpty();
            if (waiting) {
                progress.resolveWith(incidentId, resolution, Actors.SYSTEM.id(),
                        "Resolved through problem " + problem.number());
            }
        }
    }
}
