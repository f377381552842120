package dev.doppel.mysql;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Schemas swapped by moving their tables, on one session in no database. On MySQL and MariaDB a
 * "database" is a schema, and a schema cannot be renamed; but one multi-table
 * {@code RENAME TABLE live.t TO retired.t, …, next.t TO live.t, …} moves every table of both in one
 * statement, which is atomic: it happens whole or not at all (and, on MySQL 8 and MariaDB 10.6+,
 * survives a crash whole or not at all), and sessions using the tables wait for it.
 *
 * <p>RENAME TABLE does not carry everything: a view cannot change schema, a table with triggers
 * cannot be moved to another schema, and routines and events belong to their schema. So around
 * the rename ({@link SchemaSwap}) the definitions of both schemas' views, triggers, routines and
 * events are read first (as the copy reads them, DEFINER removed), both schemas' triggers are
 * dropped, the rename runs, and the replacement's objects are created in the live schema and the
 * old ones in the retired schema. What sessions on the live schema see in those milliseconds:
 * while the triggers are dropped, the tables are write-locked (writes wait); a write between the
 * unlock and the rename goes to the old tables without their triggers (it ends in the retired
 * generation); from the rename until the new triggers are created, under a write lock, writes to
 * the new tables fire no trigger; a view keeps its old definition over the new tables until it is
 * replaced; a routine or event is absent while it is dropped and created. Events in a retired
 * generation are disabled, so that it runs no jobs; a rollback brings them back disabled.
 *
 * <p>If anything fails before the rename, the dropped triggers are put back; if creating the
 * objects fails after it, the tables are renamed back and each schema gets its objects again:
 * either way nothing changed. A replacement holding the run ledger (an unfinished load) is never
 * swapped in.
 *
 * <p>Sessions: the lock and the rename wait at most {@value SchemaSwap#LOCK_WAIT_SECONDS} s
 * ({@code lock_wait_timeout}) for the metadata locks other sessions hold on the tables (an open
 * transaction that used them, LOCK TABLES, a running statement); then the swap fails and nothing
 * changed. A session that merely has the live schema as its current database holds no lock and
 * sees the new tables with its next statement. With {@code terminate}, the sessions whose current
 * database is the live schema or the replacement are ended first ({@link MySqlSessions}).
 *
 * <p>Grants are kept by name: those on {@code live.*} and on its tables apply to the new tables,
 * and none move to the retired schema.
 */
final class MySqlSwap implements DatabaseSwap {
    static final String PRIVILEGES = "The account needs ALL PRIVILEGES on the live database and on the names beside"
            + " it (GRANT ALL ON `LIVE`.* and ON `LIVE\\_doppel\\_%`.*): CREATE and DROP for the databases, LOCK"
            + " TABLES, ALTER, DROP, CREATE and INSERT for RENAME TABLE, and TRIGGER, CREATE VIEW, SHOW VIEW, CREATE"
            + " ROUTINE, ALTER ROUTINE and EVENT for the objects; --terminate needs PROCESS and CONNECTION ADMIN"
            + " (CONNECTION_ADMIN on MySQL) to end other accounts' sessions.";

    private final ConnectionConfig config;
    private final String live;
    private final Connection connection;

    MySqlSwap(ConnectionConfig config) {
        this.config = config;
        MySqlConnector connector = MySqlConnector.server(config);
        this.connection = connector.open();
        Schemas.waitForLocks(connection, SchemaSwap.LOCK_WAIT_SECONDS);
        try {
            this.live = lowerCaseNames() ? connector.database().toLowerCase(Locale.ROOT) : connector.database();
        } catch (SQLException e) {
            close();
            throw failed("set up the session", e, "");
        }
    }

    /** True when the server stores schema names in lower case ({@code lower_case_table_names = 1}). */
    private boolean lowerCaseNames() throws SQLException {
        boolean[] lower = new boolean[1];
        Jdbc.query(connection, "SELECT @@lower_case_table_names", row -> lower[0] = row.getInt(1) == 1);
        return lower[0];
    }

    @Override
    public String live() {
        return live;
    }

    @Override
    public List<String> databases() {
        try {
            return Schemas.names(connection);
        } catch (SQLException e) {
            throw failed("list the databases", e, "");
        }
    }

    @Override
    public ConnectionConfig create(String name) {
        try {
            Schemas.create(connection, name, live);
        } catch (SQLException e) {
            throw failed("create the database " + name + " beside " + live, e, PRIVILEGES);
        }
        return connection(name);
    }

    @Override
    public ConnectionConfig connection(String name) {
        return new ConnectionConfig(MySqlConnector.withDatabase(config.url(), name), config.user(), config.password(),
                config.location());
    }

    /**
     * Drops a schema, waiting up to {@value SchemaSwap#LONG_LOCK_WAIT_SECONDS} s for sessions that
     * use its tables: an old generation is dropped after its swap, where waiting for a reader of it
     * is better than failing the restore.
     */
    @Override
    public void drop(String name, boolean terminate) {
        if (name.equals(live)) {
            throw new IllegalArgumentException("the live database is never dropped");
        }
        Schemas.waitForLocks(connection, SchemaSwap.LONG_LOCK_WAIT_SECONDS);
        try {
            if (terminate) {
                MySqlSessions.end(connection, List.of(name));
            }
            Schemas.drop(connection, name);
        } catch (SQLException e) {
            throw failed("drop the database " + name, e, terminate ? PRIVILEGES
                    : "Sessions holding locks on its tables stop it; --terminate ends the sessions connected to it first.");
        } finally {
            Schemas.waitForLocks(connection, SchemaSwap.LOCK_WAIT_SECONDS);
        }
    }

    @Override
    public void swap(String replacement, String retired, boolean terminate) {
        SchemaSwap swap;
        try {
            swap = new SchemaSwap(connection, config.redactedUrl(), live, replacement,
                    databases().contains(live) ? retired : null);
        } catch (SQLException e) {
            throw failed("read " + live + " and " + replacement + " before swapping them", e, "Nothing was changed.");
        }
        swap.run(terminate);
    }

    private DoppelException failed(String action, SQLException e, String advice) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot " + action + " on " + config.redactedUrl() + ": "
                + MySqlErrors.describe(e) + "." + (advice.isEmpty() ? "" : " " + advice), e);
    }

    @Override
    public void close() {
        MySqlConnector.close(connection);
    }
}
