package dev.doppel.postgres;

import dev.doppel.core.schema.TableName;

/**
 * A sequence and where it belongs: {@code ownedBy} is the column of a serial ({@code a}) or
 * identity ({@code i}) column, or null for a free-standing sequence.
 */
record Sequence(long oid, TableName name, String type, long start, long increment, long max, long min, long cache,
                boolean cycle, char dependency, TableName ownerTable, long ownerTableOid, int ownerColumn,
                String ownerColumnName, Long lastValue) {

    String qualified() {
        return Sql.qualified(name);
    }

    String options() {
        return "AS " + type + " INCREMENT BY " + increment + " MINVALUE " + min + " MAXVALUE " + max + " START WITH "
                + start + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
    }
}
