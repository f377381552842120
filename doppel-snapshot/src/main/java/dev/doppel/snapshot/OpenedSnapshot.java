package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A snapshot found in a store whose manifest has been checked: its signature when a verify key
 * is configured, its format, its encryption key, and that every data file is there with the size
 * the manifest says. The data files' digests are checked as each is read.
 */
public final class OpenedSnapshot {
    private final SnapshotStore store;
    private final String prefix;
    private final Manifest manifest;
    private final EncryptionKey key;

    private OpenedSnapshot(SnapshotStore store, String prefix, Manifest manifest, EncryptionKey key) {
        this.store = store;
        this.prefix = prefix;
        this.manifest = manifest;
        this.key = key;
    }

    public SnapshotStore store() {
        return store;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Where the snapshot is: its store's URI followed by its folder. */
    public String uri() {
        return store.uri() + prefix;
    }

    String prefix() {
        return prefix;
    }

    EncryptionKey key() {
        return key;
    }

    /** A snapshot just written whose manifest is not yet stored, to read it back for verification. */
    static OpenedSnapshot written(SnapshotStore store, String prefix, Manifest manifest, EncryptionKey key) {
        return new OpenedSnapshot(store, prefix, manifest, key);
    }

    /**
     * Opens the snapshot the store's URI names, or the newest complete one in it.
     *
     * @param verifier checks the manifest's signature; null to accept unsigned snapshots
     * @param key decrypts the data files; null when they are not encrypted
     * @throws SnapshotRefused when the snapshot is incomplete, tampered, truncated or foreign
     */
    public static OpenedSnapshot open(SnapshotStore store, ManifestSignature.Verifier verifier, EncryptionKey key,
                                      Consumer<String> warnings) {
        String prefix = locate(store);
        String where = store.uri() + prefix + Manifest.FILE;
        byte[] bytes = read(store, prefix + Manifest.FILE).orElseThrow();
        checkSignature(store, prefix, bytes, verifier, warnings);
        Manifest manifest = ManifestCodec.read(bytes, where);
        checkKey(manifest, key, store.uri() + prefix);
        OpenedSnapshot opened = new OpenedSnapshot(store, prefix, manifest, manifest.storage() != null
                && manifest.storage().encryption() != null ? key : null);
        opened.checkFiles();
        return opened;
    }

    /** The prefix of the snapshot: "" when the URI names one, else the folder of the newest complete one. */
    private static String locate(SnapshotStore store) {
        List<SnapshotStore.Entry> entries = store.list("");
        if (entries.stream().anyMatch(e -> e.path().equals(Manifest.FILE))) {
            return "";
        }
        List<SnapshotCatalog.Listed> listed = SnapshotCatalog.list(store, entries);
        Optional<SnapshotCatalog.Listed> newest = listed.stream().filter(SnapshotCatalog.Listed::complete)
                .max(Comparator.comparing(SnapshotCatalog.Listed::createdAt).thenComparing(SnapshotCatalog.Listed::id));
        if (newest.isPresent()) {
            return newest.get().id() + "/";
        }
        if (!entries.isEmpty()) {
            throw new SnapshotRefused(store.uri() + " holds no complete snapshot: " + Manifest.FILE + " is missing, so the"
                    + " snapshot there was interrupted while it was written");
        }
        throw new DoppelException(ExitCode.BAD_INPUT, "There is no snapshot at " + store.uri() + "; check the URI");
    }

    static Optional<byte[]> read(SnapshotStore store, String path) {
        Optional<InputStream> in = store.open(path);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot read " + store.uri() + path + ": " + e.getMessage(), e, true);
        }
    }

