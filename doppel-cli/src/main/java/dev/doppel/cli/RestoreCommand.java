package dev.doppel.cli;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.Redactor;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.snapshot.OpenedSnapshot;
import dev.doppel.snapshot.SnapshotRestore;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code doppel restore}: a snapshot into a database, swapped in safely. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {
            "Restore a snapshot (or the newest one in a store) into a database. Needs the store's and the target's"
                    + " credentials only.",
            "The snapshot is loaded into NAME_doppel_next beside the live database, verified, then swapped in by"
                    + " renaming (MySQL/MariaDB: one RENAME TABLE of every table, its views, triggers, routines and"
                    + " events created again); the old database is kept as a generation (see --keep, 'doppel rollback').",
            "A tampered, truncated or foreign snapshot is refused with exit 4 and the live database is not touched."
        })
final class RestoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI", description = "A snapshot, or a store whose newest complete snapshot is"
            + " restored: file:///path or s3://bucket/prefix.")
    String uri;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The target: a name under targets: in the"
            + " config, or a database URL.")
    String to;

    @Mixin
    StoreOptions store;

    @Option(names = "--keep", paramLabel = "N", description = "Earlier generations kept after the swap (default: ${DEFAULT-VALUE}).")
    int keep = 1;

    @Option(names = "--terminate", description = "End the sessions connected to the live database at the swap. Without"
            + " it, open sessions (MySQL/MariaDB: open transactions on its tables) make the swap fail after 5 s and"
            + " nothing changes.")
    boolean terminate;

    @Option(names = "--in-place", description = "Load straight into the named database instead of swapping: it must be"
            + " empty, or pass --replace. A failure leaves it partly loaded.")
    boolean inPlace;

    @Option(names = "--replace", description = "With --in-place: drop what the database holds first.")
    boolean replace;

    @Option(names = "--resume", description = "Continue an interrupted restore of the same snapshot: the data files it"
            + " had loaded are kept, the rest are loaded, then the swap.")
    boolean resume;

    @Option(names = "--jobs", paramLabel = "N", description = "Data files loaded in parallel (default: ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--progress", paramLabel = "MODE", description = "auto, bars, lines or none (default: ${DEFAULT-VALUE}).")
    ProgressMode progress = ProgressMode.AUTO;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (jobs < 1 || keep < 0) {
            throw new ParameterException(spec.commandLine(), "--jobs must be at least 1 and --keep at least 0");
        }
        if (replace && !inPlace) {
            throw new ParameterException(spec.commandLine(), "--replace goes with --in-place; a swap never drops the live"
                    + " database (it is kept as a generation)");
        }
        if (replace && resume) {
            throw new ParameterException(spec.commandLine(), "--replace and --resume exclude each other");
        }
        ConnectionConfig target = store.target(to);
        PrintWriter out = spec.commandLine().getOut();
        CopyOptions copy = new CopyOptions(jobs, replace, resume, CopyOptions.DEFAULT_CHUNK_BYTES, CopyOptions.DEFAULT_ATTEMPTS);
        SnapshotRestore.Restored restored;
        String from;
        try (SnapshotStore snapshots = Stores.open(uri, store.settings().s3());
             ProgressDisplay display = ProgressDisplay.create(progress, spec.commandLine().getErr())) {
            display.phase("checking the snapshot at " + snapshots.uri());
            OpenedSnapshot snapshot = OpenedSnapshot.open(snapshots, store.settings().verifier(), store.settings().key(),
                    display::warning);
            from = snapshot.uri();
            display.phase("restoring " + from + " (made " + snapshot.manifest().createdAt() + ", "
                    + Formats.count(snapshot.manifest().totals().rows()) + " rows) into " + target.redactedUrl());
            restored = new SnapshotRestore(Engines.load()).restore(snapshot,
                    target, new SnapshotRestore.Options(inPlace, keep, terminate, copy), display);
        }
        var summary = restored.summary();
        out.println("Restored " + from + " in " + Formats.seconds(summary.seconds()) + ": " + summary.tablesCopied()
                + " tables" + (summary.tablesSchemaOnly() > 0 ? " (+" + summary.tablesSchemaOnly() + " schema only)" : "")
                + ", " + Formats.count(summary.rows()) + " rows" + (summary.resumedChunks() > 0 ? " (+"
                + summary.resumedChunks() + " data files kept from the interrupted restore)" : "")
                + ", checksums and row counts verified.");
        restored.swapped().ifPresent(swapped -> {
            out.println("Swapped in as " + swapped.live() + swapped.retired().map(r -> "; the previous database is kept as "
                    + r + " ('doppel rollback " + Redactor.url(to) + "' swaps it back)").orElse("") + ".");
            if (!swapped.dropped().isEmpty()) {
                out.println("Dropped older generations (--keep " + keep + "): " + String.join(", ", swapped.dropped()) + ".");
            }
        });
        return 0;
    }
}
