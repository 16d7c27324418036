package dev.seedwatch.suite;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a suite, reported together so a user fixes them in one go. */
public class InvalidSuiteException extends Exception {

    private final List<SuiteProblem> problems;

    public InvalidSuiteException(List<SuiteProblem> problems) {
        super(problems.stream().map(SuiteProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SuiteProblem> problems() {
        return problems;
    }
}
