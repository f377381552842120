package dev.doppel.core.transform.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The word lists behind dictionary transformers, read once from {@code dev/doppel/core/transform/dict/}:
 * one entry a line, columns separated by tabs, {@code #} lines are comments.
 */
public final class Dictionary {
    private static final Map<String, List<String[]>> CACHE = new ConcurrentHashMap<>();

    private Dictionary() {}

    /** The rows of a list, each split at tabs. */
    public static List<String[]> rows(String name) {
        return CACHE.computeIfAbsent(name, Dictionary::read);
    }

    /** One column of a list. */
    public static String[] column(String name, int index) {
        return rows(name).stream().map(r -> r[index]).toArray(String[]::new);
    }

    private static List<String[]> read(String name) {
        String path = "/dev/doppel/core/transform/dict/" + name;
        try (InputStream in = Dictionary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("word list " + path + " is missing from the jar");
            }
            List<String[]> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
