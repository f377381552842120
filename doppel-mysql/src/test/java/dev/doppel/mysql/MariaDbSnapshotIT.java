package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.Location;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunChecks;
import dev.doppel.core.swap.LiveSwap;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.snapshot.OpenedSnapshot;
import dev.doppel.snapshot.SnapshotRestore;
import dev.doppel.snapshot.SnapshotStore;
import dev.doppel.snapshot.SnapshotWriter;
import dev.doppel.snapshot.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of a real MariaDB source holds what a direct masked copy writes, restored in place
 * into an empty database and through the swap into a new live one, by an account with the
 * grants docs/snapshots.md names: the same rows, the same views, routines, triggers and (disabled)
 * events, and no doppel table left behind.
 */
class MariaDbSnapshotIT {
    @TempDir
    Path dir;

    @Test
    void aRestoredSnapshotHoldsWhatADirectCopyWritesInPlaceAndThroughTheSwap() throws Exception {
        MariaDbFixture fixture = MariaDbFixture.create();
        TransformerRegistry registry = TransformerRegistry.load();
        Engines engines = Engines.load();
        String direct = "doppel_snap_direct";
        fixture.createTarget(direct);
        fixture.writeSecrets(dir);
        DoppelConfig config = new ConfigLoader(registry, name -> null).parse(fixture.config(direct), "mariadb.yml", dir,
                dir.resolve("mariadb.yml"));
        new MaskedCopy(registry, engines).run(config, new CopyOptions(2, false), CopyListener.NONE);

        try (SnapshotStore store = Stores.open(dir.resolve("store").toUri().toString(), dev.doppel.snapshot.S3Settings.DEFAULT);
             SnapshotStore oneReaderStore = Stores.open(dir.resolve("one-reader").toUri().toString(),
                     dev.doppel.snapshot.S3Settings.DEFAULT)) {
            new SnapshotWriter(registry, engines, Clock.systemUTC()).write(config, store, new SnapshotWriter.Options("m",
                    null, null, false, "test", new CopyOptions(2, false), RunChecks.DEFAULT,
                    dev.doppel.snapshot.SnapshotSettings.NONE.compressionLevel()), CopyListener.NONE);
            OpenedSnapshot snapshot = OpenedSnapshot.open(store, null, null, w -> { });
            assertThat(snapshot.manifest().origin().engine()).isEqualTo("mysql");
            assertThat(unchanged(snapshot, "orders")).as("two readers started apart without RELOAD: no instant to rely on")
                    .isEmpty();

            String inPlace = "doppel_snap_restored";
            fixture.createTarget(inPlace);
            new SnapshotRestore(engines).restore(snapshot, new ConnectionConfig(fixture.url(inPlace),
                    MariaDbMaskedCopyIT.WRITER, new Secret(MariaDbFixture.PASSWORD), Location.NONE),
                    new SnapshotRestore.Options(true, 0, false, new CopyOptions(2, false)), CopyListener.NONE);
            assertThat(fixture.digests(inPlace)).isEqualTo(fixture.digests(direct)).hasSize(5);
            assertThat(fixture.objects(inPlace)).isEqualTo(fixture.objects(direct)).contains("event purge_audit DISABLED");

            String live = "doppel_snap_swapped";
            fixture.forget(live);
            ConnectionConfig target = new ConnectionConfig(fixture.url(live), fixture.restorer(live),
                    new Secret(MariaDbFixture.PASSWORD), Location.NONE);
            OpenedSnapshot oneReader = oneReaderSnapshot(registry, engines, config, oneReaderStore);
            assertThat(unchanged(oneReader, "orders")).as("the key's columns; the masked note is not")
                    .containsExactly("id", "customer_id", "total", "ordered_at");
            assertThat(unchanged(oneReader, "customers")).contains("id", "city").doesNotContain("email", "full_name", "note");
            SnapshotRestore.Restored restored = new SnapshotRestore(engines).restore(oneReader, target, new SnapshotRestore.Options(false, 1, false, new CopyOptions(2, false)),
                    CopyListener.NONE);
            assertThat(restored.swapped().map(LiveSwap.Swapped::live)).contains(live);
            assertThat(fixture.digests(live)).as("the same tables, none of doppel's").isEqualTo(fixture.digests(direct));
            assertThat(fixture.objects(live)).isEqualTo(fixture.objects(direct));
            assertThat(fixture.databases(live)).containsExactly(live);
        }
    }

    /** A snapshot read by one connection, so in one instant even without a global read lock. */
    private static OpenedSnapshot oneReaderSnapshot(TransformerRegistry registry, Engines engines, DoppelConfig config,
                                                    SnapshotStore store) {
        new SnapshotWriter(registry, engines, Clock.systemUTC()).write(config, store, new SnapshotWriter.Options("one",
                null, null, false, "test", new CopyOptions(1, false), RunChecks.DEFAULT,
                dev.doppel.snapshot.SnapshotSettings.NONE.compressionLevel()), CopyListener.NONE);
        return OpenedSnapshot.open(store, null, null, w -> { });
    }

    /** The columns the manifest records as the source's own values, so that a restore adds their foreign keys unchecked. */
    private static List<String> unchanged(OpenedSnapshot snapshot, String table) {
        return snapshot.manifest().data().stream().filter(d -> d.table().endsWith("." + table)).findFirst()
                .orElseThrow().unchangedColumns();
    }
}
