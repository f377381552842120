package dev.doppel.cli;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.snapshot.OpenedSnapshot;
import dev.doppel.snapshot.SnapshotExport;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.Stores;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel export}: a snapshot as a plain SQL script. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write a snapshot as one plain SQL script its engine's client loads into an empty database: psql, in the"
                    + " form of pg_dump --format=plain, which managed-database imports accept; or mysql/mariadb, in the"
                    + " form of mysqldump's output.",
            "Every data file is checked like a restore; a tampered snapshot is refused with exit 4."
        })
final class ExportCommand implements Callable<Integer> {
    /** The formats export writes. */
    enum Format { SQL }

    @Parameters(index = "0", paramLabel = "URI", description = "A snapshot, or a store whose newest snapshot is exported.")
    String uri;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "sql")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path output;

    @Mixin
    StoreOptions store;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        SnapshotExport.Exported exported;
        try (SnapshotStore snapshots = Stores.open(uri, store.settings().s3())) {
            OpenedSnapshot snapshot = OpenedSnapshot.open(snapshots, store.settings().verifier(), store.settings().key(),
                    w -> err.println("warning: " + w));
            if (output == null) {
                OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
                exported = new SnapshotExport(Engines.load()).write(snapshot, stdout, line -> err.println("· " + line));
                stdout.flush();
            } else {
                exported = toFile(snapshot, err);
            }
        }
        err.println("Exported " + exported.tables() + " tables, " + Formats.count(exported.rows()) + " rows and "
                + exported.statements() + " schema statements" + (output == null ? "." : " to " + output + "."));
        err.flush();
        return 0;
    }

    /** Writes beside the file and renames at the end, so that a failed export leaves no half script. */
    private SnapshotExport.Exported toFile(OpenedSnapshot snapshot, java.io.PrintWriter err) throws IOException {
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        try {
            SnapshotExport.Exported exported;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                exported = new SnapshotExport(Engines.load()).write(snapshot, out, line -> err.println("· " + line));
            }
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            return exported;
        } catch (IOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
