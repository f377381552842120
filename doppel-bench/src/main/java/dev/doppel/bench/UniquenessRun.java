package dev.doppel.bench;

import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;
import java.util.Arrays;
import java.util.List;

/**
 * The documented uniqueness run of issue 7 §5: ten million distinct inputs through each
 * unique-safe rule, counting equal outputs. Run with
 * {@code java -Xmx2g -cp doppel-bench/target/benchmarks.jar dev.doppel.bench.UniquenessRun [count]}.
 */
public final class UniquenessRun {
    private static final RowValues NO_ROW = index -> null;

    private UniquenessRun() {}

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        List<String> rules = List.of("hash", "email", "phone", "postal_code", "credit_card", "my_number", "uuid", "ip",
                "username");
        for (String name : rules) {
            Catalogue.Rule rule = Catalogue.rule(name);
            ValueTransform transform = Catalogue.bind(rule);
            long[] inputs = new long[count];
            long[] outputs = new long[count];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                String input = input(name, i);
                inputs[i] = fingerprint(input);
                outputs[i] = fingerprint(transform.apply(input, NO_ROW));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("%-12s %,d inputs, %d equal inputs, %d equal outputs, %,d ms%n", name, count,
                    duplicates(inputs), duplicates(outputs), millis);
        }
    }

    /** Distinct inputs of each rule's format, up to ten million and more. */
    static String input(String rule, int i) {
        return switch (rule) {
            case "phone" -> "090-" + Catalogue.pad(i / 10_000, 4) + "-" + Catalogue.pad(i % 10_000, 4);
            case "postal_code" -> "〒" + Catalogue.pad(i / 10_000_000, 1) + Catalogue.pad(i / 10_000 % 1000, 3) + "-"
                    + Catalogue.pad(i % 10_000, 4);
            case "credit_card" -> "4111 " + Catalogue.pad(i / 100_000_000L, 4) + " " + Catalogue.pad(i / 10_000 % 10_000, 4)
                    + " " + Catalogue.pad(i % 10_000, 4);
            case "my_number" -> Catalogue.pad(i, 12);
            case "uuid" -> Catalogue.pad(i, 8) + "-0000-4000-8000-000000000000";
            case "ip" -> (i >>> 24) + "." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255);
            default -> Catalogue.rule(rule).input().apply(i);
        };
    }

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
}
