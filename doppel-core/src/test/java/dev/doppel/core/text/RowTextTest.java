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
}
