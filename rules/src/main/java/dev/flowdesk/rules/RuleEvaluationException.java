package dev.flowdesk.rules;

/** Evaluating the rule base on one ticket failed (a rule threw, or the firing cap was reached). */
public class RuleEvaluationException extends RuntimeException {

    private final String ruleName;

    public RuleEvaluationException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public RuleEvaluationException(String message, Throwable cause, String ruleName) {
        super(message, cause);
        this.ruleName = ruleName;
    }

    /** The rule that threw or kept firing, or null when no single rule is to blame. */
    public String ruleName() {
        return ruleName;
    }
}
