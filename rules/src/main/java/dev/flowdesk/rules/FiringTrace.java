package dev.flowdesk.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Records, for one evaluation, which rules fired in which order and why. One instance per session: it is not
 * thread-safe and does not need to be.
 */
final class FiringTrace extends DefaultAgendaEventListener {

    static final String REASON_KEY = "reason";
    static final String NO_REASON = "(the rule gives no @reason)";

    private final DecisionDraft draft;
    private final List<Decision.FiredRule> fired = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    /** Read by the watchdog thread of {@link CompiledRuleBase} when it halts a decision that ran out of time. */
    private volatile String firing;

    FiringTrace(DecisionDraft draft) {
        this.draft = draft;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = event.getMatch().getRule().getName();
        draft.takeExplanation();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        String reason = draft.takeExplanation();
        if (reason == null) {
            reason = reasonOf(rule);
        }
        fired.add(new Decision.FiredRule(rule.getName(), reason));
        counts.merge(rule.getName(), 1, Integer::sum);
        firing = null;
    }

    /** The rule whose consequence was running when an exception escaped, or null. */
    String ruleFiring() {
        return firing;
    }

    List<Decision.FiredRule> fired() {
        return fired;
    }

    /** The rule that fired most often: with a runaway evaluation, the one that keeps re-activating itself. */
    Map.Entry<String, Integer> mostFired() {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    static String reasonOf(Rule rule) {
        Object value = rule.getMetaData().get(REASON_KEY);
        if (value == null) {
            return NO_REASON;
        }
        String reason = value.toString().strip();
        // The executable-model compiler keeps the quotes of @reason("..."), the classic one strips them.
        if (reason.length() >= 2 && reason.startsWith("\"") && reason.endsWith("\"")) {
            reason = reason.substring(1, reason.length() - 1);
        }
        return reason;
    }
}
