package dev.doppel.core.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem first, so that the user sees them all at once, then fails once. */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    public void add(Location location, String message) {
        problems.add(new Problem(location, message));
    }

    public void addAll(Problems other) {
        problems.addAll(other.problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ProblemsException} with the given code and headline if anything was added. */
    public void throwIfAny(ExitCode code, String headline) {
        if (!problems.isEmpty()) {
            throw new ProblemsException(code, headline, list());
        }
    }
}
