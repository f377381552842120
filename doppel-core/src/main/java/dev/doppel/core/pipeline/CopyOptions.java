package dev.doppel.core.pipeline;

/**
 * @param jobs tables copied at the same time, each on its own pair of connections
 * @param replace drop what the target holds instead of refusing a non-empty target
 */
public record CopyOptions(int jobs, boolean replace) {
    public CopyOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
    }
}
