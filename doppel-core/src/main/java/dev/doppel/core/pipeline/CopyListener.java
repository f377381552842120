package dev.doppel.core.pipeline;

/** Hears what a run is doing, for progress displays and logs. Called from worker threads. */
public interface CopyListener {
    default void phase(String description) {}

    default void tableStarted(TableProgress table) {}

    default void tableFinished(TableProgress table) {}

    /** An index, key or constraint built after the load: its description (never a value) and time. */
    default void built(String object, double seconds) {}

    default void warning(String message) {}

    CopyListener NONE = new CopyListener() {};
}
