package dev.flowdesk.workflow.delegate;

import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
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

    private final AuditTrail audit;

    KnownErrorPublisher(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> knownError = new LinkedHashMap<>();
        knownError.put("rootCause", Actors.text(execution, "rootCause"));
        knownError.put("workaround", Actors.text(execution, "workaround"));
        audit.record(Actors.ticketId(execution), Actors.SYSTEM.id(), AuditEventType.KNOWN_ERROR_PUBLISHED,
                "Known error published with workaround", null, knownError);
    }
}
