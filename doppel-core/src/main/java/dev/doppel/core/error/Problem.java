package dev.doppel.core.error;

/** One thing wrong with the input, where it is, and what to do about it. */
public record Problem(Location location, String message) {
    @Override
    public String toString() {
        String where = location == null ? "" : location.toString();
        return where.isEmpty() ? message : where + ": " + message;
    }
}
