package dev.doppel.cli;

/** How a run shows its progress. */
enum ProgressMode {
    /** Bars on a terminal, lines otherwise. */
    AUTO,
    /** A live bar per running table. */
    BARS,
    /** One line per finished table. */
    LINES,
    /** Only warnings and the summary. */
    NONE
}
