package dev.doppel.core.pipeline;

/**
 * How a run copies.
 *
 * @param jobs chunks copied at the same time, each worker on its own pair of connections
 * @param replace drop what the target holds instead of refusing a non-empty target
 * @param resume continue the unfinished run recorded in the target
 * @param chunkBytes the size a table is split at, so that parts of it copy in parallel
 * @param attempts how often a chunk is tried when it fails with a transient error
 */
public record CopyOptions(int jobs, boolean replace, boolean resume, long chunkBytes, int attempts) {
    public static final long DEFAULT_CHUNK_BYTES = 64L << 20;
    public static final int DEFAULT_ATTEMPTS = 5;

    public CopyOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        if (replace && resume) {
            throw new IllegalArgumentException("--replace and --resume exclude each other");
        }
    }

    public CopyOptions(int jobs, boolean replace) {
        this(jobs, replace, false, DEFAULT_CHUNK_BYTES, DEFAULT_ATTEMPTS);
    }
}