    private static void checkSignature(SnapshotStore store, String prefix, byte[] manifest,
                                       ManifestSignature.Verifier verifier, Consumer<String> warnings) {
        String where = store.uri() + prefix + Manifest.SIGNATURE_FILE;
        Optional<byte[]> signature = read(store, prefix + Manifest.SIGNATURE_FILE);
        if (verifier == null) {
            signature.ifPresent(s -> warnings.accept("the snapshot is signed, but no snapshot.verify key is configured:"
                    + " its origin was not checked"));
            return;
        }
        if (signature.isEmpty()) {
            throw new SnapshotRefused(store.uri() + prefix + Manifest.FILE + " is not signed, and snapshot.verify requires a "
                    + verifier.algorithm() + " signature");
        }
        SignatureFile file = ManifestCodec.read(signature.get(), SignatureFile.class, where);
        byte[] value;
        try {
            value = Base64.getDecoder().decode(file.signature() == null ? "" : file.signature());
        } catch (IllegalArgumentException e) {
            throw new SnapshotRefused(where + " is damaged (bad base64)");
        }
        if (!verifier.algorithm().equals(file.algorithm())) {
            throw new SnapshotRefused(where + " is a " + file.algorithm() + " signature; snapshot.verify expects "
                    + verifier.algorithm());
        }
        if (!verifier.verify(manifest, value)) {
            throw new SnapshotRefused(store.uri() + prefix + Manifest.FILE + " does not match " + where
                    + ": it was changed after signing, or signed with another key (a foreign snapshot)");
        }
    }

    private static void checkKey(Manifest manifest, EncryptionKey key, String where) {
        Manifest.Encryption encryption = manifest.storage() == null ? null : manifest.storage().encryption();
        if (encryption == null) {
            return;
        }
        if (key == null) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The snapshot at " + where + " is encrypted (key id "
                    + encryption.keyId() + "); set snapshot.encryption.key in the config to its key");
        }
        if (!key.id().equals(encryption.keyId())) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The snapshot at " + where + " was encrypted with the key whose id is "
                    + encryption.keyId() + ", and the configured snapshot.encryption.key has id " + key.id()
                    + "; configure the key it was made with");
        }
    }

    /**
     * The manifest must agree with itself (table rows are the sum of their files', every table
     * with data is in the schema, columns recorded unchanged are in its data), and every data file must be there with its size: a missing or
     * shorter one means a truncated snapshot.
     */
    private void checkFiles() {
        String where = uri() + Manifest.FILE;
        java.util.Set<String> defined = manifest.schema().tables().stream().map(t -> t.tableName().toString())
                .collect(Collectors.toSet());
        long total = 0;
        for (Manifest.TableData table : manifest.data()) {
            long files = table.files().stream().mapToLong(Manifest.DataFile::rows).sum();
            boolean unchangedInData = table.unchangedColumns() == null || table.columns().containsAll(table.unchangedColumns());
            if (files != table.rows() || !defined.contains(table.table()) || !unchangedInData) {
                throw new SnapshotRefused(where + " contradicts itself about " + table.table() + ": it was changed or damaged");
            }
            total += table.rows();
        }
        if (manifest.totals() != null && manifest.totals().rows() != total) {
            throw new SnapshotRefused(where + " contradicts itself about the total row count: it was changed or damaged");
        }
        Map<String, Long> sizes = store.list(prefix + "data/").stream()
                .collect(Collectors.toMap(e -> e.path().substring(prefix.length()), SnapshotStore.Entry::size, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (Manifest.TableData table : manifest.data()) {
            for (Manifest.DataFile file : table.files()) {
                Long size = sizes.get(file.path());
                if (size == null) {
                    problems.add(uri() + file.path() + " is missing");
                } else if (size != file.storedBytes()) {
                    problems.add(uri() + file.path() + " has " + size + " bytes where the manifest says " + file.storedBytes());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SnapshotRefused(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                    + " more data files)" : "") + ": the snapshot is truncated or was changed");
        }
    }

    /** The data files of each table, by table. */
    Map<String, Manifest.TableData> tables() {
        Map<String, Manifest.TableData> tables = new LinkedHashMap<>();
        manifest.data().forEach(t -> tables.put(t.table(), t));
        return tables;
    }
}
