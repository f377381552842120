package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.error.Location;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A target read back for verification is read in ranges of its key, each a statement of its own:
 * every row comes once, and an ALTER TABLE that needs the table's metadata lock exclusively gets
 * it after one range instead of after the whole table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlicedReadIT {
    private static final String DATABASE = "doppel_sliced";
    /** Rows of {@code wide}: 40 MB, more than the server can send ahead into the sockets' buffers. */
    private static final int WIDE_ROWS = 100_000;
    private final TestServer server = TestServer.get();

    @BeforeAll
    void createTables() throws SQLException {
        server.recreate(DATABASE);
        server.run(DATABASE, """
                CREATE TABLE gaps (id bigint PRIMARY KEY, v varchar(40));
                INSERT INTO gaps SELECT i * i, CONCAT('v', i) FROM @N WHERE i <= 3000 AND i % 7 <> 0;
                INSERT INTO gaps VALUES (-5, 'negative'), (9223372036854775000, 'huge');
                UPDATE gaps SET v = IF(id % 5 = 0, NULL, '') WHERE id % 5 = 0 OR id % 3 = 0;
                CREATE TABLE composite (tenant int, seq int, v varchar(40), PRIMARY KEY (tenant, seq));
                INSERT INTO composite SELECT i % 37, i, REPEAT('x', 20) FROM @N WHERE i <= 5000;
                CREATE TABLE no_key (a int, b varchar(60));
                INSERT INTO no_key SELECT i % 10, IF(i % 9 = 0, NULL, REPEAT('z', 40)) FROM @N WHERE i <= 4000;
                CREATE TABLE wide (id int PRIMARY KEY, v varchar(400));
                INSERT INTO wide SELECT i, REPEAT('w', 400) FROM @N WHERE i <= @ROWS;
                """.replace("@N", server.numbers()).replace("@ROWS", Integer.toString(WIDE_ROWS)));
    }

    @ParameterizedTest(name = "{0} keys a statement")
    @ValueSource(ints = {1, 7, 1_000_000})
    void everyRowComesOnce(int sliceKeys) throws SQLException {
        for (String name : List.of("gaps", "composite", "no_key")) {
            Table table = table(name);
            List<String> read = read(table, sliceKeys);
            assertThat(read).as(name).hasSize(count(name)).containsExactlyInAnyOrderElementsOf(read(table, 0));
        }
        try (Connection connection = server.admin(DATABASE)) {
            assertThat(new MySqlChunker(connection).readRanges(table("gaps"), sliceKeys)).as("ranges of gaps, at most 1000")
                    .hasSize(1000);
            assertThat(new MySqlChunker(connection).readRanges(table("composite"), sliceKeys)).as("ranges of composite")
                    .hasSize(sliceKeys == 1 ? 37 : sliceKeys == 7 ? 6 : 1);
        }
    }

    /**
     * The parts verification reads on several workers: each read on its own, by another reader
     * than the one that listed them, they give every row once, and their counts add up to the
     * table's.
     */
    @ParameterizedTest(name = "{0} keys a statement")
    @ValueSource(ints = {0, 7, 1_000_000})
    void partsReadByOtherReadersGiveEveryRowOnce(int sliceKeys) throws SQLException {
        for (String name : List.of("gaps", "composite", "no_key")) {
            Table table = table(name);
            TableCopy copy = TableCopy.of(table, null);
            List<String> read = new ArrayList<>();
            long[] counted = new long[table.columns().size()];
            try (Connection one = server.admin(DATABASE); Connection two = server.admin(DATABASE);
                 MySqlTableReader lister = new MySqlTableReader(one, "the target", null, sliceKeys);
                 MySqlTableReader other = new MySqlTableReader(two, "the target", null, sliceKeys)) {
                List<Chunk> parts = lister.parts(copy);
                if (sliceKeys == 0) {
                    assertThat(parts).as(name).containsExactly(Chunk.WHOLE);
                } else if (sliceKeys == 7 && !name.equals("no_key")) {
                    assertThat(parts).as(name).hasSizeGreaterThan(5);
                }
                for (int i = 0; i < parts.size(); i++) {
                    MySqlTableReader reader = i % 2 == 0 ? other : lister;
                    reader.read(copy.withChunk(parts.get(i)), (buffer, offset, length) ->
                            read.add(new String(buffer, offset, length, StandardCharsets.UTF_8)));
                    long[] counts = reader.countNonNull(copy.withChunk(parts.get(i)));
                    for (int c = 0; c < counted.length; c++) {
                        counted[c] += counts[c];
                    }
                }
                assertThat(counted).as(name).containsExactly(lister.countNonNull(copy));
            }
            assertThat(read).as(name).hasSize(count(name)).containsExactlyInAnyOrderElementsOf(read(table, 0));
        }
    }

    /** The server's counts, range by range, are those of the rows read: NULL left out, empty strings in. */
    @ParameterizedTest(name = "{0} keys a statement")
    @ValueSource(ints = {0, 1, 7, 1_000_000})
    void valuesCountedOnTheServerAreTheValuesRead(int sliceKeys) throws SQLException {
        for (String name : List.of("gaps", "composite", "no_key")) {
            Table table = table(name);
            List<String> rows = read(table, 0);
            long[] read = new long[table.columns().size()];
            for (String row : rows) {
                String[] fields = row.substring(0, row.length() - 1).split("\t", -1);
                for (int i = 0; i < read.length; i++) {
                    read[i] += fields[i].equals("\\N") ? 0 : 1;
                }
            }
            try (Connection connection = server.admin(DATABASE);
                 MySqlTableReader reader = new MySqlTableReader(connection, "the target", null, sliceKeys)) {
                assertThat(reader.countNonNull(TableCopy.of(table, null))).as(name).containsExactly(read);
            }
        }
    }

    /**
     * The reader stops at its first row until the ALTER TABLE is done or has waited two seconds for
     * the metadata lock. Read in ranges, the first range's statement has ended by then (its rows
     * are in the sockets' buffers) and the ALTER is done; read whole, the statement cannot end
     * before the reader takes most of the table's rows, and the ALTER waits.
     */
    @ParameterizedTest(name = "{0} keys a statement")
    @ValueSource(ints = {0, 100})
    void anAlterTableGetsTheMetadataLockBetweenTwoRanges(int sliceKeys) throws Exception {
        Table wide = table("wide");
        AtomicLong rows = new AtomicLong();
        AtomicBoolean doneWhileReading = new AtomicBoolean();
        List<CompletableFuture<Void>> alter = new ArrayList<>();
        try (Connection connection = server.admin(DATABASE);
             MySqlTableReader reader = new MySqlTableReader(connection, "the target", null, sliceKeys);
             Connection other = server.admin(DATABASE)) {
            reader.read(TableCopy.of(wide, null), (buffer, offset, length) -> {
                if (rows.getAndIncrement() == 0) {
                    alter.add(CompletableFuture.runAsync(() -> {
                        try (Statement statement = other.createStatement()) {
                            statement.execute("SET SESSION lock_wait_timeout = 60");
                            statement.execute("ALTER TABLE wide ALTER COLUMN v SET DEFAULT 'altered " + sliceKeys + "'");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                    doneWhileReading.set(doneOrWaitedTwoSeconds(alter.get(0)));
                }
            });
            alter.get(0).get(60, TimeUnit.SECONDS);
        }
        assertThat(rows.get()).isEqualTo(WIDE_ROWS);
        assertThat(doneWhileReading.get()).isEqualTo(sliceKeys > 0);
        try (Connection connection = server.admin(DATABASE); Statement statement = connection.createStatement();
             ResultSet column = statement.executeQuery("SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS"
                     + " WHERE TABLE_SCHEMA = '" + DATABASE + "' AND TABLE_NAME = 'wide' AND COLUMN_NAME = 'v'")) {
            column.next();
            assertThat(column.getString(1)).contains("altered " + sliceKeys);
        }
    }

    /** True once the ALTER TABLE is done; false once it has waited for a metadata lock for two seconds. */
    private boolean doneOrWaitedTwoSeconds(CompletableFuture<Void> alter) {
        try (Connection watcher = server.admin(DATABASE); Statement statement = watcher.createStatement()) {
            long waitingSince = 0;
            for (int i = 0; i < 1500; i++) {
                if (alter.isDone()) {
                    alter.join();
                    return true;
                }
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM information_schema.PROCESSLIST"
                        + " WHERE STATE LIKE 'Waiting for table metadata lock' AND INFO LIKE 'ALTER TABLE wide%'")) {
                    waiting.next();
                    if (waiting.getLong(1) == 0) {
                        waitingSince = 0;
                    } else if (waitingSince == 0) {
                        waitingSince = System.nanoTime();
                    } else if (System.nanoTime() - waitingSince > TimeUnit.SECONDS.toNanos(2)) {
                        return false;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("the ALTER TABLE neither finished nor waited for the reader's metadata lock");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(Table table, int sliceKeys) throws SQLException {
        List<String> read = new ArrayList<>();
        try (Connection connection = server.admin(DATABASE);
             MySqlTableReader reader = new MySqlTableReader(connection, "the target", null, sliceKeys)) {
            reader.read(TableCopy.of(table, null), (buffer, offset, length) ->
                    read.add(new String(buffer, offset, length, StandardCharsets.UTF_8)));
        }
        return read;
    }

    private Table table(String name) {
        ConnectionConfig config = new ConnectionConfig(server.url(DATABASE), server.adminUser(),
                new Secret(server.adminPassword()), Location.NONE);
        try (SourceDatabase target = new MySqlEngine().openReadBack(config)) {
            return target.readSchema().table(new TableName(DATABASE, name)).orElseThrow();
        }
    }

    private int count(String table) throws SQLException {
        try (Connection connection = server.admin(DATABASE); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + Sql.ident(table))) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
