package dev.doppel.mysql;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.SqlScriptWriter;
import dev.doppel.core.engine.TargetDatabase;
import java.util.Optional;

/**
 * MySQL 5.7, 8.0 and 8.4 and MariaDB 10.5 and later: {@code jdbc:mysql://…}, {@code jdbc:mariadb://…},
 * {@code mysql://…} or {@code mariadb://…}, naming one database.
 */
public final class MySqlEngine implements RelationalEngine {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public boolean accepts(String url) {
        return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:") || url.startsWith("mysql://")
                || url.startsWith("mariadb://"));
    }

    @Override
    public SourceDatabase openSource(ConnectionConfig connection) {
        return openSource(connection, 1);
    }

    @Override
    public SourceDatabase openSource(ConnectionConfig connection, int readers) {
        return MySqlSource.open(new MySqlConnector(connection, true), readers);
    }

    @Override
    public SourceDatabase openReadBack(ConnectionConfig connection) {
        return MySqlSource.openReadBack(new MySqlConnector(connection, true));
    }

    @Override
    public TargetDatabase openTarget(ConnectionConfig connection) {
        return new MySqlTarget(new MySqlConnector(connection, false));
    }

    /** Swaps schemas by moving their tables in one RENAME TABLE; see {@link MySqlSwap}. */
    @Override
    public Optional<DatabaseSwap> swap(ConnectionConfig live) {
        return Optional.of(new MySqlSwap(live));
    }

    @Override
    public Optional<SqlScriptWriter> sqlScript() {
        return Optional.of(new MySqlSqlScript());
    }
}
