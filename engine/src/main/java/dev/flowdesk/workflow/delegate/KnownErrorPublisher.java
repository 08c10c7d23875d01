package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.TicketJournal;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ${publishKnownError}}: publishes a known error (root cause and workaround). The knowledge base does not
 * exist yet, so this stub records the publication in the problem's history; the KB feature will replace it.
 */
@Component("publishKnownError")
class KnownErrorPublisher implements JavaDelegate {

    private final TicketJournal journal;

    KnownErrorPublisher(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> knownError = new LinkedHashMap<>();
        knownError.put("rootCause", Actors.text(execution, "rootCause"));
        knownError.put("workaround", Actors.text(execution, "workaround"));
        journal.record(Actors.ticketId(execution), Actors.SYSTEM.id(), "KNOWN_ERROR_PUBLISHED",
                "Known error published with workaround", knownError);
    }
}
