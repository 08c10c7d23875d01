package dev.flowdesk.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * <p>
 * Every decision runs under {@link Limits}: a firing cap and a wall-clock limit enforced by a watchdog that halts
 * the session. They are the second wall behind the DRL allow-list ({@link DrlStructureCheck}): a rule set that slips
 * past the check still cannot hold a server thread — neither while a draft is test-run on the sample tickets at
 * upload, nor on a live ticket, where the engine then falls back to its default routing. Unbounded recursion
 * ({@link StackOverflowError}) is reported like any other rule failure, naming the rule, instead of escaping as an
 * error.
 */
final class CompiledRuleBase implements RuleBase {

    /**
     * Most rule firings one ticket may cause. The shipped rule base fires about ten; a thousand only happens when a
     * rule keeps re-activating itself (it modifies a field its own conditions test), and the cap turns that endless
     * loop into an error naming the rule.
     */
    static final int FIRING_CAP = 1000;

    /**
     * Longest one decision may take. The shipped rule base decides a ticket in well under a millisecond; two
     * seconds leave room for a slow machine and still answer an upload before an HTTP client gives up.
     */
    static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    /**
     * Longest the first decision of a newly compiled rule base may take. That decision also pays for what Drools
     * defers to first use (loading and JIT-compiling the conditions' classes): on a heavily loaded machine the
     * shipped rules' first decision took over two seconds with four firings, and startup failed. Runaway rules are
     * still stopped by the firing cap at once, and by {@link #TIME_LIMIT} from the second decision on.
     */
    static final Duration FIRST_TIME_LIMIT = Duration.ofSeconds(20);

    /** The bounds of one decision (the first one may take {@code firstTime}); tests shrink them. */
    record Limits(Duration time, int firings, Duration firstTime) {
        static final Limits DEFAULT = new Limits(TIME_LIMIT, FIRING_CAP, FIRST_TIME_LIMIT);

        /** The same bound for every decision, the first included. */
        Limits(Duration time, int firings) {
            this(time, firings, time);
        }
    }

    /** Whether a decision on this rule base has completed: later ones get the normal time limit. */
    private final java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();

    /** One daemon thread for all rule bases: it only calls halt() on sessions that ran out of time. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flowdesk-rule-watchdog");
        thread.setDaemon(true);
        return thread;
    });

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

    private final Limits limits;

    CompiledRuleBase(KieBase kieBase, Map<String, String> sources, List<String> phases) {
        this(kieBase, sources, phases, Limits.DEFAULT);
    }

    CompiledRuleBase(KieBase kieBase, Map<String, String> sources, List<String> phases, Limits limits) {
        this.kieBase = kieBase;
        this.limits = limits;
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
        Timeout timeout = new Timeout();
        Duration limit = warm.get() ? limits.time() : limits.firstTime();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> timeout.halt(session, trace),
                limit.toMillis(), TimeUnit.MILLISECONDS);
        boolean reusable = false;
        try {
            session.addEventListener(trace);
            session.insert(facts);
            session.insert(draft);
            // The focus is a stack: push the last phase first so that the first phase runs first.
            for (int i = phases.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(phases.get(i)).setFocus();
            }
            int fired = session.fireAllRules(limits.firings() + 1);
            if (timeout.happened()) {
                throw timeout.failure(trace, limit, fired);
            }
            if (fired > limits.firings()) {
                throw runaway(trace, limits.firings());
            }
            reusable = true;
            warm.set(true);
            return draft.toDecision(trace.fired());
        } catch (RuleEvaluationException e) {
            throw e;
        } catch (ConsequenceException e) {
            String rule = e.getRule() == null ? trace.ruleFiring() : e.getRule().getName();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof StackOverflowError) {
                throw recursion(rule, cause);
            }
            reusable = true;
            throw new RuleEvaluationException("rule \"" + rule + "\" threw " + describe(cause), cause, rule);
        } catch (StackOverflowError e) {
            throw recursion(trace.ruleFiring(), e);
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof StackOverflowError overflow) {
                throw recursion(trace.ruleFiring(), overflow);
            }
            reusable = true;
            throw conditionFailure(e, trace);
        } finally {
            watchdog.cancel(false);
            session.removeEventListener(trace);
            if (reusable && !timeout.happened()) {
                // Returns the session to the pool, which resets it (facts, agenda, focus) for the next decision.
                session.dispose();
            } else {
                // A halted or overflowed session is not trusted to reset cleanly: it leaves the pool for good.
                session.destroy();
            }
        }
    }

    /** The watchdog's side of one decision: halts the session once, remembering which rule was firing then. */
    private static final class Timeout {
        private volatile boolean happened;
        private volatile String ruleFiring;

        void halt(KieSession session, FiringTrace trace) {
            ruleFiring = trace.ruleFiring();
            happened = true;
            // Stops the engine after the consequence that is running; conditions and consequences are kept short
            // by the allow-list (no loops, no recursion), so that is soon.
            session.halt();
        }

        boolean happened() {
            return happened;
        }

        RuleEvaluationException failure(FiringTrace trace, Duration limit, int fired) {
            Map.Entry<String, Integer> top = trace.mostFired();
            String rule = ruleFiring != null ? ruleFiring : top == null ? null : top.getKey();
            return new RuleEvaluationException("deciding one ticket took longer than " + limit.toMillis()
                    + " ms (" + fired + " rule firings): rule \"" + rule + "\" was "
                    + (ruleFiring != null ? "firing" : "firing most") + " when the rule engine was halted", null, rule);
        }
    }

    private static RuleEvaluationException recursion(String rule, Throwable cause) {
        return new RuleEvaluationException("rule \"" + rule + "\" recursed without end (StackOverflowError)", cause,
                rule);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static RuleEvaluationException runaway(FiringTrace trace, int cap) {
        Map.Entry<String, Integer> top = trace.mostFired();
        String rule = top == null ? null : top.getKey();
        return new RuleEvaluationException("more than " + cap + " rule firings for one ticket: rule \"" + rule
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
