package dev.doppel.cli;

import dev.doppel.snapshot.SnapshotCatalog;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.Stores;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code doppel snapshots list|prune}: the snapshots in a store. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "List or prune the snapshots in a store.",
        subcommands = {SnapshotsCommand.ListCommand.class, SnapshotsCommand.PruneCommand.class})
final class SnapshotsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a subcommand: list or prune");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The snapshots in a store, oldest first.")
    static final class ListCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URI", description = "The store: file:///path or s3://bucket/prefix.")
        String uri;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (SnapshotStore snapshots = Stores.open(uri, store.settings().s3())) {
                List<SnapshotCatalog.Listed> listed = SnapshotCatalog.list(snapshots);
                if (listed.isEmpty()) {
                    out.println("No snapshots in " + snapshots.uri() + ".");
                    return 0;
                }
                out.printf(Locale.ROOT, "%-24s %-20s %14s %10s  %s%n", "NAME", "CREATED", "ROWS", "STORED", "");
                for (SnapshotCatalog.Listed l : listed) {
                    out.printf(Locale.ROOT, "%-24s %-20s %14s %10s  %s%n", l.id(), l.complete() ? l.createdAt() : "-",
                            l.complete() ? Formats.count(l.rows()) : "-", Formats.bytes(l.storedBytes()),
                            !l.complete() ? "INCOMPLETE (no manifest: interrupted or being written)"
                                    : (l.encrypted() ? "encrypted" : "") + (l.encrypted() && l.signed() ? ", " : "")
                                    + (l.signed() ? "signed" : ""));
                }
            }
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove all but the newest N complete snapshots, and incomplete ones older than the newest"
                    + " complete one.")
    static final class PruneCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URI", description = "The store: file:///path or s3://bucket/prefix.")
        String uri;

        @Option(names = "--keep", required = true, paramLabel = "N", description = "Complete snapshots to keep.")
        int keep;

        @Mixin
        StoreOptions store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (keep < 0) {
                throw new ParameterException(spec.commandLine(), "--keep must be 0 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (SnapshotStore snapshots = Stores.open(uri, store.settings().s3())) {
                SnapshotCatalog.Pruned pruned = SnapshotCatalog.prune(snapshots, keep);
                pruned.removed().forEach(l -> out.println("removed " + l.id() + (l.complete() ? "" : " (incomplete)")));
                out.println("Kept " + pruned.kept().size() + ", removed " + pruned.removed().size() + " in " + snapshots.uri()
                        + ".");
            }
            return 0;
        }
    }
}
