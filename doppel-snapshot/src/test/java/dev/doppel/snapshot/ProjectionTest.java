package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.RowConsumer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectionTest {
    private static final List<String> FILE = List.of("id", "email", "body", "meta");

    private static List<String> project(List<String> wanted, String... rows) {
        List<String> out = new ArrayList<>();
        RowConsumer projection = Projection.of(FILE, wanted, "public.t",
                (buffer, offset, length) -> out.add(new String(buffer, offset, length, StandardCharsets.UTF_8)));
        for (String row : rows) {
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            projection.accept(bytes, 0, bytes.length);
        }
        return out;
    }

    @Test
    void picksFieldsInTheWantedOrderWhereverTheyLie() {
        String body = "clause ".repeat(10_000);
        assertThat(project(List.of("meta", "id"), "1\ta@b.example\t" + body + "\t{\"k\": 1}\n", "2\t\\N\t\t\\N\n"))
                .containsExactly("{\"k\": 1}\t1\n", "\\N\t2\n");
        assertThat(project(List.of("email"), "1\ta@b.example\t" + body + "\t{}\n", "22\t\t\t\n"))
                .containsExactly("a@b.example\n", "\n");
    }

    @Test
    void theFilesOwnColumnsPassThroughUntouched() {
        assertThat(project(FILE, "1\ta\tb\tc\n")).containsExactly("1\ta\tb\tc\n");
    }

    @Test
    void aRowWithTooFewFieldsGivesEmptyOnesInsteadOfAnEarlierRowsValues() {
        assertThat(project(List.of("meta", "body"), "1\ta\tb\tc\n", "2\tx\n")).containsExactly("c\tb\n", "\t\n");
    }
}
