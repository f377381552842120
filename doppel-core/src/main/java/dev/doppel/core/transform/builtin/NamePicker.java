package dev.doppel.core.transform.builtin;

import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.support.Texts;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Picks a surname and a given name from a keyed digest of the input so that the written name fits
 * the column: the candidates are sorted by length once, and each pick is made among those that
 * still fit. {@code person_name} and {@code person_name_kana} share it, so that a kana column
 * paired with a name column rebuilds exactly the same picks and writes their readings.
 */
final class NamePicker {
    private final KeyedHash hash;
    final NameBook book;
    final String part;
    final String separator;
    private final Fitting lasts;
    private final Fitting firsts;
    private final int max;
    int lastIndex;
    int firstIndex;

    /** @param byReading measure readings rather than the written names (a standalone kana column) */
    NamePicker(KeyedHash hash, NameBook book, String part, String separator, int max, boolean byReading) {
        this.hash = hash;
        this.book = book;
        this.part = part;
        this.separator = separator;
        this.max = max;
        this.lasts = new Fitting(byReading ? book.lastReading : book.last);
        this.firsts = new Fitting(byReading ? book.firstReading : book.first);
        int needed = switch (part) {
            case "last" -> lasts.shortest;
            case "first" -> firsts.shortest;
            default -> lasts.shortest + separator.length() + firsts.shortest;
        };
        if (needed > max) {
            throw new BindException("column holds " + max + " characters, too few for a " + part + " name ("
                    + needed + " at least)");
        }
    }

    /** Picks the names for {@code value}; read them from {@link #lastIndex} and {@link #firstIndex}. */
    void pick(String value) {
        byte[] digest = hash.digest(value);
        long a = KeyedHash.longAt(digest, 0);
        long b = KeyedHash.longAt(digest, 8);
        switch (part) {
            case "last" -> {
                lastIndex = lasts.pick(a, max);
                firstIndex = firsts.pick(b, Integer.MAX_VALUE);
            }
            case "first" -> {
                lastIndex = lasts.pick(a, Integer.MAX_VALUE);
                firstIndex = firsts.pick(b, max);
            }
            default -> {
                int room = max == Integer.MAX_VALUE ? max : max - separator.length();
                lastIndex = lasts.pick(a, room == Integer.MAX_VALUE ? room : room - firsts.shortest);
                firstIndex = firsts.pick(b, room == Integer.MAX_VALUE ? room
                        : room - Texts.length(lasts.words[lastIndex]));
            }
        }
    }

    /** The picked name, {@code part} of it, written with {@code lastNames} and {@code firstNames}. */
    String write(String which, String[] lastNames, String[] firstNames) {
        return switch (which) {
            case "last" -> lastNames[lastIndex];
            case "first" -> firstNames[firstIndex];
            default -> book.familyNameFirst
                    ? lastNames[lastIndex] + separator + firstNames[firstIndex]
                    : firstNames[firstIndex] + separator + lastNames[lastIndex];
        };
    }

    /** Words sorted by length, so that "a word of at most n characters" is a prefix of the order. */
    private static final class Fitting {
        final String[] words;
        final int[] order;
        final int[] lengths;
        final int shortest;

        Fitting(String[] words) {
            this.words = words;
            this.order = IntStream.range(0, words.length).boxed()
                    .sorted(Comparator.comparingInt(i -> Texts.length(words[i]))).mapToInt(Integer::intValue).toArray();
            this.lengths = Arrays.stream(order).map(i -> Texts.length(words[i])).toArray();
            this.shortest = lengths[0];
        }

        int pick(long bits, int maxLength) {
            int count = lengths.length;
            if (lengths[count - 1] > maxLength) {
                count = 0;
                while (count < lengths.length && lengths[count] <= maxLength) {
                    count++;
                }
                count = Math.max(count, 1);
            }
            return order[Texts.pick(bits, count)];
        }
    }
}
