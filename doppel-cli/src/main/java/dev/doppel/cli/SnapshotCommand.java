package dev.doppel.cli;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.RunChecks;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.snapshot.Manifest;
import dev.doppel.snapshot.SnapshotSettings;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.SnapshotWriter;
import dev.doppel.snapshot.Stores;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code doppel snapshot}: the masked copy, into a snapshot store instead of a database. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {
            "Write the masked data as a snapshot: zstd-compressed data files with their SHA-256, and a manifest"
                    + " (schema, row counts, masking fingerprint) written last.",
            "The privacy gate, pre-flight checks and leak verification work as for 'run': the data files are read back"
                    + " and checked against the source before the manifest makes the snapshot visible.",
            "The snapshot goes to URI/NAME/ (NAME: the UTC time, or --name). Encryption and signing come from the"
                    + " config's snapshot: section. An audit report is written as for 'run'."
        })
final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ReportOptions report;

    @Option(names = "--to", paramLabel = "URI", description = "The store: file:///path or s3://bucket/prefix"
            + " (default: snapshot.to in the config).")
    String to;

    @Option(names = "--name", paramLabel = "NAME", description = "The snapshot's name in the store (default: the UTC"
            + " time, yyyyMMddTHHmmssZ).")
    String name;

    @Option(names = "--record-source", description = "Write the source's URL (without credentials) into the manifest."
            + " By default no host is recorded.")
    boolean recordSource;

    @Option(names = "--jobs", paramLabel = "N", description = "Chunks read and written in parallel (default: ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--chunk-size", paramLabel = "MB", description = "Tables are split into data files of about this"
            + " much source data (default: ${DEFAULT-VALUE}).")
    int chunkMegabytes = (int) (CopyOptions.DEFAULT_CHUNK_BYTES >> 20);

    @Option(names = "--attempts", paramLabel = "N", description = "Tries per chunk on a transient error (default: ${DEFAULT-VALUE}).")
    int attempts = CopyOptions.DEFAULT_ATTEMPTS;

    @Option(names = "--progress", paramLabel = "MODE", description = "auto, bars, lines or none (default: ${DEFAULT-VALUE}).")
    ProgressMode progress = ProgressMode.AUTO;

    @Option(names = "--no-verify", description = "Skip leak verification of the written data files against the source."
            + " By default a snapshot with a leak is deleted and never becomes visible (exit 4).")
    boolean noVerify;

    @Mixin
    SampleRowsOption sampleRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (jobs < 1 || chunkMegabytes < 1 || attempts < 1) {
            throw new ParameterException(spec.commandLine(), "--jobs, --chunk-size and --attempts must be at least 1");
        }
        RunChecks checks = new RunChecks(!noVerify, true, sampleRows.rows());
        TransformerRegistry registry = TransformerRegistry.load();
        var loaded = config.load(registry);
        SnapshotSettings settings = SnapshotSettings.load(config.file, System::getenv);
        String uri = to != null ? to : settings.to();
        if (uri == null) {
            throw new ParameterException(spec.commandLine(), "Name the store with --to URI or snapshot.to in the config");
        }
        CopyOptions copy = new CopyOptions(jobs, false, false, (long) chunkMegabytes << 20, attempts);
        SnapshotWriter.Options options = new SnapshotWriter.Options(name, settings.key(), settings.signer(), recordSource,
                Versions.tool(), copy, checks, settings.compressionLevel());
        return report.audited("snapshot", loaded, spec.commandLine().getOut(), spec.commandLine().getErr(), trail -> {
            SnapshotWriter.Written written;
            try (SnapshotStore store = Stores.open(uri, settings.s3());
                 ProgressDisplay display = ProgressDisplay.create(progress, spec.commandLine().getErr())) {
                written = new SnapshotWriter(registry, Engines.load(), Clock.systemUTC()).write(loaded, store, options,
                        display, trail);
            }
            print(written, settings);
            if (trail.verification() != null) {
                spec.commandLine().getOut().println(trail.verification().describe());
            }
        });
    }

    private void print(SnapshotWriter.Written written, SnapshotSettings settings) {
        Manifest manifest = written.manifest();
        spec.commandLine().getOut().println("Snapshot " + written.uri() + " done in "
                + Formats.seconds(written.summary().seconds()) + ": " + manifest.totals().tables() + " tables, "
                + Formats.count(manifest.totals().rows()) + " rows, " + Formats.bytes(manifest.totals().bytes()) + " stored as "
                + Formats.bytes(manifest.totals().storedBytes()) + " (zstd" + (settings.key() == null ? "" : ", AES-256-GCM")
                + (settings.signer() == null ? ", unsigned" : ", signed " + settings.signer().algorithm()) + "), "
                + manifest.policy().maskedColumns() + " masked columns.");
    }
}
