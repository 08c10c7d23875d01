package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketJournal;
import dev.flowdesk.ticket.TicketJournal.TicketRef;
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

    private final TicketJournal journal;
    private final RuntimeService runtime;

    ResolveLinkedIncidents(TicketJournal journal, RuntimeService runtime) {
        this.journal = journal;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long problemId = Actors.ticketId(execution);
        TicketRef problem = journal.find(problemId).orElseThrow();
        String resolution = "Resolved by problem " + problem.number() + ": " + Actors.text(execution, "resolution");
        for (long incidentId : journal.linked(problemId, LINK_TYPE)) {
            boolean waiting = !runtime.createMessageCorrelation("ProblemResolved")
                    .processInstanceBusinessKey(String.valueOf(incidentId))
                    .correlateAllWithResult().isEmpty();
            if (waiting) {
                journal.resolveWith(incidentId, resolution, Actors.SYSTEM.id(),
                        "Resolved through problem " + problem.number());
            }
        }
    }
}
