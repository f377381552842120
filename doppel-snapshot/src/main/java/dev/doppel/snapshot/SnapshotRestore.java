package dev.doppel.snapshot;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.CopyPipeline;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.swap.LiveSwap;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code doppel restore}: a snapshot into a database, with the production side nowhere in sight.
 *
 * <p>By default the snapshot is loaded into a fresh database beside the live one, verified
 * (every file's digest before its rows are read, every chunk's row count, and the row counts the
 * server reports per table), and only then swapped in, in one step; anything failing before the
 * swap leaves the live one as it was. A refused snapshot's partial load is dropped; after any
 * other failure the fresh database is kept, so that {@code --resume} can continue it.
 * {@code inPlace} loads straight into the named database instead, like {@code run}.
 */
public final class SnapshotRestore {
    /** Masks nothing: restored data was masked when the snapshot was made. */
    private static final MaskingKey NO_KEY = new MaskingKey("restore masks nothing; this key is never used");

    private final Engines engines;

    public SnapshotRestore(Engines engines) {
        this.engines = engines;
    }

    /**
     * @param keep earlier generations kept beside the live database after the swap
     * @param terminate end sessions on the live database at the swap instead of failing on them
     * @param copy with {@code resume}, continues the load an interrupted restore of the same
     *     snapshot left in the replacement (or, in place, in the target), keeping its finished files
     */
    public record Options(boolean inPlace, int keep, boolean terminate, CopyOptions copy) {}

    /** @param swapped what the swap did; empty for an in-place restore */
    public record Restored(RunSummary summary, Optional<LiveSwap.Swapped> swapped) {}

    public Restored restore(OpenedSnapshot snapshot, ConnectionConfig target, Options options, CopyListener listener) {
        RelationalEngine engine = engines.relational(target.url());
        String made = snapshot.manifest().origin().engine();
        if (!engine.name().equals(made)) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The snapshot was made from " + made + " and the target is "
                    + engine.name() + "; restore it into a " + made + " database");
        }
        SnapshotSource source = new SnapshotSource(snapshot);
        SourceSchema schema = source.readSchema();
        Plan plan = IdentityPlan.of(schema, snapshot.manifest());
        if (options.inPlace()) {
            try (TargetDatabase database = engine.openTarget(target)) {
                return new Restored(load(snapshot, source, plan, database, options.copy(), listener), Optional.empty());
            }
        }
        DatabaseSwap swap = engine.swap(target).orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT, "The "
                + engine.name() + " engine cannot swap a database in; restore with --in-place into an empty database"));
        try (swap) {
            LiveSwap live = new LiveSwap(swap);
            ConnectionConfig staging;
            if (options.copy().resume()) {
                staging = live.leftover().orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT, "There is no"
                        + " interrupted restore of " + live.live() + " to resume (no " + live.staging() + "); restore"
                        + " without --resume"));
                listener.phase("resuming the restore into " + live.staging());
            } else {
                listener.phase("creating " + live.staging() + " beside " + live.live());
                staging = live.prepare(() -> listener.phase("dropping " + live.staging()
                        + ", left by an interrupted restore"));
            }
            RunSummary summary;
            try (TargetDatabase database = engine.openTarget(staging)) {
                if (options.copy().resume()) {
                    checkResumable(database, fingerprint(snapshot), live.staging());
                }
                summary = load(snapshot, source, plan, database, options.copy(), listener);
            } catch (RuntimeException e) {
                if (e instanceof DoppelException refused && refused.exitCode() == ExitCode.PRIVACY_GATE) {
                    listener.phase("the restore failed before the swap: dropping " + live.staging() + "; " + live.live()
                            + " was not touched");
                    dropQuietly(live, e);
                } else {
                    listener.phase("the restore failed before the swap; " + live.live() + " was not touched. "
                            + live.staging() + " is kept: continue with --resume, or restore again to start over");
                }
                throw e;
            }
            listener.phase("swapping " + live.staging() + " in as " + live.live());
            LiveSwap.Swapped swapped;
            try {
                swapped = live.commit(options.keep(), options.terminate());
            } catch (RuntimeException e) {
                dropQuietly(live, e);
                throw e;
            }
            return new Restored(summary, Optional.of(swapped));
        }
    }

    private static void dropQuietly(LiveSwap live, RuntimeException failure) {
        try {
            live.abandon();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** Names this snapshot's content: its id, masking fingerprint and the digest of every data file. */
    private static String fingerprint(OpenedSnapshot snapshot) {
        java.security.MessageDigest digest = DataFiles.sha256();
        snapshot.manifest().data().forEach(t -> t.files().forEach(f -> digest.update(
                (t.table() + " " + f.path() + " " + f.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return "snapshot " + snapshot.manifest().id() + " " + snapshot.manifest().policy().fingerprint() + " "
                + java.util.HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** Only a load of this very snapshot is continued. */
    private static void checkResumable(TargetDatabase database, String fingerprint, String name) {
        String unfinished = database.ledger().flatMap(dev.doppel.core.engine.RunLedger::unfinishedRun).orElseThrow(() ->
                new DoppelException(ExitCode.BAD_INPUT, name + " holds no unfinished load to resume (it was interrupted"
                        + " before loading began); restore without --resume"));
        if (!unfinished.equals(fingerprint)) {
            throw new DoppelException(ExitCode.BAD_INPUT, name + " was loading another snapshot; restore without --resume"
                    + " to start over");
        }
    }

    private static RunSummary load(OpenedSnapshot snapshot, SnapshotSource source, Plan plan, TargetDatabase database,
                                   CopyOptions copy, CopyListener listener) {
        CountingTarget counting = new CountingTarget(database);
        RuleBinder binder = new RuleBinder(TransformerRegistry.builtin(), NO_KEY, "en");
        RunSummary summary = new CopyPipeline(binder, listener).run(plan, source, counting, copy, fingerprint(snapshot));
        verifyCounts(snapshot.manifest(), counting.rows(), copy.resume());
        return summary;
    }

    /** The rows the server took per table must be the snapshot's; a resumed load counts only what it loaded. */
    private static void verifyCounts(Manifest manifest, Map<String, Long> loaded, boolean resumed) {
        List<String> problems = new ArrayList<>();
        for (Manifest.TableData table : manifest.data()) {
            long got = loaded.getOrDefault(table.table(), 0L);
            if (resumed ? got > table.rows() : got != table.rows()) {
                problems.add(table.table() + ": " + got + " rows loaded, the snapshot has " + table.rows());
            }
        }
        if (!problems.isEmpty()) {
            throw new DoppelException(ExitCode.RUN_FAILED, "The target's row counts differ from the snapshot's: "
                    + String.join("; ", problems));
        }
    }
}
