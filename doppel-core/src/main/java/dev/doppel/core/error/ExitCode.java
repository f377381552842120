package dev.doppel.core.error;

/** The process exit codes of every doppel command, in one place. */
public enum ExitCode {
    OK(0),
    /** The run started and failed: a table could not be copied, DDL failed on the target. */
    RUN_FAILED(1),
    /** Bad arguments, config or policy. Nothing was written. */
    BAD_INPUT(2),
    /** A database could not be reached or refused the credentials. */
    CANNOT_CONNECT(3),
    /** The privacy gate stopped the run: an unclassified column, a leak found. */
    PRIVACY_GATE(4),
    /** A bug in doppel. */
    INTERNAL(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
