package dev.doppel.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void aWordMayNeedAnEscapeExactlyWhenOneOfItsBytesDoes() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] word = new byte[8];
            for (int i = 0; i < 8; i++) {
                word[i] = safeByte(random);
            }
            assertThat(ByteSink.mayNeedEscape(asLong(word))).isFalse();
            for (int position = 0; position < 8; position++) {
                for (int value = 0; value < 256; value++) {
                    byte[] changed = word.clone();
                    changed[position] = (byte) value;
                    boolean needs = value == '\\' || value < 0x0e;
                    assertThat(ByteSink.mayNeedEscape(asLong(changed))).as("byte %d at %d", value, position).isEqualTo(needs);
                }
            }
        }
    }

    @Test
    void escapedBytesAreThoseOfAByteByByteEscape() {
        Random random = new Random(11);
        byte[] special = {'\\', '\t', '\n', '\r', 0x01, 0x0b, (byte) 0xe3};
        for (int trial = 0; trial < 2000; trial++) {
            byte[] value = new byte[random.nextInt(40)];
            for (int i = 0; i < value.length; i++) {
                value[i] = random.nextInt(6) == 0 ? special[random.nextInt(special.length)] : safeByte(random);
            }
            ByteSink sink = new ByteSink(4);
            sink.writeEscaped(value);
            assertThat(java.util.Arrays.copyOf(sink.array(), sink.size())).isEqualTo(escapedOneByOne(value));
        }
    }

    private static byte[] escapedOneByOne(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : value) {
            switch (b) {
                case '\\' -> out.writeBytes(new byte[] {'\\', '\\'});
                case '\t' -> out.writeBytes(new byte[] {'\\', 't'});
                case '\n' -> out.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> out.writeBytes(new byte[] {'\\', 'r'});
                default -> out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** A byte that needs no escape: printable ASCII but the backslash, or one of UTF-8's high bytes. */
    private static byte safeByte(Random random) {
        int value;
        do {
            value = random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : 0x80 + random.nextInt(0x80);
        } while (value == '\\');
        return (byte) value;
    }

    private static long asLong(byte[] word) {
        return ByteBuffer.wrap(word).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
