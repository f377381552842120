package dev.doppel.core.engine;

import dev.doppel.core.config.ConnectionConfig;

/**
 * An engine of tables and rows. Rows cross the pipeline in the engine-neutral text form of
 * {@link dev.doppel.core.text.RowText}: tab-separated fields, {@code \N} for NULL, backslash
 * escapes, one row per line.
 */
public interface RelationalEngine extends Engine {
    /**
     * Connects to the source read-only and pins one consistent snapshot that every reader opened
     * from it shares.
     *
     * @throws dev.doppel.core.error.DoppelException with {@code CANNOT_CONNECT} when the server
     *     cannot be reached or refuses the credentials
     */
    SourceDatabase openSource(ConnectionConfig connection);

    /**
     * Like {@link #openSource(ConnectionConfig)}, for a copy that will open up to {@code readers}
     * readers. An engine that cannot share one snapshot between connections opened later (MySQL)
     * opens that many readers now, inside one synchronised point in time; the others ignore the
     * hint.
     */
    default SourceDatabase openSource(ConnectionConfig connection, int readers) {
        return openSource(connection);
    }

    /**
     * Like {@link #openSource(ConnectionConfig)}, on a target doppel has just loaded, for leak
     * verification that may run while the target's indexes are built ({@link
     * TargetDatabase#readableWhileBuilding()}): it holds no table's lock between reads, so that it
     * never keeps a build waiting for longer than one table's read. Better still, it reads a whole
     * table in ranges, each holding the lock only while it runs, so that a build waits for one
     * range (PostgreSQL and MariaDB read-backs do, where the table allows it).
     */
    default SourceDatabase openReadBack(ConnectionConfig connection) {
        return openSource(connection);
    }

    TargetDatabase openTarget(ConnectionConfig connection);

    /**
     * Swapping a freshly loaded database in for the live one the connection names, keeping the
     * previous generations; empty when the engine cannot. Connects at once.
     */
    default java.util.Optional<DatabaseSwap> swap(ConnectionConfig live) {
        return java.util.Optional.empty();
    }

    /** Writing a plain SQL script its own client loads; empty when the engine has none. */
    default java.util.Optional<SqlScriptWriter> sqlScript() {
        return java.util.Optional.empty();
    }
}
