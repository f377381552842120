package dev.doppel.core.config;

import dev.doppel.core.error.Location;
import dev.doppel.core.error.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} with an environment variable and {@code ${file:PATH}} with a file's
 * content (trailing line breaks removed; relative paths start at the config file's folder).
 */
public final class Interpolator {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private final Function<String, String> environment;
    private final Path baseDirectory;

    public Interpolator(Function<String, String> environment, Path baseDirectory) {
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    /** The text with every reference resolved; an unresolved one is a problem at {@code location}. */
    public String resolve(String text, Location location, Problems problems) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String name = matcher.group(2).trim();
            String value = kind.equals("env") ? fromEnvironment(name, location, problems) : fromFile(name, location, problems);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String fromEnvironment(String name, Location location, Problems problems) {
        String value = environment.apply(name);
        if (value == null) {
            problems.add(location, "environment variable " + name + " is not set; export it before running doppel");
        }
        return value;
    }

    private String fromFile(String name, Location location, Problems problems) {
        Path path = baseDirectory.resolve(name);
        try {
            return Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            problems.add(location, "cannot read " + path + " (" + e.getClass().getSimpleName()
                    + "); check that the file exists and is readable");
            return null;
        }
    }
}
