package dev.doppel.cli;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Redactor;
import picocli.CommandLine;

/**
 * Maps every failure to an exit code and one clear message, in one place. A doppel error's
 * message is written for users; anything else is a bug, shown by type and place only, because
 * the message of an arbitrary exception may quote a row value.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    /** The exit code a failure ends the command with. */
    static int exitCode(Exception e) {
        return e instanceof DoppelException doppel ? doppel.exitCode().code() : ExitCode.INTERNAL.code();
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof DoppelException doppel) {
            err.println("doppel: " + Redactor.message(doppel.getMessage()));
            err.flush();
            return exitCode(e);
        }
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        err.println("doppel: internal error " + e.getClass().getName() + (at == null ? "" : " at " + at)
                + ". This is a bug; please report it with the command you ran (the message is withheld because it may"
                + " contain data).");
        err.flush();
        return exitCode(e);
    }
}
