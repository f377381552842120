package dev.doppel.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.ColumnKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 7 §5: a million distinct inputs through each unique-safe transformer give a million
 * distinct outputs. The format-preserving ones are one-to-one by construction, so this checks the
 * construction; the digest ones (hash, email) check that 80 bits or more leave no collision.
 */
class UniquenessTest {
    private static final int COUNT = 1_000_000;

    record Case(String transformer, Map<String, ?> params, ColumnKind kind, IntFunction<String> input) {
        @Override
        public String toString() {
            return transformer + (params.isEmpty() ? "" : " " + params);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("hash", Map.of("length", 20), ColumnKind.TEXT, i -> "customer-" + i),
                new Case("email", Map.of(), ColumnKind.TEXT, i -> "user" + i + "@example.jp"),
                new Case("phone", Map.of(), ColumnKind.TEXT, i -> "090-" + pad(i / 10_000, 4) + "-" + pad(i % 10_000, 4)),
                new Case("postal_code", Map.of(), ColumnKind.TEXT, i -> pad(i / 10_000, 3) + "-" + pad(i % 10_000, 4)),
                new Case("username", Map.of(), ColumnKind.TEXT, i -> "user_" + i),
                new Case("ip", Map.of("keep_prefix", 8), ColumnKind.TEXT, i -> "10." + (i >>> 16) + "." + (i >>> 8 & 255)
                        + "." + (i & 255)),
                new Case("credit_card", Map.of(), ColumnKind.TEXT, i -> CatalogPropertiesTest.card(i)),
                new Case("my_number", Map.of(), ColumnKind.TEXT, i -> CatalogPropertiesTest.myNumber(i)),
                new Case("uuid", Map.of(), ColumnKind.UUID, i -> pad(i, 8) + "-0000-4000-8000-" + pad(i, 12)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aMillionDistinctInputsGiveAMillionDistinctOutputs(Case c) {
        ValueTransform t = Rules.bind(c.transformer(), c.params(), Rules.column("c", c.kind(), -1));
        long[] inputs = new long[COUNT];
        long[] outputs = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            String input = c.input().apply(i);
            inputs[i] = fingerprint(input);
            outputs[i] = fingerprint(t.apply(input, Rules.NO_ROW));
        }
        assertThat(duplicates(inputs)).as("equal inputs").isZero();
        assertThat(duplicates(outputs)).as("equal outputs").isZero();
    }

    /**
     * 64 bits of the string: equal strings always share it, so a collision among outputs is always
     * seen; distinct strings share it with a chance of 10^-8 in a million, which would only make
     * the test fail spuriously, never pass wrongly.
     */
    private static long fingerprint(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h ^ ((long) s.hashCode() << 32);
    }

    private static int duplicates(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int duplicates = 0;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                duplicates++;
            }
        }
        return duplicates;
    }

    private static String pad(int value, int width) {
        String digits = Integer.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    @Test
    void everyUniqueSafeTransformerIsCoveredHere() {
        Set<String> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.transformer()));
        covered.add("keep");
        covered.add("null");
        Rules.registry().all().stream().map(Transformer::descriptor).filter(TransformerDescriptor::uniqueSafe)
                .forEach(d -> assertThat(covered).as("1M test for %s", d.name()).contains(d.name()));
    }
}
