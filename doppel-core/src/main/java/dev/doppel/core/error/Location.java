package dev.doppel.core.error;

/** Where something stands in a config file; {@code line} and {@code column} start at 1. */
public record Location(String file, int line, int column) {
    public static final Location NONE = new Location(null, 0, 0);

    @Override
    public String toString() {
        if (file == null) {
            return "";
        }
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
