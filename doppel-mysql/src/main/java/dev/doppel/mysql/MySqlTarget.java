package dev.doppel.mysql;

import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.engine.TableWriter;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.jdbc.JdbcRunLedger;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The target side: one database, the one its URL names. Checks that it is empty, clears it for
 * {@code --replace}, runs DDL in dependency order, and finds out once whether the server takes
 * {@code LOAD DATA LOCAL INFILE} (a probe into a temporary table) or writers must fall back to
 * INSERT.
 */
final class MySqlTarget implements TargetDatabase {
    private static final String USER_OBJECTS = "SELECT CONCAT(kind, ' ', name) FROM ("
            + " SELECT 1 AS o, CASE TABLE_TYPE WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END AS kind,"
            + "   CONCAT(TABLE_SCHEMA, '.', TABLE_NAME) AS name FROM information_schema.TABLES"
            + "   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SEQUENCE', 'SYSTEM VERSIONED')"
            + " UNION ALL SELECT 2, LOWER(ROUTINE_TYPE), CONCAT(ROUTINE_SCHEMA, '.', ROUTINE_NAME) FROM information_schema.ROUTINES"
            + "   WHERE ROUTINE_SCHEMA = DATABASE()"
            + " UNION ALL SELECT 3, 'event', CONCAT(EVENT_SCHEMA, '.', EVENT_NAME) FROM information_schema.EVENTS"
            + "   WHERE EVENT_SCHEMA = DATABASE()"
            + ") objects ORDER BY o, name LIMIT ?";

    private final MySqlConnector connector;
    private final Connection connection;
    private final boolean loadData;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    MySqlTarget(MySqlConnector connector) {
        this.connector = connector;
        this.connection = connector.open();
        this.loadData = probeLocalInfile();
    }

