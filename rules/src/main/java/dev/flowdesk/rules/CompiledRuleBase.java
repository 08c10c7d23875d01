package dev.flowdesk.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * A {@link RuleBase} over one Drools KieBase. The KieBase is shared and immutable; every decision borrows a session
 * of its own from a pool, which is what makes {@link #decide} thread-safe without locks.
 */
final class CompiledRuleBase implements RuleBase {

    /**
     * Most rule firings one ticket may cause. The shipped rule base fires about ten; a thousand only happens when a
     * rule keeps re-activating itself (it modifies a field its own conditions test), and the cap turns that endless
     * loop into an error naming the rule.
     */
    static final int FIRING_CAP = 1000;

    private static final Pattern FAILED_CONSTRAINT =
            Pattern.compile("Error evaluating constraint ('.*') in \\[Rule \"((?:[^\"\\\\]|\\\\.)*)\"");

    private final KieBase kieBase;
    private final Map<String, String> sources;
    /** Rule-set names in evaluation order; each is the agenda group of its rules. */
    private final List<String> phases;

    /**
     * Creating a session costs more than evaluating the shipped rules on it, so sessions are pooled: the pool hands
     * each thread a session of its own and takes it back, reset, on dispose.
     */
    private final KieSessionsPool sessions;
    /** A session is used by one thread at a time, so it can skip the locking of a thread-safe session. */
    private final KieSessionConfiguration sessionConfiguration;

    CompiledRuleBase(KieBase kieBase, Map<String, String> sources, List<String> phases) {
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.sessionConfiguration = KieServices.Factory.get().newKieSessionConfiguration();
        this.sessionConfiguration.setOption(ThreadSafeOption.NO);
        this.sources = sources;
        this.phases = List.copyOf(phases);
    }

    @Override
    public Decision decide(TicketFacts facts) {
        Objects.requireNonNull(facts, "facts");
        DecisionDraft draft = new DecisionDraft();
        FiringTrace trace = new FiringTrace(draft);
        KieSession session = sessions.newKieSession(sessionConfiguration);
        try {
            session.addEventListener(trace);
            session.insert(facts);
            session.insert(draft);
            // The focus is a stack: push the last phase first so that the first phase runs first.
            for (int i = phases.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(phases.get(i)).setFocus();
            }
            int fired = session.fireAllRules(FIRING_CAP + 1);
            if (fired > FIRING_CAP) {
                throw runaway(trace);
            }
            return draft.toDecision(trace.fired());
        } catch (RuleEvaluationException e) {
            throw e;
        } catch (ConsequenceException e) {
            String rule = e.getRule() == null ? trace.ruleFiring() : e.getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RuleEvaluationException("rule \"" + rule + "\" threw " + describe(cause), cause, rule);
        } catch (RuntimeException e) {
            throw conditionFailure(e, trace);
        } finally {
            session.removeEventListener(trace);
            // Returns the session to the pool, which resets it (facts, agenda, focus) for the next decision.
            session.dispose();
        }
    }

    private static RuleEvaluationException runaway(FiringTrace trace) {
        Map.Entry<String, Integer> top = trace.mostFired();
        String rule = top == null ? null : top.getKey();
        return new RuleEvaluationException("more than " + FIRING_CAP + " rule firings for one ticket: rule \"" + rule
                + "\" fired " + (top == null ? 0 : top.getValue()) + " times; it probably modifies a field that its"
                + " own conditions test, which re-activates it forever", null, rule);
    }

    /**
     * A condition threw while Drools matched facts. Drools names the rule only inside its message
     * ("Error evaluating constraint '...' in [Rule "X" in file.drl]"), so the name is read from there.
     */
    private static RuleEvaluationException conditionFailure(RuntimeException e, FiringTrace trace) {
        String rule = trace.ruleFiring();
        String constraint = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher failed = FAILED_CONSTRAINT.matcher(String.valueOf(t.getMessage()));
            if (failed.find()) {
                constraint = failed.group(1);
                rule = failed.group(2).replace("\\\"", "\"");
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = rule == null ? "evaluating the rule conditions" : "rule \"" + rule + "\"";
        String what = constraint == null ? "" : " in the condition " + constraint;
        return new RuleEvaluationException(where + " failed" + what + ": " + describe(root), e, rule);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public Map<String, String> sources() {
        return sources;
    }

    /** The rule-set names in the order their rules are evaluated. */
    List<String> phases() {
        return phases;
    }

    KieBase kieBase() {
        return kieBase;
    }
}
