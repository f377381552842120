package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.Location;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunChecks;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.snapshot.OpenedSnapshot;
import dev.doppel.snapshot.SnapshotRestore;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.SnapshotWriter;
import dev.doppel.snapshot.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of a real MariaDB source, restored in place into another database, holds what a
 * direct masked copy writes. (The swap needs a MySQL {@code DatabaseSwap}, which the engine does
 * not have yet: that is said as such.)
 */
class MariaDbSnapshotIT {
    @TempDir
    Path dir;

    private static Map<String, String> digests(MariaDbMaskedCopyIT contract, TestServer server, String database)
            throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = server.admin(database)) {
            for (String table : contract.tables()) {
                digests.put(table, contract.digest(connection, table, Set.of()));
            }
        }
        return digests;
    }

    @Test
    void aRestoredSnapshotHoldsWhatADirectCopyWrites() throws Exception {
        MariaDbMaskedCopyIT contract = new MariaDbMaskedCopyIT();
        contract.fixture();
        TestServer server = TestServer.get();
        TransformerRegistry registry = TransformerRegistry.load();
        Engines engines = Engines.load();
        String direct = "doppel_snap_direct";
        contract.createTarget(direct);
        DoppelConfig config = new ConfigLoader(registry, contract.environment()::get)
                .parse(contract.config(direct), "mariadb.yml", Path.of("."), Path.of("mariadb.yml"));
        new MaskedCopy(registry, engines).run(config, new CopyOptions(2, false), CopyListener.NONE);

        try (SnapshotStore store = Stores.open(dir.toUri().toString(), dev.doppel.snapshot.S3Settings.DEFAULT)) {
            new SnapshotWriter(registry, engines, Clock.systemUTC()).write(config, store, new SnapshotWriter.Options("m",
                    null, null, false, "test", new CopyOptions(2, false), RunChecks.DEFAULT), CopyListener.NONE);
            String restored = "doppel_snap_restored";
            contract.createTarget(restored);
            ConnectionConfig target = new ConnectionConfig(server.url(restored), MariaDbMaskedCopyIT.WRITER,
                    new Secret(TestServer.PASSWORD), Location.NONE);
            OpenedSnapshot snapshot = OpenedSnapshot.open(store, null, null, w -> { });
            assertThat(snapshot.manifest().origin().engine()).isEqualTo("mysql");
            new SnapshotRestore(engines).restore(snapshot, target,
                    new SnapshotRestore.Options(true, 0, false, new CopyOptions(2, false)), CopyListener.NONE);
            assertThat(digests(contract, server, restored)).isEqualTo(digests(contract, server, direct));

            assertThatThrownBy(() -> new SnapshotRestore(engines).restore(OpenedSnapshot.open(store, null, null, w -> { }),
                    target, new SnapshotRestore.Options(false, 1, false, new CopyOptions(2, false)), CopyListener.NONE))
                    .isInstanceOf(DoppelException.class).hasMessageContaining("cannot swap a database in")
                    .hasMessageContaining("--in-place");
        }
    }
}
