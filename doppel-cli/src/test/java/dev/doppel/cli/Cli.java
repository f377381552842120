package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TableChecksums;
import dev.doppel.postgres.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs doppel commands as a user would, against the test server, with the fixture's config. */
final class Cli {
    static final String PASSWORD = "hunter2-never-shown";

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private final TestPostgres server;
    private final Path dir;

    Cli(TestPostgres server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** Runs one command line; no output may ever hold the password or the key. */
    Result doppel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), args);
        Result result = new Result(code, out.toString(), err.toString());
        assertThat(result.all()).doesNotContain(PASSWORD, Fixture.KEY);
        return result;
    }

    /** The fixture config for a source and target, with each {@code from=>to} edit applied, written to doppel.yml. */
    Path config(String source, String target, String... edits) throws IOException {
        return write(Fixture.configText(server, source, target), edits);
    }

    Path write(String text, String... edits) throws IOException {
        Files.writeString(dir.resolve("key.txt"), Fixture.KEY);
        String config = text.replace("${env:PGPASS}", PASSWORD).replace("${env:DOPPEL_KEY}", "${file:key.txt}");
        for (String edit : edits) {
            String[] change = edit.split("=>", 2);
            assertThat(config).contains(change[0]);
            config = config.replace(change[0], change[1]);
        }
        Path file = dir.resolve("doppel.yml");
        Files.writeString(file, config);
        return file;
    }

    long tables(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.counts(connection).size();
        }
    }

    void execute(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long count(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
