package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target read back for verification is read in ranges of pages, each in a transaction of its
 * own: every row comes once, and the ALTER TABLE that takes an index over as a primary key gets
 * its lock between two ranges instead of after the whole table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlicedReadIT {
    private final TestPostgres server = TestPostgres.get();
    private String database;

    @BeforeAll
    void createTable() throws Exception {
        database = server.createDatabase("sliced");
        SqlScript.run(server, database, """
                CREATE TABLE items (id integer NOT NULL, v text);
                INSERT INTO items SELECT i, repeat('v', 40) FROM generate_series(1, 20000) i;
                DELETE FROM items WHERE id % 7 = 0 OR id BETWEEN 5000 AND 6500;
                UPDATE items SET v = CASE WHEN id % 5 = 0 THEN NULL ELSE '' END WHERE id % 5 = 0 OR id % 11 = 0;
                """);
    }

    @ParameterizedTest(name = "{0} pages a transaction")
    @ValueSource(ints = {1, 3, 1000})
    void everyRowComesOnce(int slicePages) throws SQLException {
        try (Connection connection = server.connect(database); PostgresTableReader reader = reader(connection, slicePages)) {
            List<Long> read = new ArrayList<>();
            reader.read(TableCopy.of(items(), null), (buffer, offset, length) ->
                    read.add(Long.parseLong(new String(buffer, offset, length, StandardCharsets.UTF_8).split("\t")[0])));
            try (Connection check = server.connect(database)) {
                assertThat(read).containsExactlyInAnyOrderElementsOf(ids(check));
            }
        }
    }

    /**
     * The parts verification reads on several workers: each read on its own, by another reader
     * than the one that listed them, they give every row once, and their counts add up to the
     * table's. Listing them leaves no transaction open, so no lock is held between the reads.
     */
    @ParameterizedTest(name = "{0} pages a transaction")
    @ValueSource(ints = {0, 3, 1000})
    void partsReadByOtherReadersGiveEveryRowOnce(int slicePages) throws SQLException {
        TableCopy copy = TableCopy.of(items(), null);
        List<Long> read = new ArrayList<>();
        long[] counted = new long[2];
        try (Connection one = server.connect(database); Connection two = server.connect(database);
             PostgresTableReader lister = reader(one, slicePages); PostgresTableReader other = reader(two, slicePages)) {
            List<Chunk> parts = lister.parts(copy);
            if (slicePages == 3) {
                assertThat(parts).hasSizeGreaterThan(10);
            } else {
                assertThat(parts).containsExactly(Chunk.WHOLE);
            }
            try (Connection watcher = server.connect(database)) {
                assertThat(locksHeld(watcher, one)).as("locks the lister holds on the table after listing").isZero();
            }
            for (int i = 0; i < parts.size(); i++) {
                PostgresTableReader reader = i % 2 == 0 ? other : lister;
                reader.read(copy.withChunk(parts.get(i)), (buffer, offset, length) ->
                        read.add(Long.parseLong(new String(buffer, offset, length, StandardCharsets.UTF_8).split("\t")[0])));
                long[] counts = reader.countNonNull(copy.withChunk(parts.get(i)));
                counted[0] += counts[0];
                counted[1] += counts[1];
            }
            assertThat(counted).containsExactly(lister.countNonNull(copy));
        }
        try (Connection check = server.connect(database)) {
            assertThat(read).containsExactlyInAnyOrderElementsOf(ids(check));
        }
    }

    /** The server's counts, range by range, are those of the rows read: NULL left out, empty strings in. */
    @ParameterizedTest(name = "{0} pages a transaction")
    @ValueSource(ints = {0, 1, 3, 1000})
    void valuesCountedOnTheServerAreTheValuesRead(int slicePages) throws SQLException {
        try (Connection connection = server.connect(database); PostgresTableReader reader = reader(connection, slicePages)) {
            long[] read = new long[2];
            reader.read(TableCopy.of(items(), null), (buffer, offset, length) -> {
                String[] fields = new String(buffer, offset, length - 1, StandardCharsets.UTF_8).split("\t", -1);
                for (int i = 0; i < read.length; i++) {
                    read[i] += fields[i].equals("\\N") ? 0 : 1;
                }
            });
            assertThat(read[1]).as("some values are NULL").isLessThan(read[0]);
            assertThat(reader.countNonNull(TableCopy.of(items(), null))).containsExactly(read);
        }
    }

    @ParameterizedTest(name = "{0} pages a transaction")
    @ValueSource(ints = {0, 2})
    void aPrimaryKeyTakesItsIndexOverBetweenTwoRanges(int slicePages) throws Exception {
        try (Connection setup = server.connect(database); Statement statement = setup.createStatement()) {
            statement.execute("ALTER TABLE items DROP CONSTRAINT IF EXISTS items_key");
            statement.execute("CREATE UNIQUE INDEX items_key ON items (id)");
        }
        AtomicLong rows = new AtomicLong();
        AtomicLong rowsWhenAltered = new AtomicLong(-1);
        AtomicReference<CompletableFuture<Void>> alter = new AtomicReference<>();
        try (Connection connection = server.connect(database); PostgresTableReader reader = reader(connection, slicePages);
             Connection other = server.connect(database)) {
            other.setAutoCommit(true);
            reader.read(TableCopy.of(items(), null), (buffer, offset, length) -> {
                if (rows.getAndIncrement() == 0) {
                    alter.set(CompletableFuture.runAsync(() -> {
                        try (Statement statement = other.createStatement()) {
                            statement.execute("ALTER TABLE items ADD CONSTRAINT items_key PRIMARY KEY USING INDEX items_key");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        rowsWhenAltered.set(rows.get());
                    }));
                    awaitLockWait();
                }
            });
            alter.get().get(30, TimeUnit.SECONDS);
        }
        long total = rows.get();
        if (slicePages == 0) {
            assertThat(rowsWhenAltered.get()).isEqualTo(total);
        } else {
            assertThat(rowsWhenAltered.get()).isPositive().isLessThan(total);
        }
    }

    private PostgresTableReader reader(Connection connection, int slicePages) throws SQLException {
        connection.setAutoCommit(false);
        return new PostgresTableReader(connection, Set.of(), c -> { }, PostgresTableReader.BinaryLayout.NONE, slicePages);
    }

    /** Relation locks that {@code of}'s backend holds, as {@code watcher} sees them. */
    private static long locksHeld(Connection watcher, Connection of) throws SQLException {
        int pid = of.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        try (Statement statement = watcher.createStatement(); ResultSet locks = statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'relation' AND pid = " + pid
                        + " AND relation = 'public.items'::regclass")) {
            locks.next();
            return locks.getLong(1);
        }
    }

    private Table items() throws SQLException {
        try (Connection connection = server.connect(database)) {
            SourceSchema schema = new PostgresSchemaReader(connection).read();
            return schema.table(new TableName("public", "items")).orElseThrow();
        }
    }

    /** Until another session waits for a lock on the table, which the reader's range holds. */
    private void awaitLockWait() {
        try (Connection watcher = server.connect(database); Statement statement = watcher.createStatement()) {
            for (int i = 0; i < 300; i++) {
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND query LIKE 'ALTER TABLE items%'")) {
                    waiting.next();
                    if (waiting.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the ALTER TABLE never waited for the reader's lock");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(Connection connection) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT id FROM items")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
