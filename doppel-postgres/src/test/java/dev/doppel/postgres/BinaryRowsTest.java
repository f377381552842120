package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.text.ByteSink;
import dev.doppel.core.text.RowFormat.TextNeeded;
import dev.doppel.core.text.RowMasker;
import dev.doppel.core.text.RowMasker.MalformedRowException;
import dev.doppel.core.transform.ValueTransform;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binary forms doppel decodes and encodes, against the text PostgreSQL's own output gives
 * (the expected strings are what {@code SELECT value::text} prints with DateStyle ISO).
 * {@link BinaryCopyIT} checks them against a server.
 */
class BinaryRowsTest {
    @ParameterizedTest
    @CsvSource({"DATE, 2024-02-29", "DATE, 2000-01-01", "DATE, 1999-12-31", "DATE, 0044-03-15 BC", "DATE, 4713-11-24 BC",
            "DATE, 10000-01-01", "DATE, infinity", "DATE, -infinity", "INT2, -32768", "INT2, 32767", "INT4, -2147483648",
            "INT8, 9223372036854775807", "INT8, -9223372036854775808", "INT8, 0",
            "UUID_FIELD, 0189f7e2-5b0c-7cc3-9a1e-3f9b2f0c4d5e", "TEXT, 'tab\there, line\nfeed, back\\slash, 日本語 😀'",
            "JSONB, '{\"a\": [1, 2]}'", "TEXT, ''"})
    void aValueComesBackAsTheTextItWasWrittenAs(BinaryField field, String text) {
        ByteSink out = new ByteSink(16);
        field.encode(text, out);
        assertThat(field.decode(out.array(), 0, out.size())).isEqualTo(text);
    }

    @Test
    void aDateIsDaysSinceTwoThousandAndJsonbStartsWithItsVersion() {
        ByteSink out = new ByteSink(16);
        BinaryField.DATE.encode("2000-01-02", out);
        assertThat(BinaryRows.readInt(out.array(), 0)).isEqualTo(1);
        out.reset();
        BinaryField.JSONB.encode("{}", out);
        assertThat(Arrays.copyOf(out.array(), out.size())).containsExactly(1, '{', '}');
    }

    /** Every eleventh day from 4713 BC, PostgreSQL's first, to 10000 AD, against java.time's calendar. */
    @Test
    void datesAgreeWithTheProlepticGregorianCalendar() {
        LocalDate epoch = LocalDate.of(2000, 1, 1);
        for (long day = LocalDate.of(-4712, 1, 1).toEpochDay(); day < LocalDate.of(10001, 1, 1).toEpochDay(); day += 11) {
            LocalDate date = LocalDate.ofEpochDay(day);
            int year = date.getYear();
            String expected = String.format("%04d-%02d-%02d%s", year > 0 ? year : 1 - year, date.getMonthValue(),
                    date.getDayOfMonth(), year > 0 ? "" : " BC");
            int days = (int) (day - epoch.toEpochDay());
            assertThat(IsoDates.format(days)).isEqualTo(expected);
            assertThat(IsoDates.parse(expected)).isEqualTo(days);
        }
    }

    @ParameterizedTest
    @CsvSource({"DATE, Jan 5 2020", "DATE, 2020-1-5", "DATE, 2023-02-29", "DATE, 1900-02-29", "DATE, 2020-13-01",
            "DATE, 2020-04-31", "DATE, 0000-01-01 BC2", "DATE, '2020-01-05 '", "DATE, 2020-01-05 AD", "DATE, 20200105",
            "INT2, 32768", "INT4, 1e3",
            "INT4, ' 7'", "INT8, +5", "INT8, 9223372036854775808", "INT8, 1.0", "UUID_FIELD, 0189F7E2-5B0C-7CC3-9A1E-3F9B2F0C4D5E",
            "UUID_FIELD, {0189f7e2-5b0c-7cc3-9a1e-3f9b2f0c4d5e}", "UUID_FIELD, 1-1-1-1-1"})
    void aValueNotInTheServersOwnTextFormNeedsText(BinaryField field, String text) {
        assertThatThrownBy(() -> field.encode(text, new ByteSink(16))).isInstanceOf(TextNeeded.class)
                .message().doesNotContain(text);
    }

    @Test
    void anOpaqueFieldIsCopiedButNeverDecoded() {
        BinaryRows rows = new BinaryRows(List.of(BinaryField.INT8, BinaryField.OPAQUE), 15);
        assertThat(rows.decodes(0)).isTrue();
        assertThat(rows.decodes(1)).isFalse();
        ValueTransform[] onOpaque = {null, (value, row) -> "x"};
        assertThat(RowMasker.decodesRuledFields(onOpaque, rows)).isFalse();
        assertThat(RowMasker.decodesRuledFields(new ValueTransform[] {(value, row) -> "1", null}, rows)).isTrue();
    }

    @Test
    void theMaskerRewritesRuledFieldsAndCopiesTheRestWithNullsKept() {
        BinaryRows rows = new BinaryRows(List.of(BinaryField.INT8, BinaryField.TEXT, BinaryField.OPAQUE, BinaryField.TEXT), 15);
        ByteSink source = new ByteSink(64);
        rows.beginRow(source);
        rows.writeValue(0, "42", source);
        rows.writeValue(1, "alice@example.org", source);
        source.writeInt(3);
        source.write(new byte[] {9, 8, 7}, 0, 3);
        rows.writeValue(3, null, source);
        ValueTransform upper = (value, row) -> value.toUpperCase();
        RowMasker masker = new RowMasker(new ValueTransform[] {null, upper, null, upper}, rows);
        ByteSink masked = new ByteSink(64);
        masker.mask(source.array(), 0, source.size(), masked);

        int[] starts = new int[4];
        int[] ends = new int[4];
        rows.split(masked.array(), 0, masked.size(), starts, ends);
        assertThat(rows.decode(0, masked.array(), starts[0], ends[0])).isEqualTo("42");
        assertThat(rows.decode(1, masked.array(), starts[1], ends[1])).isEqualTo("ALICE@EXAMPLE.ORG");
        assertThat(Arrays.copyOfRange(masked.array(), starts[2], ends[2])).containsExactly(9, 8, 7);
        assertThat(rows.isNull(masked.array(), starts[3], ends[3])).isTrue();
        assertThat(masker.source(1)).isEqualTo("alice@example.org");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9})
    void aRowCutShortOrWithAnotherFieldCountIsMalformed(int cut) {
        BinaryRows rows = new BinaryRows(List.of(BinaryField.INT4, BinaryField.TEXT), 15);
        ByteSink row = new ByteSink(32);
        rows.beginRow(row);
        rows.writeValue(0, "7", row);
        rows.writeValue(1, "secret", row);
        assertThatThrownBy(() -> rows.split(row.array(), 0, row.size() - cut, new int[2], new int[2]))
                .isInstanceOf(MalformedRowException.class).message().doesNotContain("secret");
        assertThatThrownBy(() -> rows.split(row.array(), 0, row.size(), new int[3], new int[3]))
                .isInstanceOf(MalformedRowException.class).hasMessageContaining("3 columns were expected");
    }
}
