package dev.flowdesk.rules;

import java.util.List;

/**
 * What the rule base decided for one ticket, and why.
 *
 * @param queue         the Camunda candidate group that works the ticket
 * @param priority      P1..P5
 * @param category      e.g. "printer", "network", or "uncategorized"
 * @param sla           first-response and resolution targets in business minutes
 * @param tags          free tags set by rules
 * @param approverGroup group that approves, or null where no approval applies
 * @param rulesFired    the rules that fired, in firing order, each with a one-line reason
 */
public record Decision(String queue, Priority priority, String category, SlaTargets sla, List<String> tags,
                       String approverGroup, List<FiredRule> rulesFired) {

    public Decision {
        tags = tags == null ? List.of() : List.copyOf(tags);
        rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    }

    /**
     * The decision to use when the rule base could not decide (issue 3: a failing evaluation routes the ticket to the
     * dispatcher with the default priority and records why, so the ticket is never lost).
     *
     * @param why one line for the ticket history, e.g. the {@link RuleEvaluationException} message
     */
    public static Decision fallback(String why) {
        return new Decision(DecisionDraft.DEFAULT_QUEUE, DecisionDraft.DEFAULT_PRIORITY, DecisionDraft.DEFAULT_CATEGORY,
                DecisionDraft.DEFAULT_SLA, List.of(), null,
                List.of(new FiredRule("Rule evaluation failed, ticket goes to the dispatcher", why)));
    }

    /** One rule that fired: its name (a sentence) and why it matched. */
    public record FiredRule(String name, String reason) {
    }

    /** SLA targets in business minutes. */
    public record SlaTargets(int firstResponseMinutes, int resolutionMinutes) {
    }
}
