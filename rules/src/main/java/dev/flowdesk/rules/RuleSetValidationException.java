package dev.flowdesk.rules;

import java.util.List;

/** A rule set was refused: it does not compile, loops, or throws on the sample facts. */
public class RuleSetValidationException extends Exception {

    private final transient List<RuleProblem> problems;

    public RuleSetValidationException(List<RuleProblem> problems) {
        super(problems.isEmpty() ? "invalid rule set" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** One problem; line and column are 1-based, 0 when unknown. */
    public record RuleProblem(String file, int line, int column, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }
}
