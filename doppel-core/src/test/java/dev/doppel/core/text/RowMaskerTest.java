package dev.doppel.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.transform.ValueTransform;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowMaskerTest {
    private static String mask(RowMasker masker, String row) {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        ByteSink out = new ByteSink(8);
        masker.mask(bytes, 0, bytes.length, out);
        return new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);
    }

    @Test
    void passesUnruledFieldsThroughByteForByte() {
        ValueTransform upper = (value, row) -> value.toUpperCase();
        RowMasker masker = new RowMasker(new ValueTransform[] {null, upper, ValueTransform.IDENTITY});
        assertThat(mask(masker, "1\\t2\tab\\nc\tx\\\\y\n")).isEqualTo("1\\t2\tAB\\nC\tx\\\\y\n");
    }

    @Test
    void anObservedRowWithoutRulesIsCopiedAsItIsAndStillReadable() {
        RowMasker masker = new RowMasker(new ValueTransform[] {null, ValueTransform.IDENTITY}, RowText.FORMAT, true);
        assertThat(mask(masker, "1\\t2\tab\\nc\n")).isEqualTo("1\\t2\tab\\nc\n");
        assertThat(masker.source(0)).isEqualTo("1\t2");
        assertThat(masker.masked(1)).isEqualTo("ab\nc");
        assertThat(mask(masker, "3\t\\N\n")).isEqualTo("3\t\\N\n");
        assertThat(masker.masked(1)).isNull();
    }

    @Test
    void keepsNullsUnlessTheTransformAsksForThem() {
        ValueTransform constant = (value, row) -> "c";
        RowMasker masker = new RowMasker(new ValueTransform[] {constant, constant});
        assertThat(mask(masker, "\\N\tv\n")).isEqualTo("\\N\tc\n");
    }

    @Test
    void writesNullWhenTheTransformReturnsNull() {
        RowMasker masker = new RowMasker(new ValueTransform[] {(value, row) -> null, null});
        assertThat(mask(masker, "secret\tkept\n")).isEqualTo("\\N\tkept\n");
    }

    @Test
    void letsATransformReadOtherSourceValuesOfTheRow() {
        ValueTransform withNeighbour = (value, row) -> value + "+" + row.source(1);
        RowMasker masker = new RowMasker(new ValueTransform[] {withNeighbour, null});
        assertThat(mask(masker, "a\tb\\tc\n")).isEqualTo("a+b\\tc\tb\\tc\n");
    }

    @Test
    void refusesARowWithTheWrongNumberOfFields() {
        RowMasker masker = new RowMasker(new ValueTransform[] {(value, row) -> value, null});
        assertThatThrownBy(() -> mask(masker, "only-one\n")).isInstanceOf(RowMasker.MalformedRowException.class)
                .hasMessage("a row has 1 fields where 2 columns were expected");
        assertThatThrownBy(() -> mask(masker, "a\tb\tc\n")).isInstanceOf(RowMasker.MalformedRowException.class);
    }

    @Test
    void aFailingTransformIsReportedByFieldWithoutItsMessage() {
        RowMasker masker = new RowMasker(new ValueTransform[] {null, (value, row) -> Integer.toString(Integer.parseInt(value))});
        assertThatThrownBy(() -> mask(masker, "x\tnot-a-number\n"))
                .isInstanceOf(RowMasker.TransformFailedException.class)
                .hasMessage("transformer failed with NumberFormatException")
                .satisfies(e -> assertThat(((RowMasker.TransformFailedException) e).field()).isEqualTo(1));
    }
}
