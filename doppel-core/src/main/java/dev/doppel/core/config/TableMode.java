package dev.doppel.core.config;

/** What happens to a table. */
public enum TableMode {
    /** Schema and (masked) rows. */
    COPY,
    /** The table is created on the target, empty. */
    SCHEMA_ONLY,
    /** The table does not exist on the target; objects that need it are left out too. */
    EXCLUDE;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
