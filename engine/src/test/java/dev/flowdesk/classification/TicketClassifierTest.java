package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.Priority;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleEvaluationException;
import dev.flowdesk.rules.TicketFacts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The live rule base decides; a failing one never loses the ticket. */
class TicketClassifierTest {

    private static final TicketFacts PRINTER = new TicketFacts("INCIDENT", "Printer jammed", "", "WEB", Map.of(),
            null, null, Level.HIGH, Level.HIGH, null, null, Instant.parse("2026-11-25T10:00:00Z"));

    @Test
    void theShippedRulesDecideByDefault() {
        TicketClassifier classifier = new TicketClassifier();

        TicketClassifier.Classification c = classifier.classify(PRINTER);

        assertThat(c.ruleSetVersion()).isEqualTo("shipped-1");
        assertThat(c.decision().queue()).isEqualTo("field-service");
        assertThat(c.decision().priority()).isEqualTo(Priority.P1);
    }

    @Test
    void aFailingRuleBaseRoutesToTheDispatcherAndSaysWhy() {
        TicketClassifier classifier = new TicketClassifier();
        classifier.activate("broken@2", new RuleBase() {
            @Override
            public Decision decide(TicketFacts facts) {
                throw new RuleEvaluationException("rule 'Divide by zero' threw ArithmeticException", null);
            }

            @Override
            public Map<String, String> sources() {
                return Map.of();
            }
        });

        TicketClassifier.Classification c = classifier.classify(PRINTER);

        assertThat(c.ruleSetVersion()).isEqualTo("broken@2");
        assertThat(c.decision().queue()).isEqualTo("dispatcher");
        assertThat(c.decision().priority()).isEqualTo(Priority.P3);
        assertThat(c.decision().tags()).contains("rules-failed");
        assertThat(c.decision().rulesFired()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("Divide by zero"));
    }
}
