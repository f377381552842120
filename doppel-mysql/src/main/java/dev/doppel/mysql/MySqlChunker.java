package dev.doppel.mysql;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.schema.Table;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a big table into ranges of its integer primary key, about {@code chunkBytes} each by
 * the catalog's size estimate. The first and last ranges are open-ended, so that every row falls
 * in exactly one chunk whatever keys the snapshot holds; ranges select by key, so they are stable
 * across runs. Tables without a single integer primary key, and small ones, are one chunk.
 */
final class MySqlChunker {
    private static final Set<String> INTEGER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final int MAX_CHUNKS = 1000;

    private final Connection connection;

    MySqlChunker(Connection connection) {
        this.connection = connection;
    }

    List<Chunk> chunks(Table table, long chunkBytes) throws SQLException {
        if (chunkBytes <= 0 || table.estimatedBytes() <= chunkBytes) {
            return List.of(Chunk.WHOLE);
        }
        List<String[]> key = new ArrayList<>();
        Catalog.query(connection, "SELECT s.COLUMN_NAME, c.DATA_TYPE FROM information_schema.STATISTICS s"
                + " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME"
                + " AND c.COLUMN_NAME = s.COLUMN_NAME WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.INDEX_NAME = 'PRIMARY'",
                row -> key.add(new String[] {row.getString(1), row.getString(2)}), table.name().schema(), table.name().name());
        if (key.size() != 1 || !INTEGER.contains(key.get(0)[1].toLowerCase(Locale.ROOT))) {
            return List.of(Chunk.WHOLE);
        }
        String column = Sql.ident(key.get(0)[0]);
        BigInteger[] range = new BigInteger[2];
        Catalog.showCreate(connection, "SELECT CAST(MIN(" + column + ") AS CHAR), CAST(MAX(" + column + ") AS CHAR) FROM "
                + Sql.qualified(table.name()), row -> {
                    if (row.getString(1) != null) {
                        range[0] = new BigInteger(row.getString(1));
                        range[1] = new BigInteger(row.getString(2));
                    }
                });
        if (range[0] == null) {
            return List.of(Chunk.WHOLE);
        }
        long wanted = Math.min(MAX_CHUNKS, (table.estimatedBytes() + chunkBytes - 1) / chunkBytes);
        BigInteger span = range[1].subtract(range[0]).add(BigInteger.ONE);
        BigInteger step = span.divide(BigInteger.valueOf(wanted));
        if (wanted < 2 || step.signum() <= 0) {
            return List.of(Chunk.WHOLE);
        }
        List<Chunk> chunks = new ArrayList<>();
        String name = key.get(0)[0];
        BigInteger lower = null;
        for (long i = 1; i < wanted; i++) {
            BigInteger upper = range[0].add(step.multiply(BigInteger.valueOf(i)));
            chunks.add(new Chunk(name + ":[" + (lower == null ? "" : lower) + "," + upper + ")",
                    (lower == null ? "" : column + " >= " + lower + " AND ") + column + " < " + upper, true));
            lower = upper;
        }
        chunks.add(new Chunk(name + ":[" + lower + ",)", column + " >= " + lower, true));
        return chunks;
    }
}