    /**
     * True when LOAD DATA LOCAL INFILE works here: tried on an empty temporary table. When the
     * account may not create one, the server's {@code local_infile} setting decides.
     */
    private boolean probeLocalInfile() {
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE TEMPORARY TABLE doppel_local_infile_probe (x INT)");
            } catch (SQLException e) {
                return serverAllowsLocalInfile(statement);
            }
            try {
                statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(new byte[0]));
                statement.executeUpdate("LOAD DATA LOCAL INFILE 'doppel-probe.tsv' INTO TABLE doppel_local_infile_probe");
                return true;
            } catch (SQLException e) {
                if (!MySqlErrors.LOCAL_INFILE_REFUSED.contains(e.getErrorCode())) {
                    throw e;
                }
                refused(MySqlErrors.describe(e));
                return false;
            } finally {
                statement.execute("DROP TEMPORARY TABLE IF EXISTS doppel_local_infile_probe");
            }
        } catch (SQLException e) {
            close();
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot prepare the target (" + connector.describe() + "): "
                    + MySqlErrors.describe(e), e);
        }
    }

    private boolean serverAllowsLocalInfile(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("SELECT @@GLOBAL.local_infile")) {
            rows.next();
            if (rows.getInt(1) == 1) {
                return true;
            }
        }
        refused("local_infile is OFF");
        return false;
    }

    private void refused(String reason) {
        warnings.add("The target refuses LOAD DATA LOCAL INFILE (" + reason + "), so rows are written with multi-row"
                + " INSERT statements, which is several times slower. Set local_infile = ON on the target server for the"
                + " fast path.");
    }

    boolean usesLoadData() {
        return loadData;
    }

    @Override
    public List<String> existingObjects(int limit) {
        List<String> objects = new ArrayList<>();
        try {
            Jdbc.query(connection, USER_OBJECTS, row -> objects.add(row.getString(1)), limit);
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot inspect the target (" + connector.describe() + "): "
                    + MySqlErrors.describe(e), e);
        }
        return objects;
    }

    /** Drops the events, routines, views, tables and sequences of the target's database. */
    @Override
    public void clear() {
        List<String> drops = new ArrayList<>();
        try {
            Jdbc.query(connection, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()",
                    row -> drops.add("DROP EVENT IF EXISTS " + Sql.ident(row.getString(1))));
            Jdbc.query(connection, "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES"
                    + " WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE DESC", row -> drops.add("DROP "
                            + row.getString(1).toUpperCase(Locale.ROOT) + " IF EXISTS " + Sql.ident(row.getString(2))));
            Jdbc.query(connection, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_TYPE = 'VIEW'", row -> drops.add("DROP VIEW IF EXISTS " + Sql.ident(row.getString(1))));
            Jdbc.query(connection, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE')",
                    row -> drops.add(("SEQUENCE".equals(row.getString(2)) ? "DROP SEQUENCE IF EXISTS " : "DROP TABLE IF EXISTS ")
                            + Sql.ident(row.getString(1))));
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION foreign_key_checks = 0");
                try {
                    for (String drop : drops) {
                        statement.execute(drop);
                    }
                } finally {
                    statement.execute("SET SESSION foreign_key_checks = 1");
                }
            }
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot clear the target for --replace (" + connector.describe()
                    + "): " + MySqlErrors.describe(e) + ". The target account needs DROP, ALTER ROUTINE and EVENT on the"
                    + " database. MySQL cannot drop in one transaction, so some objects may be gone already.", e);
        }
    }

    @Override
    public List<String> apply(List<DdlStatement> statements) {
        return apply(statements, ApplyOptions.SERIAL);
    }

    /**
     * Builds the leading secondary indexes and foreign keys on up to {@code jobs} connections
     * ({@link MySqlIndexBuilder}), then runs the other statements in dependency order
     * ({@link DdlRounds}). When resuming, a statement whose object is there already counts as done.
     */
    @Override
    public List<String> apply(List<DdlStatement> statements, ApplyOptions options) {
        int leading = 0;
        while (leading < statements.size() && (MySqlIndexBuilder.isIndexBuild(statements.get(leading))
                || MySqlIndexBuilder.isForeignKeys(statements.get(leading)))) {
            leading++;
        }
        if (leading > 0) {
            new MySqlIndexBuilder(connector, options).build(statements.subList(0, leading));
        }
        return applyInOrder(statements.subList(leading, statements.size()), options.resuming());
    }

    private List<String> applyInOrder(List<DdlStatement> statements, boolean resuming) {
        List<String> result = new ArrayList<>();
        Map<DdlStatement, SQLException> missing;
        try {
            missing = DdlRounds.run(connection, statements, (statement, e) -> {
                if (resuming && MySqlErrors.isAlreadyThere(e)) {
                    return;
                }
                if (!statement.optional()) {
                    throw failed(statement, e);
                }
                result.add(statement.object() + " was not created on the target: " + MySqlErrors.describe(e));
            });
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot create the schema objects on the target ("
                    + connector.describe() + "): " + MySqlErrors.describe(e), e, MySqlErrors.isTransient(e));
        }
        if (!missing.isEmpty()) {
            Map.Entry<DdlStatement, SQLException> first = missing.entrySet().iterator().next();
            throw new DoppelException(ExitCode.RUN_FAILED, missing.size() + " schema object(s) could not be created on the "
                    + "target because something they need is missing, first " + first.getKey().object() + ": "
                    + MySqlErrors.describe(first.getValue()) + ". If it needs an excluded table, copy that table with"
                    + " mode schema_only; if it names another database, create that on the target first.",
                    first.getValue());
        }
        return result;
    }

    static DoppelException failed(DdlStatement statement, SQLException e) {
        String hint = "";
        if (e.getErrorCode() == 1452 || e.getErrorCode() == 1062 || e.getErrorCode() == 1215) {
            hint = ". The masked data breaks this constraint: give the column a unique-safe or referentially consistent rule";
        } else if (MySqlErrors.isMissingDependency(e)) {
            hint = ". If it needs an excluded table, copy that table with mode schema_only; if it names another database,"
                    + " create that on the target first";
        } else if (MySqlErrors.isAccessDenied(e)) {
            hint = ". The target account needs ALL PRIVILEGES on the database (CREATE ROUTINE, TRIGGER, EVENT included)";
        }
        return new DoppelException(ExitCode.RUN_FAILED, "Creating " + statement.object() + " on the target failed: "
                + MySqlErrors.describe(e) + hint, e);
    }

    /**
     * InnoDB builds indexes online, letting reads through but for a brief exclusive metadata lock
     * at the start and the end of each ALTER TABLE, which a read-back ({@link
     * MySqlSource#openReadBack}) holds up for one read at most.
     */
    @Override
    public boolean readableWhileBuilding() {
        return true;
    }

    @Override
    public TableWriter openWriter() {
        Connection writer = connector.open();
        try {
            return new MySqlTableWriter(writer, loadData, JdbcRunLedger.inProgress(MySqlLedger.TABLES, writer));
        } catch (SQLException e) {
            MySqlConnector.close(writer);
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot open a writer on the target: " + MySqlErrors.describe(e),
                    e, MySqlErrors.isTransient(e));
        }
    }

    @Override
    public Optional<RunLedger> ledger() {
        return Optional.of(new JdbcRunLedger(connection, MySqlLedger.TABLES));
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        MySqlConnector.close(connection);
    }
}
