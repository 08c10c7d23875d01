package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.TicketFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides queue, priority, category and SLA targets of a ticket with the live rule base. A failing evaluation never
 * loses the ticket: it goes to the dispatcher queue with default priority, and the failure is named in the decision.
 * That includes a decision the rule base halted at its time limit or firing cap (see {@code RuleSetCompiler}): a
 * live ticket never waits for a rule set that does not finish.
 */
@Service
public class TicketClassifier {

    private static final Logger log = LoggerFactory.getLogger(TicketClassifier.class);

    private final AtomicReference<LiveRuleBase> live;

    public TicketClassifier() {
        this.live = new AtomicReference<>(new LiveRuleBase("shipped-1", RuleSetCompiler.shipped()));
    }

    /** The rule base decisions are made with now, and its version label. */
    public record LiveRuleBase(String version, RuleBase ruleBase) {
    }

    /** A decision and the rule-base version that made it. */
    public record Classification(Decision decision, String ruleSetVersion) {
    }

    public Classification classify(TicketFacts facts) {
        LiveRuleBase current = live.get(); // one consistent rule base for this decision, even during a swap
        try {
            return new Classification(current.ruleBase().decide(facts), current.version());
        } catch (RuntimeException e) {
            log.warn("Rule evaluation failed with rule base {}; routing to the dispatcher", current.version(), e);
            Decision fallback = Decision.fallback(String.valueOf(e.getMessage()));
            return new Classification(new Decision(fallback.queue(), fallback.priority(), fallback.category(),
                    fallback.sla(), List.of("rules-failed"), null, fallback.rulesFired()), current.version());
        }
    }

    /** Replaces the live rule base; decisions already running finish with the one they started with. */
    public void activate(String version, RuleBase ruleBase) {
        live.set(new LiveRuleBase(version, ruleBase));
    }

    public LiveRuleBase live() {
        return live.get();
    }
}
