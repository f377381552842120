package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataFilesTest {
    private static final EncryptionKey KEY = EncryptionKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "key");

    @TempDir
    Path dir;

    private static String rows(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i).append("\tname ").append(i).append("\t\\N\n");
        }
        return text.toString();
    }

    @ParameterizedTest
    @CsvSource({"0, false, 1", "0, true, 1", "3, false, 1", "100000, true, 1", "100000, false, 9"})
    void rowsComeBackAsWrittenAndTheFileMatchesItsDigest(int count, boolean encrypted, int level) throws IOException {
        String text = rows(count);
        Path file = dir.resolve("00001.tsv.zst");
        DataFiles.Sealed sealed = new DataFiles.Sealed(Files.newOutputStream(file));
        try (OutputStream out = DataFiles.rows(sealed, encrypted ? KEY : null, "data/a.b/00001.tsv.zst", level)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Manifest.DataFile entry = new Manifest.DataFile("data/a.b/00001.tsv.zst", "all", count, text.length(),
                sealed.bytes(), sealed.hex());
        assertThat(Files.size(file)).isEqualTo(sealed.bytes());
        DataFiles.verify(file, entry, "f");

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        long read;
        try (InputStream in = DataFiles.rows(file, encrypted ? KEY : null, entry.path())) {
            read = RowSplitter.blocks(in, back::write);
        }
        assertThat(read).isEqualTo(count);
        assertThat(back.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        if (count > 1000) {
            assertThat(sealed.bytes()).isLessThan(text.length() / 3);
        }

        Manifest.DataFile other = new Manifest.DataFile(entry.path(), "all", count, text.length(), sealed.bytes(),
                "0".repeat(64));
        assertThatThrownBy(() -> DataFiles.verify(file, other, "data/a.b/00001.tsv.zst"))
                .isInstanceOf(SnapshotRefused.class).hasMessageContaining("data/a.b/00001.tsv.zst does not match its SHA-256");
        Manifest.DataFile longer = new Manifest.DataFile(entry.path(), "all", count, text.length(), sealed.bytes() + 1,
                entry.sha256());
        assertThatThrownBy(() -> DataFiles.verify(file, longer, "f")).hasMessageContaining("truncated");
    }
}
