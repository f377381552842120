package dev.doppel.cli;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunChecks;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doppel run}: the masked copy, source to target, then leak verification and the audit report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Copy the source to the target with personal data masked, in one pass.",
            "The source is read in one consistent, read-only snapshot; the privacy gate and pre-flight checks run before"
                    + " the target is touched; the target gets tables, data, then indexes, constraints and triggers; then"
                    + " the target is verified against the source and an audit report is written."
        })
final class RunCommand implements Callable<Integer> {
    /** What to do with the target when verification finds a leak. */
    enum OnLeak { DROP, KEEP }

    @Mixin
    ConfigOptions config;

    @Mixin
    ReportOptions report;

    @Option(names = "--jobs", paramLabel = "N", description = "Chunks copied in parallel, and index builds after the load (default: number of cores, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--replace", description = "Drop what the target holds first. Without it, a non-empty target is refused.")
    boolean replace;

    @Option(names = "--resume", description = "Continue the interrupted run recorded in the target: finished chunks are kept,"
            + " the rest is copied. The config, key and source schema must be unchanged.")
    boolean resume;

    @Option(names = "--chunk-size", paramLabel = "MB", description = "Tables larger than twice this are split into chunks"
            + " of about this size that copy in parallel and resume one by one (default: ${DEFAULT-VALUE}).")
    int chunkMegabytes = (int) (CopyOptions.DEFAULT_CHUNK_BYTES >> 20);

    @Option(names = "--attempts", paramLabel = "N", description = "Tries per chunk when it fails with a transient error"
            + " (connection reset, failover, deadlock, too many connections), with a growing pause (default: ${DEFAULT-VALUE}).")
    int attempts = CopyOptions.DEFAULT_ATTEMPTS;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "auto (bars on a terminal, lines otherwise), bars, lines or none. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress = ProgressMode.AUTO;

    @Option(names = "--no-verify", description = "Skip leak verification after the copy. The audit report says it was skipped.")
    boolean noVerify;

    @Option(names = "--on-leak", paramLabel = "ACTION",
            description = "When verification finds a leak: drop (empty the target, the default) or keep (leave it to investigate).")
    OnLeak onLeak = OnLeak.DROP;

    @Mixin
    SampleRowsOption sampleRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (jobs < 1 || chunkMegabytes < 1 || attempts < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--jobs, --chunk-size and --attempts must be at least 1");
        }
        if (replace && resume) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--replace and --resume exclude each other");
        }
        CopyOptions options = new CopyOptions(jobs, replace, resume, (long) chunkMegabytes << 20, attempts);
        RunChecks checks = new RunChecks(!noVerify, onLeak == OnLeak.DROP, sampleRows.rows());
        TransformerRegistry registry = TransformerRegistry.load();
        var loaded = config.load(registry);
        return report.audited("run", loaded, out, err, trail -> {
            RunSummary summary;
            try (ProgressDisplay display = ProgressDisplay.create(progress, err)) {
                summary = new MaskedCopy(registry, Engines.load()).run(loaded, options, checks, display, trail);
            }
            out.println(Summaries.line(summary));
            if (trail.verification() != null) {
                out.println(trail.verification().describe());
            }
        });
    }
}
