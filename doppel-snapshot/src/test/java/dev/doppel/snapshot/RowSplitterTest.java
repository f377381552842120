package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowSplitterTest {
    /** Hands out at most 7 bytes per read, so rows are cut everywhere. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void everyRowArrivesWholeWhateverTheReads() throws IOException {
        String longRow = "x".repeat(200_000);
        String text = "1\ta\n2\t\\N\n3\t" + longRow + "\n4\tz\n";
        List<String> rows = new ArrayList<>();
        long count = RowSplitter.blocks(trickle(text.getBytes(StandardCharsets.UTF_8)), (buffer, offset, length) ->
                RowSplitter.eachRow(buffer, offset, length, (b, o, l) -> rows.add(new String(b, o, l, StandardCharsets.UTF_8))));
        assertThat(count).isEqualTo(4);
        assertThat(rows).containsExactly("1\ta\n", "2\t\\N\n", "3\t" + longRow + "\n", "4\tz\n");
    }

    @Test
    void aMissingLastLineEndIsAnError() {
        assertThatThrownBy(() -> RowSplitter.blocks(new ByteArrayInputStream("1\ta\n2\tb".getBytes(StandardCharsets.UTF_8)),
                (b, o, l) -> { })).hasMessageContaining("no line end");
    }

    @Test
    void anEmptyFileHasNoRows() throws IOException {
        assertThat(RowSplitter.blocks(new ByteArrayInputStream(new byte[0]), (b, o, l) -> { })).isZero();
    }
}
