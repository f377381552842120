package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.Location;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The source is never written, by construction: every session doppel opens on it refuses writes. */
class ReadOnlySourceIT {
    private final TestPostgres server = TestPostgres.get();

    @Test
    void sourceSessionsRefuseWritesEvenWhenAskedForAReadWriteTransaction() throws SQLException {
        String source = Fixture.createSource(server);
        PostgresConnector connector = new PostgresConnector(new ConnectionConfig(server.url(source), server.user(),
                null, Location.NONE), true);
        try (Connection connection = connector.open(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE app.intruder (id int)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
            assertThatThrownBy(() -> statement.execute("UPDATE app.customers SET phone = NULL"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }
    }

    @Test
    void schemaReadingSamplingAndCopyingLeaveTheSourceAsItWas() throws SQLException {
        String source = Fixture.createSource(server);
        Map<String, String> before;
        try (Connection connection = server.connect(source)) {
            before = TableChecksums.of(connection);
        }
        ConnectionConfig config = new ConnectionConfig(server.url(source), server.user(), null, Location.NONE);
        List<Integer> lengths = new ArrayList<>();
        try (SourceDatabase database = new PostgresEngine().openSource(config)) {
            Table customers = database.readSchema().table(new TableName("app", "customers")).orElseThrow();
            database.sample(customers, customers.columns().subList(0, 3), 50, (buffer, offset, length) -> lengths.add(length));
            Table events = database.readSchema().table(new TableName("app", "events")).orElseThrow();
            List<Integer> sampled = new ArrayList<>();
            database.sample(events, events.columns(), 5, (buffer, offset, length) -> sampled.add(length));
            assertThat(events.estimatedRows()).as("large enough for TABLESAMPLE on a partitioned table").isGreaterThan(80);
            assertThat(sampled).hasSizeBetween(3, 5);
            try (TableReader reader = database.openReader()) {
                reader.read(TableCopy.of(customers, null), (buffer, offset, length) -> lengths.add(length));
            }
        }
        assertThat(lengths).hasSize(50 + 500);
        try (Connection connection = server.connect(source)) {
            assertThat(TableChecksums.of(connection)).isEqualTo(before);
        }
    }
    /**
     * Leak verification reads a target back while its indexes are built: the read-back must hold no
     * table's lock after reading it, or the ALTER TABLE that takes an index over as a primary key
     * waits for the whole verification. Reads after the first still see the snapshot.
     */
    @Test
    void aReadBackLetsTheTableGoAfterEachReadAndStaysInTheSnapshot() throws SQLException {
        String database = Fixture.createSource(server);
        ConnectionConfig config = new ConnectionConfig(server.url(database), server.user(), null, Location.NONE);
        try (SourceDatabase written = new PostgresEngine().openReadBack(config); TableReader reader = written.openReader()) {
            Table customers = written.readSchema().table(new TableName("app", "customers")).orElseThrow();
            List<Integer> first = new ArrayList<>();
            reader.read(TableCopy.of(customers, null), (buffer, offset, length) -> first.add(length));
            try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
                assertThat(locksOnCustomers(statement)).as("locks on app.customers after the read").isEmpty();
                connection.setAutoCommit(false);
                statement.execute("SET LOCAL lock_timeout = '5s'");
                statement.execute("LOCK TABLE app.customers IN ACCESS EXCLUSIVE MODE");
                statement.execute("INSERT INTO app.customers (email, full_name) VALUES ('probe@example.org', 'Probe')");
                connection.commit();
            }
            List<Integer> second = new ArrayList<>();
            reader.read(TableCopy.of(customers, null), (buffer, offset, length) -> second.add(length));
            assertThat(first).hasSize(500);
            assertThat(second).isEqualTo(first);
        }
    }

    /** As pg_dump does, a source keeps the tables it has read the schema of locked against ALTER and DROP. */
    @Test
    void theSourceKeepsItsTablesLockedAgainstAlterUntilItCloses() throws SQLException {
        String source = Fixture.createSource(server);
        ConnectionConfig config = new ConnectionConfig(server.url(source), server.user(), null, Location.NONE);
        try (Connection connection = server.connect(source); Statement statement = connection.createStatement()) {
            try (SourceDatabase database = new PostgresEngine().openSource(config)) {
                database.readSchema();
                assertThat(locksOnCustomers(statement)).containsExactly("AccessShareLock");
            }
            assertThat(locksOnCustomers(statement)).isEmpty();
        }
    }

    private static List<String> locksOnCustomers(Statement statement) throws SQLException {
        List<String> held = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT mode FROM pg_locks WHERE relation = 'app.customers'::regclass"
                + " AND pid <> pg_backend_pid()")) {
            while (rows.next()) {
                held.add(rows.getString(1));
            }
        }
        return held;
    }
}
