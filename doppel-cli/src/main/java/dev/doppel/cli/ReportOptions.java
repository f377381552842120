package dev.doppel.cli;

import dev.doppel.core.audit.AuditTrail;
import dev.doppel.core.audit.AuditWriter;
import dev.doppel.core.config.DoppelConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --report-dir}: where the audit report of a run or verification goes. */
final class ReportOptions {
    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where to write the audit report (JSON and Markdown). Default: doppel-reports/ next to the config file.")
    Path directory;

    AuditTrail start(String kind, DoppelConfig config) {
        return new AuditTrail(kind, config, VersionProvider.version());
    }

    /** Writes the report and prints where; a report that cannot be written is a warning, not a new failure. */
    void write(AuditTrail trail, int exitCode, PrintWriter out, PrintWriter err) {
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
