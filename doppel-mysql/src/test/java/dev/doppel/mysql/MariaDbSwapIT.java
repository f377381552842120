package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.Location;
import dev.doppel.core.swap.AbstractDatabaseSwapIT;
import dev.doppel.core.swap.LiveSwap;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The swap contract on MariaDB, where a database is a schema and the swap one multi-table RENAME
 * TABLE, run by an account that has privileges on the swapped schemas' names only (plus PROCESS
 * and CONNECTION ADMIN, to end an application account's sessions). Sessions are an application
 * account's connections holding an open transaction: on MySQL an idle session locks nothing.
 * Then what RENAME TABLE cannot carry: views, triggers, routines and events, both ways, and what
 * happens when the swap fails before and after the rename.
 */
class MariaDbSwapIT extends AbstractDatabaseSwapIT {
    private static final String SWAPPER = "doppel_swapper";
    private static final String BLIND = "doppel_swapper_blind";
    private static final String APP = "doppel_swap_app";
    private static final String NAMES = "`doppel\\_swap\\_%`.*";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestServer server = TestServer.get();

    @BeforeAll
    static void accounts() throws SQLException {
        TestServer server = TestServer.get();
        try (Connection admin = server.admin(""); Statement statement = admin.createStatement();
             ResultSet left = admin.createStatement().executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"
                     + " WHERE SCHEMA_NAME LIKE 'doppel\\_swap\\_%'")) {
            List<String> names = new ArrayList<>();
            while (left.next()) {
                names.add(left.getString(1));
            }
            for (String name : names) {
                statement.execute("DROP DATABASE " + Sql.ident(name));
            }
        }
        server.user(SWAPPER, "ALL PRIVILEGES ON " + NAMES, "PROCESS, CONNECTION ADMIN ON *.*");
        server.user(BLIND, "ALL PRIVILEGES ON " + NAMES);
        server.user(APP, "SELECT, INSERT, EXECUTE ON " + NAMES);
    }

    @Override
    protected RelationalEngine engine() {
        return new MySqlEngine();
    }

    @Override
    protected ConnectionConfig newDatabase() {
        return as(SWAPPER, "doppel_swap_" + COUNTER.incrementAndGet());
    }

    private ConnectionConfig as(String user, String database) {
        return new ConnectionConfig(server.url(database), user, new Secret(TestServer.PASSWORD), Location.NONE);
    }

    private static Connection connect(ConnectionConfig database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password().value());
    }

    @Override
    protected void write(ConnectionConfig database, String marker) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (v text)");
            statement.execute("INSERT INTO marker VALUES (" + Sql.literal(marker) + ")");
        }
    }

    @Override
    protected String read(ConnectionConfig database) throws SQLException {
        try (Connection connection = connect(database)) {
            if (single(connection, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME = 'marker'").equals("0")) {
                return null;
            }
            return single(connection, "SELECT v FROM marker");
        }
    }

    /** An application's session in the middle of a transaction that read the live tables. */
    @Override
    protected AutoCloseable session(ConnectionConfig database) throws SQLException {
        Connection session = connect(as(APP, database.url().substring(database.url().lastIndexOf('/') + 1)));
        session.setAutoCommit(false);
        single(session, "SELECT COUNT(*) FROM marker");
        return session;
    }

    @Override
    protected boolean alive(AutoCloseable session) throws SQLException {
        return ((Connection) session).isValid(2);
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String name(ConnectionConfig database) {
        return MySqlConnector.databaseOf(database.url());
    }

    /**
     * A generation of the schema: three tables with a foreign key, a view on a view, two triggers
     * on one table (their order shows in the note they write), one writing an audit row, a
     * function, a procedure that calls it, then {@code %6$s} (more objects). The rest tells the
     * generations apart.
     */
    private static final String GENERATION = """
            CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20));
            CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, note VARCHAR(40),
                CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id));
            CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40));
            INSERT INTO parent VALUES %1$s;
            CREATE VIEW names AS SELECT %2$s AS name FROM parent;
            CREATE VIEW loud_names AS SELECT UPPER(name) AS name FROM names;
            CREATE TRIGGER child_first BEFORE INSERT ON child FOR EACH ROW SET NEW.note = CONCAT(IFNULL(NEW.note, ''), '%3$s');
            CREATE TRIGGER child_second BEFORE INSERT ON child FOR EACH ROW SET NEW.note = CONCAT(NEW.note, '%4$s');
            CREATE TRIGGER parent_audit AFTER INSERT ON parent FOR EACH ROW INSERT INTO audit (what) VALUES (CONCAT('%5$s ', NEW.name));
            CREATE FUNCTION generation() RETURNS VARCHAR(10) DETERMINISTIC RETURN '%5$s';
            DELIMITER //
            CREATE PROCEDURE add_parent(IN n INT)
            BEGIN
                INSERT INTO parent VALUES (n, generation());
            END//
            DELIMITER ;
            %6$s
            """;
    private static final String OLD_WITHOUT_EVENT = GENERATION.formatted("(1, 'old')", "name", "a", "b", "old",
            "CREATE VIEW only_old AS SELECT 1 AS one;");
    private static final String OLD = OLD_WITHOUT_EVENT + "CREATE EVENT tick ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00'"
            + " ON COMPLETION PRESERVE ENABLE DO DELETE FROM audit;";
    private static final String NEW = GENERATION.formatted("(1, 'new'), (2, 'newer')", "CONCAT(name, '!')", "A", "B", "new",
            "CREATE EVENT tock ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE"
                    + " DO DELETE FROM audit;");

    /** A live schema holding {@link #OLD}, in latin1 with a collation that is not the server's default. */
    private ConnectionConfig oldLive() throws SQLException {
        ConnectionConfig live = newDatabase();
        try (Connection admin = server.admin(""); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name(live) + " CHARACTER SET latin1 COLLATE latin1_german1_ci");
        }
        server.run(name(live), OLD);
        return live;
    }

    /** Behaviour of a schema's objects, each line from a view, a function, a procedure and its trigger, or the catalog. */
    private List<String> behaviour(String schema) throws SQLException {
        try (Connection connection = server.admin(schema); Statement statement = connection.createStatement()) {
            List<String> seen = new ArrayList<>();
            seen.add("names " + single(connection, "SELECT GROUP_CONCAT(name ORDER BY name) FROM loud_names"));
            seen.add("function " + single(connection, "SELECT generation()"));
            statement.execute("CALL add_parent(10)");
            seen.add("procedure " + single(connection, "SELECT name FROM parent WHERE id = 10"));
            seen.add("audit trigger " + single(connection, "SELECT what FROM audit ORDER BY id DESC LIMIT 1"));
            statement.execute("INSERT INTO child (id, parent_id) VALUES (1, 1)");
            seen.add("triggers in order " + single(connection, "SELECT note FROM child WHERE id = 1"));
            assertThatThrownBy(() -> statement.execute("INSERT INTO child (id, parent_id) VALUES (2, 99)"))
                    .as("the foreign key holds in %s", schema).isInstanceOf(SQLException.class);
            seen.add("foreign key to " + single(connection, "SELECT UNIQUE_CONSTRAINT_SCHEMA FROM"
                    + " information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"));
            seen.add("views " + single(connection, "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME)"
                    + " FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"));
            seen.add("events " + single(connection, "SELECT GROUP_CONCAT(CONCAT(EVENT_NAME, ':', STATUS, ':', INTERVAL_VALUE,"
                    + " ' ', INTERVAL_FIELD) ORDER BY EVENT_NAME) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"));
            seen.add("collation " + single(connection, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME = DATABASE()"));
            statement.execute("DELETE FROM child");
            statement.execute("DELETE FROM parent WHERE id = 10");
            return seen;
        }
    }

    private static List<String> expected(String generation, String names, String triggers, String schema, String views,
                                         String events) {
        return List.of("names " + names, "function " + generation, "procedure " + generation,
                "audit trigger " + generation + " " + generation, "triggers in order " + triggers, "foreign key to " + schema,
                "views " + views, "events " + events, "collation latin1_german1_ci");
    }

    @Test
    void viewsTriggersRoutinesAndEventsSwapBothWaysAndTheCollationCarriesOver() throws Exception {
        ConnectionConfig live = oldLive();
        String schema = name(live);
        try (DatabaseSwap swap = engine().swap(live).orElseThrow()) {
            LiveSwap generations = new LiveSwap(swap);
            generations.prepare(() -> { });
            server.run(generations.staging(), NEW);
            try (Connection admin = server.admin("")) {
                assertThat(single(admin, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + generations.staging() + "'")).isEqualTo("latin1_german1_ci");
            }
            String retired = generations.commit(1, false).retired().orElseThrow();

            assertThat(behaviour(schema)).containsExactlyElementsOf(expected("new", "NEW!,NEWER!", "AB", schema,
                    "loud_names,names", "tock:DISABLED:1 HOUR"));
            assertThat(behaviour(retired)).as("the retired generation keeps the old objects, its event disabled")
                    .containsExactlyElementsOf(expected("old", "OLD", "ab", retired, "loud_names,names,only_old",
                            "tick:DISABLED:1 DAY"));
            assertThat(swap.databases()).doesNotContain(generations.staging());

            LiveSwap.Swapped back = generations.rollback(null, false);
            assertThat(back.live()).isEqualTo(retired);
            assertThat(behaviour(schema)).containsExactlyElementsOf(expected("old", "OLD", "ab", schema,
                    "loud_names,names,only_old", "tick:DISABLED:1 DAY"));
            assertThat(behaviour(back.retired().orElseThrow())).containsExactlyElementsOf(expected("new", "NEW!,NEWER!",
                    "AB", back.retired().orElseThrow(), "loud_names,names", "tock:DISABLED:1 HOUR"));
            assertThat(swap.databases()).doesNotContain(retired);
        }
    }

    @Test
    void aSwapThatCannotGetItsLocksPutsTheTriggersBackAndChangesNothing() throws Exception {
        ConnectionConfig live = oldLive();
        String schema = name(live);
        try (DatabaseSwap swap = engine().swap(live).orElseThrow();
             Connection session = connect(as(APP, schema))) {
            LiveSwap generations = new LiveSwap(swap);
            generations.prepare(() -> { });
            server.run(generations.staging(), NEW);
            session.setAutoCommit(false);
            single(session, "SELECT COUNT(*) FROM audit");

            assertThatThrownBy(() -> generations.commit(1, false)).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("other sessions hold locks", "waited 5 s", "Nothing was changed", "--terminate");
            session.rollback();
            assertThat(behaviour(schema)).containsExactlyElementsOf(expected("old", "OLD", "ab", schema,
                    "loud_names,names,only_old", "tick:ENABLED:1 DAY"));
            assertThat(behaviour(generations.staging())).containsExactlyElementsOf(expected("new", "NEW!,NEWER!", "AB",
                    generations.staging(), "loud_names,names", "tock:DISABLED:1 HOUR"));
            assertThat(generations.generations()).isEmpty();
        }
    }

    @Test
    void withoutProcessTheSessionsOfOtherAccountsAreNotSeenSoTerminateCannotEndThem() throws Exception {
        ConnectionConfig live = as(BLIND, name(newDatabase()));
        try (DatabaseSwap swap = engine().swap(live).orElseThrow()) {
            LiveSwap generations = new LiveSwap(swap);
            write(generations.prepare(() -> { }), "first");
            generations.commit(1, false);
            write(generations.prepare(() -> { }), "second");
            try (AutoCloseable session = session(live)) {
                assertThatThrownBy(() -> generations.commit(1, true)).isInstanceOf(DoppelException.class)
                        .hasMessageContaining("--terminate ended the sessions whose current database is " + swap.live(),
                                "lacks PROCESS", "Nothing was changed");
                assertThat(alive(session)).isTrue();
            }
            assertThat(read(live)).isEqualTo("first");
            generations.commit(1, true);
            assertThat(read(live)).isEqualTo("second");
        }
    }

    /**
     * An account that may not create events in the live schema, though it may in the replacement:
     * the tables are renamed, creating the replacement's event in the live schema fails, and the
     * swap is undone. Before that, it may not read the live routines it did not create either,
     * which stops the swap before anything is touched.
     */
    @Test
    void aFailureAfterTheRenameIsUndone() throws Exception {
        String schema = "doppel_swap_undo_" + COUNTER.incrementAndGet();
        String limited = "doppel_swapper_limited";
        server.user(limited, "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, TRIGGER, CREATE VIEW, SHOW VIEW,"
                + " CREATE ROUTINE, ALTER ROUTINE, EXECUTE, REFERENCES, LOCK TABLES ON `" + schema + "`.*",
                "ALL PRIVILEGES ON `" + schema.replace("_", "\\_") + "\\_doppel\\_%`.*");
        try (Connection admin = server.admin(""); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + schema + " CHARACTER SET latin1 COLLATE latin1_german1_ci");
        }
        server.run(schema, OLD_WITHOUT_EVENT);
        ConnectionConfig live = as(limited, schema);
        String staging;
        try (DatabaseSwap swap = engine().swap(live).orElseThrow()) {
            LiveSwap generations = new LiveSwap(swap);
            staging = generations.staging();
            generations.prepare(() -> { });
            server.run(staging, NEW);
            assertThatThrownBy(() -> generations.commit(1, false)).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("function " + schema + ".generation cannot be moved: the restoring account may not"
                            + " read its definition; grant it SHOW_ROUTINE", "Nothing was changed");
        }
        try (Connection admin = server.admin(""); Statement statement = admin.createStatement()) {
            statement.execute("GRANT SHOW CREATE ROUTINE ON `" + schema + "`.* TO '" + limited + "'@'%'");
        }
        try (DatabaseSwap swap = engine().swap(live).orElseThrow()) {
            LiveSwap generations = new LiveSwap(swap);
            assertThatThrownBy(() -> generations.commit(1, false)).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("after renaming the tables failed", "event", "The renames were undone",
                            "nothing was changed");
            assertThat(behaviour(schema)).containsExactlyElementsOf(expected("old", "OLD", "ab", schema,
                    "loud_names,names,only_old", "null"));
            assertThat(behaviour(staging)).containsExactlyElementsOf(expected("new", "NEW!,NEWER!", "AB", staging,
                    "loud_names,names", "tock:DISABLED:1 HOUR"));
            assertThat(generations.generations()).isEmpty();
        }
    }

    @Test
    void aReplacementHoldingAnUnfinishedLoadIsNotSwappedIn() throws Exception {
        ConnectionConfig live = newDatabase();
        try (DatabaseSwap swap = engine().swap(live).orElseThrow()) {
            LiveSwap generations = new LiveSwap(swap);
            ConnectionConfig staging = generations.prepare(() -> { });
            write(staging, "half");
            try (Connection connection = connect(staging); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + MySqlLedger.RUN + " (fingerprint varchar(255))");
            }
            assertThatThrownBy(() -> generations.commit(1, false)).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("unfinished doppel load", "nothing was changed", "--resume");
            assertThat(generations.liveExists()).isFalse();
            assertThat(read(staging)).isEqualTo("half");
        }
    }
}
