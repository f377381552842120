package dev.doppel.snapshot;

import dev.doppel.core.audit.AuditTrail;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunChecks;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.PlanFingerprint;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * {@code doppel snapshot}: the masked copy, written to a store instead of a database. The source
 * is read, gated and masked exactly as by {@code run}; the rows go to data files, which are read
 * back and verified against the source for leaks like {@code run}'s target; then the signature,
 * then the manifest, last, which makes the snapshot visible.
 */
public final class SnapshotWriter {
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern GENERATED_ID = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final TransformerRegistry registry;
    private final Engines engines;
    private final Clock clock;

    public SnapshotWriter(TransformerRegistry registry, Engines engines, Clock clock) {
        this.registry = registry;
        this.engines = engines;
        this.clock = clock;
    }

    /**
     * @param id the snapshot's folder name; null for the time it starts, {@code yyyyMMddTHHmmssZ}
     * @param key encrypts the data files; null to leave them unencrypted
     * @param signer signs the manifest; null to leave it unsigned
     * @param recordSource write the source's redacted URL into the manifest
     * @param checks leak verification reads the written snapshot back before its manifest is
     *     written; on a leak the snapshot's files are deleted and it never becomes visible
     */
    /** @param compressionLevel the zstd level of the data files ({@link SnapshotSettings#compressionLevel}) */
    public record Options(String id, EncryptionKey key, ManifestSignature.Signer signer, boolean recordSource,
                          String toolVersion, CopyOptions copy, RunChecks checks, int compressionLevel) {}

    /** A finished snapshot. */
    public record Written(String uri, Manifest manifest, RunSummary summary) {}

    static boolean isGeneratedId(String id) {
        return GENERATED_ID.matcher(id).matches();
    }

    public Written write(DoppelConfig config, SnapshotStore store, Options options, CopyListener listener) {
        return write(config, store, options, listener, null);
    }

    /** @param trail records the snapshot for the audit report, as for {@code run}; may be null */
    public Written write(DoppelConfig config, SnapshotStore store, Options options, CopyListener listener, AuditTrail trail) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = options.id() == null ? ID.format(started) : options.id();
        if (!VALID_ID.matcher(id).matches()) {
            throw new DoppelException(ExitCode.BAD_INPUT, "A snapshot name has letters, digits, '.', '_' and '-' only"
                    + " (at most 100), not '" + id + "'");
        }
        String prefix = id + "/";
        List<SnapshotStore.Entry> existing = store.list(prefix);
        if (existing.stream().anyMatch(e -> e.path().equals(prefix + Manifest.FILE))) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The store already holds a snapshot " + store.uri() + prefix
                    + "; choose another --name, or remove it with 'doppel snapshots prune'");
        }
        if (!existing.isEmpty()) {
            listener.phase("removing the files of an interrupted snapshot at " + store.uri() + prefix);
            store.delete(existing.stream().map(SnapshotStore.Entry::path).toList());
        }
        SnapshotTarget target = new SnapshotTarget(store, prefix, options.key(), options.compressionLevel());
        if (trail != null) {
            trail.destination(store.uri() + prefix);
        }
        AtomicReference<MaskedCopy.Planned> planned = new AtomicReference<>();
        RunSummary summary = new MaskedCopy(registry, engines).run(config, new MaskedCopy.Destination() {
            @Override
            public TargetDatabase open(MaskedCopy.Planned plan) {
                planned.set(plan);
                return target;
            }

            @Override
            public SourceDatabase readBack() {
                listener.phase("verifying the snapshot against the source");
                Manifest pending = manifest(id, started, config, planned.get(), target, options);
                return new SnapshotSource(OpenedSnapshot.written(store, prefix, pending, options.key()));
            }
        }, options.copy(), options.checks(), listener, trail);

        Manifest manifest = manifest(id, started, config, planned.get(), target, options);
        byte[] bytes = ManifestCodec.write(manifest);
        if (options.signer() != null) {
            SignatureFile signature = new SignatureFile(options.signer().algorithm(),
                    Base64.getEncoder().encodeToString(options.signer().sign(bytes)));
            put(store, prefix + Manifest.SIGNATURE_FILE, ManifestCodec.write(signature));
        }
        listener.phase("writing the manifest");
        put(store, prefix + Manifest.FILE, bytes);
        return new Written(store.uri() + prefix, manifest, summary);
    }

    private static void put(SnapshotStore store, String path, byte[] bytes) {
        SnapshotStore.Upload upload = store.upload(path);
        try {
            upload.stream().write(bytes);
        } catch (IOException e) {
            upload.abort();
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot write " + store.uri() + path + ": " + e.getMessage(), e);
        }
        upload.commit();
    }

    private static Manifest manifest(String id, Instant started, DoppelConfig config, MaskedCopy.Planned planned,
                                     SnapshotTarget target, Options options) {
        Plan plan = planned.plan();
        MaskingKey key = new MaskingKey(config.masking().key().value());
        List<Manifest.PolicyTable> policyTables = new ArrayList<>();
        List<Manifest.TableDef> tables = new ArrayList<>();
        List<Manifest.TableData> data = new ArrayList<>();
        Map<TableName, List<Manifest.DataFile>> files = target.files();
        for (TablePlan table : plan.tables()) {
            Map<String, String> masked = new LinkedHashMap<>();
            table.columns().stream().filter(ColumnPlan::masked).forEach(c -> masked.put(c.column().name(), c.transformer()));
            policyTables.add(new Manifest.PolicyTable(table.table().name().toString(), table.mode().configName(),
                    table.where() != null, masked));
            if (table.mode() == TableMode.COPY) {
                tables.add(Manifest.TableDef.of(table.table()));
                List<Manifest.DataFile> tableFiles = files.getOrDefault(table.table().name(), List.of());
                List<String> columns = table.copiedColumns().stream().map(c -> c.column().name()).toList();
                data.add(new Manifest.TableData(table.table().name().toString(), columns,
                        tableFiles.stream().mapToLong(Manifest.DataFile::rows).sum(), tableFiles,
                        target.unchanged(table.table().name(), columns)));
            }
        }
        long rows = data.stream().mapToLong(Manifest.TableData::rows).sum();
        long bytes = data.stream().flatMap(t -> t.files().stream()).mapToLong(Manifest.DataFile::bytes).sum();
        long stored = data.stream().flatMap(t -> t.files().stream()).mapToLong(Manifest.DataFile::storedBytes).sum();
        Manifest.Encryption encryption = options.key() == null ? null
                : new Manifest.Encryption("AES-256-GCM", options.key().id(), SegmentCipher.SEGMENT);
        return new Manifest(Manifest.FORMAT, Manifest.VERSION, id, started.toString(),
                new Manifest.Tool("doppel", options.toolVersion()),
                new Manifest.Origin(planned.schema().engine(), planned.schema().serverVersion(),
                        options.recordSource() ? config.source().redactedUrl() : null),
                new Manifest.Policy(PlanFingerprint.of(plan, key), key.fingerprint(), plan.maskedColumns(), policyTables),
                new Manifest.Storage("zstd", encryption),
                new Manifest.Schema(tables, plan.ddl().stream().map(Manifest.Ddl::of).toList()),
                data, new Manifest.Totals(data.size(), rows, bytes, stored));
    }
}
