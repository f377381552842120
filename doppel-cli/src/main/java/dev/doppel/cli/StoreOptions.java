package dev.doppel.cli;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Location;
import dev.doppel.snapshot.SnapshotSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The optional {@code -c FILE} of the commands on the restoring side: its {@code snapshot:}
 * section (store credentials, keys) and its {@code targets:}. Nothing else of it is read, so it
 * needs no source and no masking key.
 */
final class StoreOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config with the snapshot: section (S3, encryption and verify keys) and targets:."
                    + " See docs/snapshots.md.")
    Path file;

    private SnapshotSettings settings;

    SnapshotSettings settings() {
        if (settings == null) {
            settings = SnapshotSettings.load(file, System::getenv);
        }
        return settings;
    }

    /** A URL as it is (credentials inside it), or a name from the config's targets: (or its target:). */
    ConnectionConfig target(String name) {
        if (name.contains("://") || name.startsWith("jdbc:")) {
            return new ConnectionConfig(name, null, null, Location.NONE);
        }
        return settings().target(name).orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT, "'" + name
                + "' is neither a database URL nor a target in " + (file == null ? "a config (pass one with -c)" : file)
                + (settings().targets().isEmpty() ? "" : "; its targets are " + String.join(", ", settings().targets().keySet()))));
    }
}
