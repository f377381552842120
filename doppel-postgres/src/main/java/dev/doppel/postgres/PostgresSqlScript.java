package dev.doppel.postgres;

import dev.doppel.core.engine.SqlScriptWriter;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plain SQL script in the form of {@code pg_dump --format=plain}: session settings, the schema,
 * each table's rows as {@code COPY … FROM stdin} (doppel's row form is COPY's text format, so rows
 * pass through unchanged), then keys, indexes, constraints and the rest. {@code psql} loads it,
 * and so do imports that take pg_dump's plain output. No psql meta-command is used.
 */
final class PostgresSqlScript implements SqlScriptWriter {
    private static final String SETTINGS = String.join("\n",
            "SET statement_timeout = 0;",
            "SET lock_timeout = 0;",
            "SET client_encoding = 'UTF8';",
            "SET standard_conforming_strings = on;",
            "SET check_function_bodies = false;",
            "SET client_min_messages = warning;",
            "SET TIME ZONE 'UTC';",
            "SET DateStyle = 'ISO, YMD';",
            "SET IntervalStyle = 'postgres';",
            "SET extra_float_digits = 3;",
            "");

    @Override
    public void begin(OutputStream out) throws IOException {
        write(out, "-- A masked snapshot exported by doppel. Load it into an empty database:\n"
                + "--   psql -v ON_ERROR_STOP=1 -d DATABASE -f FILE\n\n" + SETTINGS + "\n");
    }

    @Override
    public void statement(OutputStream out, DdlStatement statement) throws IOException {
        String sql = statement.sql().strip();
        write(out, "-- " + statement.object().replace('\n', ' ') + "\n" + sql + (sql.endsWith(";") ? "" : ";") + "\n\n");
    }

    @Override
    public void beginRows(OutputStream out, TableName table, List<Column> columns) throws IOException {
        write(out, "COPY " + Sql.qualified(table) + " (" + columns.stream().map(c -> Sql.ident(c.name()))
                .collect(Collectors.joining(", ")) + ") FROM stdin;\n");
    }

    @Override
    public void rows(OutputStream out, byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
    }

    @Override
    public void endRows(OutputStream out) throws IOException {
        write(out, "\\.\n\n");
    }

    @Override
    public void end(OutputStream out) throws IOException {
        write(out, "-- end of the doppel export\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
