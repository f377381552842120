package dev.doppel.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Runs a SQL script the way psql would for the parts tests need: plain statements in simple-query
 * mode (so function bodies and settings pass through untouched) and {@code COPY … FROM stdin}
 * blocks streamed through the COPY protocol.
 */
public final class SqlScript {
    private SqlScript() {}

    public static void run(TestPostgres server, String database, Path script) throws IOException, SQLException {
        run(server, database, Files.readString(script, StandardCharsets.UTF_8));
    }

    public static void run(TestPostgres server, String database, String script) throws SQLException, IOException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        properties.setProperty("password", server.password());
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = DriverManager.getConnection(server.url(database), properties)) {
            StringBuilder statements = new StringBuilder();
            String[] lines = script.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("COPY ") && line.trim().endsWith("FROM stdin;")) {
                    execute(connection, statements);
                    StringBuilder data = new StringBuilder();
                    for (i++; i < lines.length && !lines[i].equals("\\."); i++) {
                        data.append(lines[i]).append('\n');
                    }
                    String copy = line.trim();
                    copy = copy.substring(0, copy.length() - 1).replace("FROM stdin", "FROM STDIN");
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(data.toString()));
                } else {
                    statements.append(line).append('\n');
                }
            }
            execute(connection, statements);
        }
    }

    private static void execute(Connection connection, StringBuilder statements) throws SQLException {
        if (statements.toString().isBlank()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(statements.toString());
        }
        statements.setLength(0);
    }
}
