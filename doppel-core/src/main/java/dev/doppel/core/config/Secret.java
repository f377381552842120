package dev.doppel.core.config;

/** A password or key: its text never appears in {@link #toString()}. */
public record Secret(String value) {
    @Override
    public String toString() {
        return "***";
    }
}
