package dev.doppel.core.error;

/**
 * The root of every error doppel reports to a user. The message says what went wrong and what to
 * do; it never carries a row value or a credential.
 */
public class DoppelException extends RuntimeException {
    private final ExitCode exitCode;
    private final boolean transientFailure;

    public DoppelException(ExitCode exitCode, String message) {
        this(exitCode, message, null, false);
    }

    public DoppelException(ExitCode exitCode, String message, Throwable cause) {
        this(exitCode, message, cause, false);
    }

    /**
     * @param transientFailure true when the same work may succeed if tried again: a connection
     *     reset, a serialization failure, a deadlock, too many connections, a failover
     */
    public DoppelException(ExitCode exitCode, String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.exitCode = exitCode;
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
