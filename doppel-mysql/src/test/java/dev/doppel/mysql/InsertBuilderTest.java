package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertBuilderTest {
    private static final Table TABLE = new Table(new TableName("src", "t"), List.of(
            new Column("id", "int(11)", ColumnKind.INTEGER, false, -1, true, false),
            new Column("note", "text", ColumnKind.TEXT, true, -1, false, false),
            new Column("blob", "varbinary(8)", ColumnKind.BINARY, true, -1, false, false)), -1, -1);

    @Test
    void rowTextBecomesEscapedLiteralsAndHexBecomesHexLiterals() {
        InsertBuilder builder = new InsertBuilder(TableCopy.of(TABLE, null));
        byte[] rows = "1\tit's a \\\\ and a \\ttab\t\\\\x00ff\n2\t\\N\t\\N\n3\tsmile 😀\traw text\n".getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == '\n') {
                builder.add(rows, start, i);
                start = i + 1;
            }
        }
        assertThat(builder.isEmpty()).isFalse();
        assertThat(builder.take()).isEqualTo("INSERT INTO `t` (`id`, `note`, `blob`) VALUES ('1', 'it\\'s a \\\\ and a \ttab',"
                + " X'00ff'),('2', NULL, NULL),('3', 'smile 😀', 'raw text')");
        assertThat(builder.isEmpty()).isTrue();
    }

    @Test
    void aColumnReadAsNullIsANullLiteralInTheSelect() {
        TableCopy copy = TableCopy.of(TABLE, null).readingAsNull(java.util.Set.of("note"));
        assertThat(MySqlTableReader.selectSql(copy)).isEqualTo("SELECT CAST(`id` AS CHAR), NULL, `blob` FROM `src`.`t`");
    }

    @Test
    void theLoadStatementUnhexesBinaryColumns() {
        assertThat(MySqlTableWriter.loadDataSql(TableCopy.of(TABLE, null))).isEqualTo("LOAD DATA LOCAL INFILE 'doppel.tsv'"
                + " INTO TABLE `t` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY"
                + " '\\n' (`id`, `note`, @v0) SET `blob` = IF(HEX(LEFT(@v0, 2)) = '5C78', UNHEX(SUBSTRING(@v0, 3)),"
                + " CAST(@v0 AS BINARY))");
    }
}
