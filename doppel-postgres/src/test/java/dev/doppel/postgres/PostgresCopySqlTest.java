package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostgresCopySqlTest {
    private static final Table TABLE = new Table(new TableName("app", "customers"), List.of(
            new Column("id", "bigint", ColumnKind.INTEGER, false, -1, true, false),
            new Column("notes", "text", ColumnKind.TEXT, true, -1, false, false)), -1, -1);
    private final PostgresTableReader reader = new PostgresTableReader(null, Set.of(), connection -> { });

    @Test
    void aWholeTableIsCopiedByItsColumnList() {
        assertThat(reader.copySql(TableCopy.of(TABLE, null))).isEqualTo("COPY \"app\".\"customers\" (\"id\", \"notes\") TO STDOUT");
    }

    @Test
    void aColumnReadAsNullIsNeverAskedFor() {
        TableCopy copy = TableCopy.of(TABLE, null).readingAsNull(Set.of("notes"));
        assertThat(reader.copySql(copy)).isEqualTo("COPY (SELECT \"id\", NULL FROM ONLY \"app\".\"customers\") TO STDOUT");
        assertThat(reader.copySql(TableCopy.of(TABLE, "id > 3").readingAsNull(Set.of("notes"))))
                .isEqualTo("COPY (SELECT \"id\", NULL FROM ONLY \"app\".\"customers\" WHERE id > 3) TO STDOUT");
    }
}
