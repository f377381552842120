package dev.doppel.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The snapshots in a store: one folder each; complete when its manifest is there. */
public final class SnapshotCatalog {
    private SnapshotCatalog() {}

    /**
     * A snapshot in a store.
     *
     * @param createdAt from the manifest; for an incomplete snapshot, empty
     * @param storedBytes the size of all its objects
     */
    public record Listed(String id, boolean complete, String createdAt, long rows, long storedBytes, boolean encrypted,
                         boolean signed, List<String> paths) {}

    /** The snapshots in the store, oldest first; when the URI names one snapshot, that one (with the id "."). */
    public static List<Listed> list(SnapshotStore store) {
        List<SnapshotStore.Entry> entries = store.list("");
        if (isSnapshot(entries)) {
            return list(store, entries.stream().map(e -> new SnapshotStore.Entry("./" + e.path(), e.size())).toList());
        }
        return list(store, entries);
    }

    private static boolean isSnapshot(List<SnapshotStore.Entry> entries) {
        return entries.stream().anyMatch(e -> e.path().equals(Manifest.FILE));
    }

    /** Oldest first. */
    static List<Listed> list(SnapshotStore store, List<SnapshotStore.Entry> entries) {
        Map<String, List<SnapshotStore.Entry>> folders = new LinkedHashMap<>();
        for (SnapshotStore.Entry entry : entries) {
            int slash = entry.path().indexOf('/');
            if (slash > 0) {
                folders.computeIfAbsent(entry.path().substring(0, slash), k -> new ArrayList<>()).add(entry);
            }
        }
        List<Listed> listed = new ArrayList<>();
        folders.forEach((id, files) -> {
            List<String> paths = files.stream().map(SnapshotStore.Entry::path).toList();
            long stored = files.stream().mapToLong(SnapshotStore.Entry::size).sum();
            boolean complete = paths.contains(id + "/" + Manifest.FILE);
            boolean signed = paths.contains(id + "/" + Manifest.SIGNATURE_FILE);
            if (!complete) {
                listed.add(new Listed(id, false, "", 0, stored, false, signed, paths));
                return;
            }
            try {
                String base = id.equals(".") ? "" : id + "/";
                byte[] bytes = OpenedSnapshot.read(store, base + Manifest.FILE).orElseThrow();
                Manifest manifest = ManifestCodec.read(bytes, store.uri() + base + Manifest.FILE);
                boolean encrypted = manifest.storage() != null && manifest.storage().encryption() != null;
                long rows = manifest.totals() == null ? 0 : manifest.totals().rows();
                listed.add(new Listed(id, true, manifest.createdAt(), rows, stored, encrypted, signed, paths));
            } catch (SnapshotRefused e) {
                listed.add(new Listed(id, false, "", 0, stored, false, signed, paths));
            }
        });
        listed.sort(Comparator.comparing(SnapshotCatalog::order).thenComparing(Listed::id));
        return listed;
    }

    /**
     * When a snapshot was made, as {@code yyyyMMddTHHmmssZ}: from the manifest, or for an
     * incomplete snapshot from its id when doppel chose it; "" when unknown.
     */
    static String order(Listed listed) {
        if (listed.complete()) {
            return listed.createdAt().replaceAll("[-:]", "").replaceAll("\\.\\d+", "");
        }
        return SnapshotWriter.isGeneratedId(listed.id()) ? listed.id() : "";
    }

    /** What {@link #prune} removed. */
    public record Pruned(List<Listed> removed, List<Listed> kept) {}

    /**
     * Keeps the newest {@code keep} complete snapshots; removes older complete ones, and
     * incomplete ones (with an id doppel chose) older than the newest complete snapshot: an
     * interrupted write that a later snapshot superseded. An incomplete snapshot newer than every
     * complete one may still be being written and is left alone, as is an incomplete one with a
     * name given by --name, whose age is unknown.
     */
    public static Pruned prune(SnapshotStore store, int keep) {
        if (isSnapshot(store.list(""))) {
            throw new dev.doppel.core.error.DoppelException(dev.doppel.core.error.ExitCode.BAD_INPUT, store.uri()
                    + " is a snapshot, not a store of snapshots; prune the folder or prefix that holds it");
        }
        List<Listed> all = list(store);
        List<Listed> complete = all.stream().filter(Listed::complete).toList();
        List<Listed> keepList = complete.subList(Math.max(0, complete.size() - keep), complete.size());
        String newest = complete.isEmpty() ? "" : order(complete.get(complete.size() - 1));
        List<Listed> removed = new ArrayList<>();
        for (Listed listed : all) {
            boolean remove = listed.complete() ? !keepList.contains(listed)
                    : !order(listed).isEmpty() && order(listed).compareTo(newest) < 0;
            if (remove) {
                removed.add(listed);
            }
        }
        for (Listed listed : removed) {
            // the manifest goes first, so that a snapshot is never complete with files missing
            List<String> paths = new ArrayList<>(listed.paths());
            String manifest = listed.id() + "/" + Manifest.FILE;
            if (paths.remove(manifest)) {
                store.delete(List.of(manifest));
            }
            store.delete(paths);
        }
        List<Listed> kept = all.stream().filter(l -> !removed.contains(l)).toList();
        return new Pruned(removed, kept);
    }
}
