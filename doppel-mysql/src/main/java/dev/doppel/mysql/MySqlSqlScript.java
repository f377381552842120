package dev.doppel.mysql;

import dev.doppel.core.engine.SqlScriptWriter;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain SQL script in the form of mysqldump's output, which the {@code mysql} and
 * {@code mariadb} clients load into an empty database: the session settings saved and set (utf8mb4,
 * UTC, unique and foreign-key checks off, the sql_mode the copy loads under, which takes zero
 * dates), the schema (views in the order they select from each other), each table's rows as multi-row INSERT statements of about 1 MB
 * ({@link InsertBuilder}: binary, BIT and spatial values as {@code X'…'}), then indexes, foreign
 * keys, triggers and events, and the settings restored. Routines, triggers and events are written
 * between {@code DELIMITER} lines, each after the {@code SET SESSION sql_mode} it was created
 * under, and the script's own mode is set again after each.
 */
final class MySqlSqlScript implements SqlScriptWriter {
    private static final String[] DELIMITERS = {";;", "$$", "//", "@@@@"};
    private static final String SETTINGS = String.join("\n",
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
            "/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;",
            "/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;",
            "/*!40101 SET NAMES utf8mb4 */;",
            "/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;",
            "/*!40103 SET TIME_ZONE='+00:00' */;",
            "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;",
            "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;",
            "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='" + MySqlConnector.TARGET_SQL_MODE + "' */;",
            "/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;",
            "");
    private static final String RESTORE = String.join("\n",
            "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;",
            "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;",
            "/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;",
            "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;",
            "/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;",
            "/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;",
            "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;",
            "/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;",
            "");

    private final List<DdlStatement> views = new ArrayList<>();
    private InsertBuilder inserts;

    @Override
    public void begin(OutputStream out) throws IOException {
        write(out, "-- A masked snapshot exported by doppel, in the form of mysqldump's output. Load it into an empty"
                + " database:\n--   mysql --default-character-set=utf8mb4 DATABASE < FILE   (or: mariadb …)\n\n" + SETTINGS + "\n");
    }

    /** Views wait for the first statement that is not one, and are then written in dependency order ({@link ViewOrder}). */
    @Override
    public void statement(OutputStream out, DdlStatement statement) throws IOException {
        if (statement.object().startsWith("view ")) {
            views.add(statement);
            return;
        }
        writeViews(out);
        write(out, statement);
    }

    private void writeViews(OutputStream out) throws IOException {
        for (DdlStatement view : ViewOrder.sort(views)) {
            write(out, view);
        }
        views.clear();
    }

    private static void write(OutputStream out, DdlStatement statement) throws IOException {
        SqlRewrite.Moded moded = SqlRewrite.splitMode(statement.sql().strip());
        StringBuilder text = new StringBuilder("-- ").append(statement.object().replace('\n', ' ')).append('\n');
        String create = withoutTerminator(moded.create().strip());
        if (moded.settings() == null) {
            text.append(create).append(";\n");
        } else {
            String delimiter = delimiter(create);
            text.append(moded.settings()).append(";\n")
                    .append("DELIMITER ").append(delimiter).append('\n')
                    .append(create).append(' ').append(delimiter).append('\n')
                    .append("DELIMITER ;\n")
                    .append(DdlRounds.RESET_SESSION).append(";\n");
        }
        write(out, text.append('\n').toString());
    }

    @Override
    public void beginRows(OutputStream out, TableName table, List<Column> columns) throws IOException {
        writeViews(out);
        inserts = new InsertBuilder(table.name(), columns);
        write(out, "-- rows of " + table + "\n");
    }

    @Override
    public void rows(OutputStream out, byte[] buffer, int offset, int length) throws IOException {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                inserts.add(buffer, start, i);
                start = i + 1;
                if (inserts.full()) {
                    flush(out);
                }
            }
        }
    }

    @Override
    public void endRows(OutputStream out) throws IOException {
        flush(out);
        write(out, "\n");
        inserts = null;
    }

    @Override
    public void end(OutputStream out) throws IOException {
        writeViews(out);
        write(out, RESTORE + "-- end of the doppel export\n");
    }

    private void flush(OutputStream out) throws IOException {
        if (!inserts.isEmpty()) {
            write(out, inserts.take() + ";\n");
        }
    }

    /** The first delimiter that does not occur in the statement, so that the client ends it where it ends. */
    static String delimiter(String create) {
        for (String delimiter : DELIMITERS) {
            if (!create.contains(delimiter)) {
                return delimiter;
            }
        }
        StringBuilder delimiter = new StringBuilder(";;");
        while (create.contains(delimiter)) {
            delimiter.append(';');
        }
        return delimiter.toString();
    }

    private static String withoutTerminator(String sql) {
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
