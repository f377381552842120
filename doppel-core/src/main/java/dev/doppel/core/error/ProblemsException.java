package dev.doppel.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** Several problems found together, reported as one error. */
public class ProblemsException extends DoppelException {
    private final List<Problem> problems;

    public ProblemsException(ExitCode code, String headline, List<Problem> problems) {
        super(code, headline + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
