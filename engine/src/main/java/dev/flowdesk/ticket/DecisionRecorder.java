package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Priority;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Writes a rule decision onto a ticket: priority, category, queue, the rule-set version and the rules that fired,
 * and the SLA due instants (with the YELLOW and RED instants, {@link TicketSla}) that the calendar of the ticket's
 * queue makes of the targets. One place for tickets and sub-tickets.
 */
@Component
class DecisionRecorder {

    private final TicketSla sla;
    private final ObjectMapper json;

    DecisionRecorder(TicketSla sla, ObjectMapper json) {
        this.sla = sla;
        this.json = json;
    }

    /**
     * Applies the decision; {@code queue}, when not blank, overrides the rules' queue (a caller who names one).
     * Returns the SLA start to record once the ticket has an id ({@link TicketSla#recordStart}), or null.
     */
    TicketSla.Start apply(Ticket ticket, TicketClassifier.Classification classification, Instant now, String queue) {
        Decision d = classification.decision();
        Decision.SlaTargets targets = d.sla();
        ticket.classify(d.priority() == null ? Priority.P3.name() : d.priority().name(),
                d.category() == null ? "uncategorized" : d.category(),
                queue != null && !queue.isBlank() ? queue : d.queue() == null ? "dispatcher" : d.queue(),
                classification.ruleSetVersion(),
                write(d.rulesFired()));
        return sla.start(ticket, now, targets == null ? null : targets.firstResponseMinutes(),
                targets == null ? null : targets.resolutionMinutes());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the rules that fired", e);
        }
    }
}
