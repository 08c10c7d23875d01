package dev.flowdesk.forms;

import java.util.List;

/** A form definition was refused (malformed JSON, unknown component type, JavaScript in it). */
public class FormDefinitionException extends RuntimeException {

    private final transient List<DefinitionProblem> problems;

    public FormDefinitionException(List<DefinitionProblem> problems) {
        super(problems.isEmpty() ? "invalid form definition" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    /** One problem: the component key (or "" for the form), the property, and what a designer should do. */
    public record DefinitionProblem(String componentKey, String property, String message) {
        @Override
        public String toString() {
            return (componentKey.isEmpty() ? "form" : "component '" + componentKey + "'")
                    + (property == null || property.isEmpty() ? "" : " property '" + property + "'") + ": " + message;
        }
    }
}
