package dev.doppel.postgres;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.SqlScriptWriter;
import dev.doppel.core.engine.TargetDatabase;
import java.util.Optional;

/** PostgreSQL 12 and later: {@code jdbc:postgresql://…}, {@code postgresql://…} or {@code postgres://…}. */
public final class PostgresEngine implements RelationalEngine {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean accepts(String url) {
        return url != null && (url.startsWith("jdbc:postgresql:") || url.startsWith("postgresql://")
                || url.startsWith("postgres://"));
    }

    @Override
    public SourceDatabase openSource(ConnectionConfig connection) {
        return PostgresSource.open(new PostgresConnector(connection, true));
    }

    @Override
    public SourceDatabase openReadBack(ConnectionConfig connection) {
        return PostgresSource.openUnlocked(new PostgresConnector(connection, true));
    }

    @Override
    public TargetDatabase openTarget(ConnectionConfig connection) {
        return new PostgresTarget(new PostgresConnector(connection, false));
    }

    @Override
    public Optional<DatabaseSwap> swap(ConnectionConfig live) {
        return Optional.of(new PostgresSwap(live));
    }

    @Override
    public Optional<SqlScriptWriter> sqlScript() {
        return Optional.of(new PostgresSqlScript());
    }
}
