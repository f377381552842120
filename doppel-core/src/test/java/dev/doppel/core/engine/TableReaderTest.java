package dev.doppel.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReaderTest {
    @Test
    void theDefaultCountOfValuesLeavesNullOutAndCountsEmptyStrings() {
        List<Column> columns = List.of(column("id"), column("note"), column("comment"));
        Table table = new Table(new TableName("app", "t"), columns, 3, 100);
        TableReader reader = rows("1\t\\N\t\\N\n", "2\t\t\\N\n", "3\tx\\\\N\t\n");
        assertThat(reader.countNonNull(new TableCopy(table, columns, null))).containsExactly(3, 2, 1);
    }

    private static Column column(String name) {
        return new Column(name, "text", ColumnKind.TEXT, true, -1, false, false);
    }

    private static TableReader rows(String... rows) {
        return new TableReader() {
            @Override
            public void read(TableCopy copy, RowConsumer consumer) {
                for (String row : rows) {
                    byte[] bytes = ("#" + row).getBytes(StandardCharsets.UTF_8);
                    consumer.accept(bytes, 1, bytes.length - 1);
                }
            }

            @Override
            public void close() {}
        };
    }
}
