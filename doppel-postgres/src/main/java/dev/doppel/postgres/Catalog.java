package dev.doppel.postgres;

/** Pieces of catalog queries used by several readers. */
final class Catalog {
    /** Schemas that belong to the user, not to PostgreSQL. {@code n} is the pg_namespace alias. */
    static final String USER_SCHEMA = "n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

    private Catalog() {}

    /** True when the object is not a member of an extension (which CREATE EXTENSION brings along). */
    static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend ext WHERE ext.classid = '" + catalog + "'::regclass AND ext.objid = "
                + oid + " AND ext.deptype = 'e')";
    }
}
