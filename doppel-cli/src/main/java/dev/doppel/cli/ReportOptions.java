package dev.doppel.cli;

import dev.doppel.core.audit.AuditTrail;
import dev.doppel.core.audit.AuditWriter;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.error.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --report-dir}: where the audit report of a run, verification or snapshot goes, and the writing of it. */
final class ReportOptions {
    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where to write the audit report (JSON and Markdown). Default: doppel-reports/ next to the config file.")
    Path directory;

    /**
     * Runs the work of an audited command ({@code kind}: run, verify, snapshot) and writes its report
     * whether the work succeeds or fails, with the exit code the command ends with; a failure is
     * recorded in the report and thrown on to {@link ErrorReporter}.
     *
     * @return the exit code of success
     */
    int audited(String kind, DoppelConfig config, PrintWriter out, PrintWriter err, Consumer<AuditTrail> work) {
        AuditTrail trail = new AuditTrail(kind, config, VersionProvider.version());
        int code = ExitCode.INTERNAL.code();
        try {
            work.accept(trail);
            code = ExitCode.OK.code();
            return code;
        } catch (RuntimeException e) {
            trail.failed(e);
            code = ErrorReporter.exitCode(e);
            throw e;
        } finally {
            write(trail, code, out, err);
        }
    }

    /** Writes the report and prints where; a report that cannot be written is a warning, not a new failure. */
    private void write(AuditTrail trail, int exitCode, PrintWriter out, PrintWriter err) {
        trail.finish(exitCode);
        try {
            List<Path> files = AuditWriter.write(trail, directory == null ? AuditWriter.defaultDirectory(trail.configFile()) : directory);
            out.println("Audit report: " + files.get(1) + " (and " + files.get(0).getFileName() + ")");
        } catch (RuntimeException e) {
            err.println("warning: the audit report was not written: " + e.getMessage());
        }
        out.flush();
    }
}
