package dev.flowdesk.rules;

import java.util.Map;

/**
 * A compiled, immutable, thread-safe rule base. Build one with {@link RuleSetCompiler}; swap the reference to
 * activate another one (decisions in flight keep the instance they started with).
 */
public interface RuleBase {

    /** Decides about one ticket. Throws {@link RuleEvaluationException} if a rule throws or the firing cap is hit. */
    Decision decide(TicketFacts facts);

    /** The DRL sources this rule base was compiled from, by rule-set name (e.g. "priority" -> DRL text). */
    Map<String, String> sources();
}
