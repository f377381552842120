package dev.doppel.cli;

import java.util.Locale;

/** Number formatting for people. */
final class Formats {
    private Formats() {}

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String bytes(long value) {
        if (value < 1024) {
            return value + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double scaled = value;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", scaled, units[unit]);
    }

    static String seconds(double value) {
        return value < 60 ? String.format(Locale.ROOT, "%.1f s", value)
                : String.format(Locale.ROOT, "%dm%02ds", (long) value / 60, (long) value % 60);
    }
}
