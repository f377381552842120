package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
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
import org.junit.jupiter.api.Test;

/**
 * Leak verification reads a MariaDB target back while its indexes are built: a read-back that kept
 * a transaction open on a table it had read would hold its metadata lock, and the ALTER TABLE
 * that adds the table's indexes would wait for the whole verification. Each read is a statement of
 * its own instead.
 */
class ReadBackIT {
    private static final String DATABASE = "doppel_read_back";
    private final TestServer server = TestServer.get();

    @Test
    void anAlterTableDoesNotWaitForAReadBackThatHasReadTheTable() throws SQLException {
        server.recreate(DATABASE);
        server.run(DATABASE, """
                CREATE TABLE people (id int PRIMARY KEY, email varchar(100) NOT NULL);
                INSERT INTO people SELECT i, CONCAT('person-', i, '@example.org') FROM @N WHERE i <= 500;
                """.replace("@N", server.numbers()));
        ConnectionConfig config = new ConnectionConfig(server.url(DATABASE), server.adminUser(),
                new Secret(server.adminPassword()), Location.NONE);
        try (SourceDatabase written = new MySqlEngine().openReadBack(config); TableReader reader = written.openReader()) {
            Table people = written.readSchema().table(new TableName(DATABASE, "people")).orElseThrow();
            List<Integer> first = new ArrayList<>();
            reader.read(TableCopy.of(people, null), (buffer, offset, length) -> first.add(length));
            try (Connection connection = server.admin(DATABASE); Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = 5");
                statement.execute("ALTER TABLE people ADD UNIQUE INDEX uq_people_email (email)");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.statistics"
                        + " WHERE table_schema = '" + DATABASE + "' AND index_name = 'uq_people_email'")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
            }
            List<Integer> second = new ArrayList<>();
            reader.read(TableCopy.of(people, null), (buffer, offset, length) -> second.add(length));
            assertThat(first).hasSize(500);
            assertThat(second).as("the same rows, in the new index's order").containsExactlyInAnyOrderElementsOf(first);
        }
    }

    /** The control: a source reads in a snapshot transaction, which keeps the table from being altered under the copy. */
    @Test
    void aSourceKeepsATableItHasReadFromBeingAlteredUntilItCloses() throws SQLException {
        server.recreate(DATABASE);
        server.run(DATABASE, "CREATE TABLE people (id int PRIMARY KEY, email varchar(100) NOT NULL);"
                + " INSERT INTO people VALUES (1, 'one@example.org');");
        ConnectionConfig config = new ConnectionConfig(server.url(DATABASE), server.adminUser(),
                new Secret(server.adminPassword()), Location.NONE);
        try (SourceDatabase source = new MySqlEngine().openSource(config); TableReader reader = source.openReader()) {
            Table people = source.readSchema().table(new TableName(DATABASE, "people")).orElseThrow();
            reader.read(TableCopy.of(people, null), (buffer, offset, length) -> { });
            try (Connection connection = server.admin(DATABASE); Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION lock_wait_timeout = 1");
                assertThatThrownBy(() -> statement.execute("ALTER TABLE people ADD INDEX ix_people_email (email)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1205));
            }
        }
    }
}
