package dev.doppel.mysql;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.Table;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Splits a table bigger than twice {@code chunkBytes} (by the catalog's size estimate) into
 * ranges of the first column of its key, when that column is an integer: the primary key, or
 * without one a unique key whose columns are all NOT NULL (the key InnoDB then clusters on). A
 * composite key is split on its first column, so {@code PRIMARY KEY (tenant_id, id)} gives
 * ranges of {@code tenant_id}. The first and last ranges are open-ended, so that every row falls
 * in exactly one chunk whatever keys the snapshot holds; ranges select by key, so they are
 * stable across runs and a resumed run keeps the chunks an earlier one finished.
 *
 * <p>Tables without such a key (no key, or one that starts with a string, a date or a binary
 * value) are one chunk: read by one worker and, when interrupted, copied again whole. MySQL has
 * no physical row address that a range could select, as PostgreSQL's {@code ctid}.
 */
final class MySqlChunker {
    private static final Set<String> INTEGER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final int MAX_CHUNKS = 1000;

    private final Connection connection;

    MySqlChunker(Connection connection) {
        this.connection = connection;
    }

    List<Chunk> chunks(Table table, long chunkBytes) throws SQLException {
        if (chunkBytes <= 0 || table.estimatedBytes() < 2 * chunkBytes) {
            return List.of(Chunk.WHOLE);
        }
        long wanted = (table.estimatedBytes() + chunkBytes - 1) / chunkBytes;
        return keyRanges(table, span -> wanted);
    }

    /**
     * The table in ranges of its integer key for a read that should not hold the table's metadata
     * lock for long (see {@link MySqlTableReader}): about {@code keysPerRange} key values each, or
     * more where that would make more than {@value #MAX_CHUNKS} ranges. Unlike {@link #chunks},
     * this does not trust the catalog's size estimate, which lags behind a table just loaded.
     */
    List<Chunk> readRanges(Table table, long keysPerRange) throws SQLException {
        BigInteger perRange = BigInteger.valueOf(Math.max(1, keysPerRange));
        return keyRanges(table, span -> span.add(perRange).subtract(BigInteger.ONE).divide(perRange)
                .min(BigInteger.valueOf(MAX_CHUNKS)).longValueExact());
    }

    /** @param wanted how many ranges, given how many key values lie between the least and the greatest */
    private List<Chunk> keyRanges(Table table, Function<BigInteger, Long> wanted) throws SQLException {
        String column = integerKey(table);
        if (column == null) {
            return List.of(Chunk.WHOLE);
        }
        String quoted = Sql.ident(column);
        BigInteger[] range = new BigInteger[2];
        Catalog.showCreate(connection, "SELECT CAST(MIN(" + quoted + ") AS CHAR), CAST(MAX(" + quoted + ") AS CHAR) FROM "
                + Sql.qualified(table.name()), row -> {
                    if (row.getString(1) != null) {
                        range[0] = new BigInteger(row.getString(1));
                        range[1] = new BigInteger(row.getString(2));
                    }
                });
        if (range[0] == null || range[0].equals(range[1])) {
            return List.of(Chunk.WHOLE);
        }
        BigInteger span = range[1].subtract(range[0]).add(BigInteger.ONE);
        BigInteger count = span.min(BigInteger.valueOf(Math.max(1, Math.min(MAX_CHUNKS, wanted.apply(span)))));
        BigInteger step = span.add(count).subtract(BigInteger.ONE).divide(count);
        List<Chunk> chunks = new ArrayList<>();
        BigInteger lower = null;
        for (BigInteger upper = range[0].add(step); upper.compareTo(range[1]) <= 0; upper = upper.add(step)) {
            chunks.add(new Chunk(column + ":[" + (lower == null ? "" : lower) + "," + upper + ")",
                    (lower == null ? "" : quoted + " >= " + lower + " AND ") + quoted + " < " + upper, true));
            lower = upper;
        }
        if (lower == null) {
            return List.of(Chunk.WHOLE);
        }
        chunks.add(new Chunk(column + ":[" + lower + ",)", quoted + " >= " + lower, true));
        return chunks;
    }

    /**
     * The first column of the primary key, or else of a unique key whose columns are all NOT NULL,
     * when it is an integer; otherwise null.
     */
    private String integerKey(Table table) throws SQLException {
        Map<String, String[]> first = new LinkedHashMap<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        Jdbc.query(connection, "SELECT s.INDEX_NAME, s.SEQ_IN_INDEX, s.COLUMN_NAME, c.DATA_TYPE, c.IS_NULLABLE"
                + " FROM information_schema.STATISTICS s JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA"
                + " AND c.TABLE_NAME = s.TABLE_NAME AND c.COLUMN_NAME = s.COLUMN_NAME"
                + " WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0"
                + " ORDER BY s.INDEX_NAME <> 'PRIMARY', s.INDEX_NAME, s.SEQ_IN_INDEX", row -> {
                    String index = row.getString(1);
                    if (row.getInt(2) == 1) {
                        first.put(index, new String[] {row.getString(3), row.getString(4).toLowerCase(Locale.ROOT)});
                    }
                    nullable.merge(index, "YES".equals(row.getString(5)), Boolean::logicalOr);
                }, table.name().schema(), table.name().name());
        String[] primary = first.get("PRIMARY");
        if (primary != null) {
            return INTEGER.contains(primary[1]) ? primary[0] : null;
        }
        for (Map.Entry<String, String[]> index : first.entrySet()) {
            if (!nullable.get(index.getKey()) && INTEGER.contains(index.getValue()[1])) {
                return index.getValue()[0];
            }
        }
        return null;
    }

    /** True for the key ranges this class makes ({@code id:[100,200)}), whose predicate is MySQL SQL. */
    static boolean isKeyRange(Chunk chunk) {
        return chunk.key().matches("[^/]+:\\[-?\\d*,-?\\d*\\)");
    }
}
