package dev.doppel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Where a doppel command spent its time, read from its log: each progress phase ({@code · copying
 * …}, {@code · creating indexes …}) lasts until the next one, the last until the final line;
 * "starting" (the JVM, reading the config) until the first. Work announced as running alongside
 * another phase is part of it.
 */
final class Phases {
    private record Phase(String name, double start) {}

    private Phases() {}

    /**
     * "creating indexes, constraints and triggers, verifying the target alongside" goes on while
     * the verification's own "verifying the target" line is printed: one phase.
     */
    private static boolean runsAlongside(String current, String next) {
        return current.endsWith(" alongside") && current.contains(next);
    }

    static String of(Path log) throws IOException {
        List<Phase> phases = new ArrayList<>(List.of(new Phase("starting", 0)));
        double end = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher stamped = Measured.STAMPED.matcher(line);
            if (stamped.matches()) {
                end = Double.parseDouble(stamped.group(1));
                String text = stamped.group(2);
                if (text.startsWith("· ") && Character.isLowerCase(text.charAt(2))) {
                    String name = text.substring(2).split("[:(0-9]| at | file", 2)[0].strip();
                    if (!runsAlongside(phases.get(phases.size() - 1).name(), name)) {
                        phases.add(new Phase(name, end));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < phases.size(); i++) {
            double until = i + 1 < phases.size() ? phases.get(i + 1).start() : end;
            out.append(String.format(Locale.ROOT, "%s%s %.1f s", i == 0 ? "" : " · ", phases.get(i).name(),
                    until - phases.get(i).start()));
        }
        return out.toString();
    }
}
