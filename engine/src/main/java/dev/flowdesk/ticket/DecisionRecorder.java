package dev.flowdesk.ticket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.classification.TicketClassifier;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Priority;
import dev.flowdesk.sla.BusinessCalendar;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Writes a rule decision onto a ticket: priority, category, queue, the rule-set version and the rules that fired,
 * and the SLA due instants that the business calendar makes of the targets. One place for tickets and sub-tickets.
 */
@Component
class DecisionRecorder {

    private final BusinessCalendar calendar;
    private final ObjectMapper json;

    DecisionRecorder(BusinessCalendar calendar, ObjectMapper json) {
        this.calendar = calendar;
        this.json = json;
    }

    void apply(Ticket ticket, TicketClassifier.Classification classification, Instant now) {
        Decision d = classification.decision();
        Decision.SlaTargets sla = d.sla();
        ticket.classify(d.priority() == null ? Priority.P3.name() : d.priority().name(),
                d.category() == null ? "uncategorized" : d.category(),
                d.queue() == null ? "dispatcher" : d.queue(),
                classification.ruleSetVersion(),
                write(d.rulesFired()),
                sla == null ? null : calendar.addBusinessMinutes(now, sla.firstResponseMinutes()),
                sla == null ? null : calendar.addBusinessMinutes(now, sla.resolutionMinutes()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the rules that fired", e);
        }
    }
}
