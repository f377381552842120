package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.DdlStatement.Phase;
import dev.doppel.core.schema.TableName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MySqlSqlScriptTest {
    private static final List<Column> COLUMNS = List.of(
            new Column("id", "int(11)", ColumnKind.INTEGER, false, -1, true, false),
            new Column("note", "text", ColumnKind.TEXT, true, -1, false, false),
            new Column("flags", "bit(10)", ColumnKind.OTHER, true, -1, false, false));

    private final MySqlSqlScript script = new MySqlSqlScript();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSessionIsSetUpAtTheTopAndRestoredAtTheEnd() throws IOException {
        script.begin(out);
        script.end(out);
        List<String> statements = SqlScript.split(text());
        assertThat(statements).contains("/*!40101 SET NAMES utf8mb4 */", "/*!40103 SET TIME_ZONE='+00:00' */",
                "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */",
                "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */",
                "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='" + MySqlConnector.TARGET_SQL_MODE + "' */",
                "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */", "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */");
        assertThat(text()).startsWith("-- A masked snapshot exported by doppel").contains("mysql --default-character-set=utf8mb4");
    }

    @Test
    void routinesTriggersAndEventsComeBetweenDelimitersUnderTheirOwnMode() throws IOException {
        String trigger = SqlRewrite.underMode("PIPES_AS_CONCAT", null, "CREATE TRIGGER `t` BEFORE INSERT ON `c` FOR EACH ROW"
                + "\nBEGIN\n  SET NEW.a = NEW.a || ';';\n  SET NEW.b = 1;\nEND");
        script.statement(out, new DdlStatement(Phase.POST_DATA, "trigger app.t", trigger, Set.of()));
        script.statement(out, new DdlStatement(Phase.PRE_DATA, "procedure app.p", SqlRewrite.underMode("", null,
                "CREATE PROCEDURE `p`()\nBEGIN\n  SELECT ';;';\nEND"), Set.of()));
        script.statement(out, new DdlStatement(Phase.PRE_DATA, "table app.c", "CREATE TABLE `c` (`a` text DEFAULT 'x;y')",
                Set.of()));
        assertThat(text()).contains("-- trigger app.t\nSET SESSION sql_mode = 'PIPES_AS_CONCAT';\nDELIMITER ;;\nCREATE TRIGGER",
                "END ;;\nDELIMITER ;\n" + DdlRounds.RESET_SESSION + ";\n", "DELIMITER $$\nCREATE PROCEDURE", "END $$\n",
                "CREATE TABLE `c` (`a` text DEFAULT 'x;y');\n");
        assertThat(SqlScript.split(text())).containsExactly("SET SESSION sql_mode = 'PIPES_AS_CONCAT'",
                "CREATE TRIGGER `t` BEFORE INSERT ON `c` FOR EACH ROW\nBEGIN\n  SET NEW.a = NEW.a || ';';\n  SET NEW.b = 1;\nEND",
                DdlRounds.RESET_SESSION, "SET SESSION sql_mode = ''", "CREATE PROCEDURE `p`()\nBEGIN\n  SELECT ';;';\nEND",
                DdlRounds.RESET_SESSION, "CREATE TABLE `c` (`a` text DEFAULT 'x;y')");
    }

    @Test
    void rowsBecomeInsertsOfAboutOneMegabyteEach() throws IOException {
        String note = "日本語のメモ ".repeat(20);
        StringBuilder rows = new StringBuilder();
        int count = 20_000;
        for (int i = 1; i <= count; i++) {
            rows.append(i).append('\t').append(i % 10 == 0 ? "\\N" : note + "\\t" + i).append('\t')
                    .append(i % 7 == 0 ? "\\N" : "\\\\x0" + (i % 4)).append('\n');
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        script.beginRows(out, new TableName("app", "notes"), COLUMNS);
        script.rows(out, bytes, 0, bytes.length);
        script.endRows(out);

        List<String> inserts = SqlScript.split(text());
        assertThat(inserts).hasSizeGreaterThan(3).allSatisfy(insert -> {
            assertThat(insert).startsWith("INSERT INTO `notes` (`id`, `note`, `flags`) VALUES (");
            assertThat(insert.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo((1 << 20) + 1024);
        });
        assertThat(inserts.stream().mapToLong(s -> s.split("\\),\\('", -1).length).sum()).isEqualTo(count);
        assertThat(inserts.get(0)).contains("('1', '" + note + "\t1', X'01')", "('7', '" + note + "\t7', NULL)")
                .contains("('10', NULL, X'02')");
    }
}
