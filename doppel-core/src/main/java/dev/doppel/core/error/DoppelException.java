package dev.doppel.core.error;

/**
 * The root of every error doppel reports to a user. The message says what went wrong and what to
 * do; it never carries a row value or a credential.
 */
public class DoppelException extends RuntimeException {
    private final ExitCode exitCode;

    public DoppelException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DoppelException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
