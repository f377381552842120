package dev.doppel.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowTextTest {
    private static String roundTrip(String value) {
        ByteSink sink = new ByteSink(4);
        RowText.encode(value, sink);
        return RowText.decode(sink.array(), 0, sink.size());
    }

    @Test
    void encodesAndDecodesEveryEscape() {
        for (String value : new String[] {"", "plain", "tab\there", "new\nline", "cr\rhere", "back\\slash", "\\N", "日本語 🍣"}) {
            assertThat(roundTrip(value)).isEqualTo(value);
        }
        assertThat(roundTrip(null)).isNull();
    }

    @Test
    void decodesPostgresEscapesItNeverWrites() {
        byte[] field = "a\\bb\\fc\\vd\\101\\x42".getBytes(StandardCharsets.UTF_8);
        assertThat(RowText.decode(field, 0, field.length)).isEqualTo("a\bb\fc\u000bdAB");
    }

    @Test
    void anEncodedValueNeverHoldsARawDelimiter() {
        ByteSink sink = new ByteSink(4);
        RowText.encode("a\tb\nc", sink);
        String text = new String(sink.array(), 0, sink.size(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\t", "\n").isEqualTo("a\\tb\\nc");
    }

    @Test
    void encodesUtf8AsTheJdkDoesForEveryKindOfCharacter() {
        String value = "a\u00e9\u00df\u0394\u65e5\u672c\ud83c\udf63\ud800x\udc00y\u007f\u0080\u07ff\u0800\uffff";
        ByteSink sink = new ByteSink(1);
        RowText.encode(value, sink);
        byte[] expected = value.getBytes(StandardCharsets.UTF_8);
        assertThat(java.util.Arrays.copyOf(sink.array(), sink.size())).isEqualTo(expected);
    }

    @Test
    void findsEveryDelimiterWhereverItFallsInAWord() {
        for (int length = 0; length < 40; length++) {
            for (int tab = 0; tab < length; tab++) {
                byte[] row = new byte[length + 3];
                java.util.Arrays.fill(row, (byte) 'x');
                row[tab + 1] = RowText.DELIMITER;
                row[0] = RowText.DELIMITER;
                assertThat(RowText.nextDelimiter(row, 1, length + 1)).as(length + "/" + tab).isEqualTo(tab + 1);
                assertThat(RowText.nextDelimiter(row, tab + 2, length + 1)).isEqualTo(length + 1);
            }
        }
        byte[] high = {(byte) 0x89, (byte) 0xe3, (byte) 0x81, 0x08, 0x0a, (byte) 0x8a, 0x19, 0x29, (byte) 0x90, 0x09};
        assertThat(RowText.nextDelimiter(high, 0, high.length)).isEqualTo(9);
    }

    @Test
    void lineEndsAreFoundWhateverTheNeighbouringBytes() {
        java.util.Random random = new java.util.Random(42);
        byte[] alphabet = {'\n', '\n', 0x0b, 0x09, 0x00, (byte) 0x8a, (byte) 0xff, 'a', 0x0a ^ 0x01};
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expectedNext = bytes.length;
            for (int i = bytes.length - 1; i >= from; i--) {
                if (bytes[i] == '\n') {
                    expectedNext = i;
                }
            }
            assertThat(RowText.nextLineEnd(bytes, from, bytes.length)).as("round " + round).isEqualTo(expectedNext);
        }
    }
}
