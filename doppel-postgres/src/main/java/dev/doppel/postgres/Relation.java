package dev.doppel.postgres;

import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.List;

/** A table, partition, view or materialized view as the catalog describes it. */
final class Relation {
    final long oid;
    final TableName name;
    final char kind;
    final boolean partition;
    final boolean unlogged;
    final String partitionKey;
    final String partitionBound;
    final String options;
    final long estimatedRows;
    final long estimatedBytes;
    final boolean populated;
    final List<Long> parents = new ArrayList<>();
    final List<RelationColumn> columns = new ArrayList<>();
    final List<String> inlineChecks = new ArrayList<>();

    Relation(long oid, TableName name, char kind, boolean partition, boolean unlogged, String partitionKey,
             String partitionBound, String options, long estimatedRows, long estimatedBytes, boolean populated) {
        this.oid = oid;
        this.name = name;
        this.kind = kind;
        this.partition = partition;
        this.unlogged = unlogged;
        this.partitionKey = partitionKey;
        this.partitionBound = partitionBound;
        this.options = options;
        this.estimatedRows = estimatedRows;
        this.estimatedBytes = estimatedBytes;
        this.populated = populated;
    }

    boolean isTable() {
        return kind == 'r' || kind == 'p';
    }

    /** A unit of copying: a plain table or the root of a partitioned table (its partitions come along). */
    boolean isCopyUnit() {
        return isTable() && !partition;
    }

    String qualified() {
        return Sql.qualified(name);
    }

    /** {@code ALTER TABLE ONLY t} for plain tables; partitioned tables must cascade to their partitions. */
    String alter() {
        return "ALTER TABLE " + (kind == 'p' ? "" : "ONLY ") + qualified();
    }

    /** A column of a table. */
    record RelationColumn(int number, String name, String type, boolean notNull, String generated, String identity,
                          boolean local, String defaultExpression, String collation, String baseType, String category,
                          int typmod, boolean unique, boolean domainNotNull, String binaryType) {}
}
