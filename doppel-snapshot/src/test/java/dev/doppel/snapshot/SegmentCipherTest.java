package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentCipherTest {
    private static final EncryptionKey KEY = EncryptionKey.parse("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "key");
    private static final int SEGMENT = SegmentCipher.SEGMENT;

    private static byte[] encrypt(byte[] plain, EncryptionKey key, String path) throws IOException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = SegmentCipher.encrypt(sealed, key, path)) {
            // odd write sizes, so that writes straddle segment boundaries
            for (int i = 0; i < plain.length; i += 70_001) {
                out.write(plain, i, Math.min(70_001, plain.length - i));
            }
        }
        return sealed.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, EncryptionKey key, String path) throws IOException {
        try (InputStream in = SegmentCipher.decrypt(new ByteArrayInputStream(sealed), key, path)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, SEGMENT - 1, SEGMENT, SEGMENT + 1, 2 * SEGMENT, 2 * SEGMENT + SEGMENT / 2})
    void roundTripsAnySize(int size) throws IOException {
        byte[] plain = random(size);
        byte[] sealed = encrypt(plain, KEY, "data/a.b/00001.tsv.zst");
        assertThat(decrypt(sealed, KEY, "data/a.b/00001.tsv.zst")).isEqualTo(plain);
        int segments = Math.max(1, (size + SEGMENT - 1) / SEGMENT);
        assertThat(sealed.length).isEqualTo(20 + size + 16 * segments);
    }

    @Test
    void theSameRowsEncryptDifferentlyEachTime() throws IOException {
        byte[] plain = random(5000);
        assertThat(encrypt(plain, KEY, "p")).isNotEqualTo(encrypt(plain, KEY, "p"));
    }

    @Test
    void aChangedByteIsDetected() throws IOException {
        byte[] sealed = encrypt(random(3 * SEGMENT / 2), KEY, "p");
        sealed[sealed.length / 3] ^= 1;
        assertThatThrownBy(() -> decrypt(sealed, KEY, "p")).isInstanceOf(SegmentCipher.TamperedException.class)
                .hasMessageContaining("segment 0");
    }

    @Test
    void cuttingAtASegmentBoundaryIsDetected() throws IOException {
        byte[] sealed = encrypt(random(2 * SEGMENT + 10), KEY, "p");
        byte[] firstTwo = Arrays.copyOf(sealed, 20 + 2 * (SEGMENT + 16));
        assertThatThrownBy(() -> decrypt(firstTwo, KEY, "p")).isInstanceOf(SegmentCipher.TamperedException.class);
        byte[] firstOnly = Arrays.copyOf(sealed, 20 + SEGMENT + 16);
        assertThatThrownBy(() -> decrypt(firstOnly, KEY, "p")).isInstanceOf(SegmentCipher.TamperedException.class);
    }

    @Test
    void aFileMovedToAnotherPathOrReadWithAnotherKeyFails() throws IOException {
        byte[] sealed = encrypt(random(100), KEY, "data/a.b/00001.tsv.zst");
        assertThatThrownBy(() -> decrypt(sealed, KEY, "data/a.b/00002.tsv.zst")).isInstanceOf(SegmentCipher.TamperedException.class);
        EncryptionKey other = EncryptionKey.parse("ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100", "key");
        assertThatThrownBy(() -> decrypt(sealed, other, "data/a.b/00001.tsv.zst"))
                .isInstanceOf(SegmentCipher.TamperedException.class);
        assertThat(other.id()).isNotEqualTo(KEY.id()).hasSize(16);
    }

    @Test
    void keysMustBe32Bytes() {
        assertThat(EncryptionKey.parse(java.util.Base64.getEncoder().encodeToString(new byte[32]), "k").id()).hasSize(16);
        assertThatThrownBy(() -> EncryptionKey.parse("too short", "snapshot.encryption.key"))
                .hasMessageContaining("snapshot.encryption.key must be 32 random bytes").hasMessageNotContaining("too short");
    }
}
