package dev.doppel.postgres;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only source pinned to one snapshot. A coordinating connection opens a repeatable-read,
 * read-only transaction and exports its snapshot; it reads the schema in that transaction and
 * keeps it open, so that every reader can import the same snapshot with
 * {@code SET TRANSACTION SNAPSHOT} and all tables are read as of one instant.
 */
final class PostgresSource implements SourceDatabase {
    private static final int MINIMUM_VERSION = 130000;
    /**
     * 8 MB: how much of a table an unlocked reader reads in one transaction, about a tenth of a
     * second, so that a brief exclusive lock of the index phase never waits much longer.
     */
    private static final long READ_BACK_SLICE_PAGES = 1024;

    private final PostgresConnector connector;
    private final Connection coordinator;
    private final String snapshotId;
    private final int serverVersion;
    private final boolean schemaLocksHeld;
    private volatile Set<TableName> partitioned = Set.of();
    private volatile Map<TableName, Map<String, BinaryField>> binaryFields = Map.of();
    private Connection sampling;

    private PostgresSource(PostgresConnector connector, Connection coordinator, String snapshotId, int serverVersion,
                           boolean schemaLocksHeld) {
        this.connector = connector;
        this.coordinator = coordinator;
        this.snapshotId = snapshotId;
        this.serverVersion = serverVersion;
        this.schemaLocksHeld = schemaLocksHeld;
    }

    /**
     * The tables locked as the schema is read stay locked, as pg_dump keeps them, so that no
     * ALTER or DROP can change a table under the copy.
     */
    static PostgresSource open(PostgresConnector connector) {
        return open(connector, true);
    }

    /**
     * The schema is read in a transaction of its own, in the snapshot, that ends at once: the
     * source holds no lock between reads ({@link PostgresTableReader}).
     */
    static PostgresSource openUnlocked(PostgresConnector connector) {
        return open(connector, false);
    }

    private static PostgresSource open(PostgresConnector connector, boolean schemaLocksHeld) {
        Connection connection = connector.open();
        try {
            int version = checkVersion(connection, connector);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rows = statement.executeQuery("SELECT pg_export_snapshot()")) {
                    rows.next();
                    return new PostgresSource(connector, connection, rows.getString(1), version, schemaLocksHeld);
                }
            }
        } catch (SQLException e) {
            close(connection);
            throw new DoppelException(ExitCode.CANNOT_CONNECT, "Cannot open a consistent read on the source ("
                    + connector.describe() + "): " + PostgresErrors.describe(e), e);
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private static int checkVersion(Connection connection, PostgresConnector connector) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rows.next();
            if (rows.getInt(1) < MINIMUM_VERSION) {
                throw new DoppelException(ExitCode.BAD_INPUT, "The source (" + connector.describe() + ") runs PostgreSQL "
                        + rows.getInt(1) / 10000 + "; doppel needs PostgreSQL 13 or later");
            }
            return rows.getInt(1);
        }
    }

    @Override
    public List<Chunk> chunks(Table table, long chunkBytes) {
        try {
            return new PostgresChunker(coordinator, partitioned, serverVersion).chunks(table, chunkBytes);
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot split " + table.name() + " into chunks: "
                    + PostgresErrors.describe(e), e, PostgresErrors.isTransient(e));
        }
    }

    @Override
    public SourceSchema readSchema() {
        if (!schemaLocksHeld) {
            Connection connection;
            try {
                connection = openInSnapshot();
            } catch (SQLException e) {
                throw snapshotLost(e);
            }
            try {
                return readSchema(connection);
            } finally {
                close(connection);
            }
        }
        return readSchema(coordinator);
    }

    private SourceSchema readSchema(Connection connection) {
        try {
            PostgresSchemaReader reader = new PostgresSchemaReader(connection);
            SourceSchema schema = reader.read();
            partitioned = reader.partitionedTables();
            binaryFields = reader.binaryFields();
            PostgresConstraintsReader constraints = new PostgresConstraintsReader(connection);
            return schema.withConstraints(constraints.foreignKeys(), constraints.valueConstraints());
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot read the source's schema (" + connector.describe() + "): "
                    + PostgresErrors.describe(e) + ". The source user needs read access to the catalogs and tables.", e);
        }
    }

    @Override
    public TableReader openReader() {
        try {
            return new PostgresTableReader(openInSnapshot(), partitioned, this::joinSnapshot,
                    new PostgresTableReader.BinaryLayout(binaryFields, serverVersion / 10000),
                    !schemaLocksHeld && serverVersion >= 140000 ? READ_BACK_SLICE_PAGES : 0);
        } catch (SQLException e) {
            throw snapshotLost(e);
        }
    }

    /**
     * Starts a transaction of {@code connection} in the shared snapshot. A reader does so for every
     * read, so that it holds a table's lock only while it reads the table.
     */
    private void joinSnapshot(Connection connection) {
        try {
            startInSnapshot(connection);
        } catch (SQLException e) {
            throw snapshotLost(e);
        }
    }

    private void startInSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
        }
    }

    /** A new connection, in a transaction of the shared snapshot. */
    private Connection openInSnapshot() throws SQLException {
        Connection connection = connector.open();
        try {
            connection.setAutoCommit(false);
            startInSnapshot(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private static DoppelException snapshotLost(SQLException e) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot join the source's snapshot: " + PostgresErrors.describe(e)
                + ". If the source restarted or failed over, run again with --resume.", e, false);
    }

    /** Samples on one extra connection in the same snapshot, opened on first use; one caller at a time. */
    @Override
    public synchronized void sample(Table table, List<Column> columns, int rows, RowConsumer consumer) {
        if (rows <= 0 || columns.isEmpty()) {
            return;
        }
        if (sampling == null) {
            sampling = samplingConnection();
        }
        try {
            new PostgresSampler(sampling).sample(table, columns, rows, partitioned.contains(table.name()), consumer);
        } catch (RuntimeException e) {
            close(sampling);
            sampling = null;
            throw e;
        }
    }

    private Connection samplingConnection() {
        try {
            return openInSnapshot();
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot join the source's snapshot to sample it: "
                    + PostgresErrors.describe(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (sampling != null) {
            close(sampling);
            sampling = null;
        }
        close(coordinator);
    }

    private static void close(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
