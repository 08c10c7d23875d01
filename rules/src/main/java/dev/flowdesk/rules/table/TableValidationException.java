package dev.flowdesk.rules.table;

import java.util.List;

/** A rule table was refused: the problems name the table, row and column of each bad cell. */
public class TableValidationException extends Exception {

    private final transient List<TableProblem> problems;

    public TableValidationException(List<TableProblem> problems) {
        super(problems.isEmpty() ? "invalid rule table" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<TableProblem> problems() {
        return problems;
    }
}
