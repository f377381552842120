package dev.doppel.core.config;

/** What to do with a column of a copied table that has no rule and no {@code keep}. */
public enum Unclassified {
    /** Stop before anything is written, listing every such column. */
    FAIL,
    /** Copy it unchanged and list it as a warning. */
    WARN
}
