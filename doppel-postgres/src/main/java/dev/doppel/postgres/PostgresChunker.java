package dev.doppel.postgres;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.jdbc.Jdbc;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits big tables into chunks. A table whose primary key starts with an integer column is split
 * into ranges of that column — stable across runs, so a resumed run can keep finished chunks.
 * Other tables are split into ranges of physical pages ({@code ctid}), which PostgreSQL 14 and
 * later scan directly; rows can move between runs, so such chunks are not stable. The first and
 * last chunks are open-ended, so every row falls in exactly one chunk.
 */
final class PostgresChunker {
    private static final int MAXIMUM_CHUNKS = 256;
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");

    private final Connection connection;
    private final Set<TableName> partitioned;
    private final int serverVersion;

    PostgresChunker(Connection connection, Set<TableName> partitioned, int serverVersion) {
        this.connection = connection;
        this.partitioned = partitioned;
        this.serverVersion = serverVersion;
    }

    List<Chunk> chunks(Table table, long chunkBytes) throws SQLException {
        long size = table.estimatedBytes();
        if (chunkBytes <= 0 || size < 2 * chunkBytes) {
            return List.of(Chunk.WHOLE);
        }
        int wanted = (int) Math.min(MAXIMUM_CHUNKS, (size + chunkBytes - 1) / chunkBytes);
        String[] key = integerKey(table);
        if (key != null) {
            return keyRanges(table, key[0], wanted);
        }
        if (serverVersion >= 140000 && !partitioned.contains(table.name())) {
            return pageRanges(table, wanted);
        }
        return List.of(Chunk.WHOLE);
    }

    /** The first primary-key column and its type, when it is an integer; otherwise null. */
    private String[] integerKey(Table table) throws SQLException {
        String[][] key = new String[1][];
        Jdbc.query(connection, "SELECT a.attname, format_type(a.atttypid, NULL) FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
                + " WHERE i.indrelid = ?::regclass AND i.indisprimary", row -> key[0] = new String[] {row.getString(1),
                row.getString(2)}, Sql.qualified(table.name()));
        return key[0] != null && INTEGER_TYPES.contains(key[0][1]) ? key[0] : null;
    }

    private List<Chunk> keyRanges(Table table, String column, int wanted) throws SQLException {
        long[] bounds = new long[2];
        boolean[] any = new boolean[1];
        String from = (partitioned.contains(table.name()) ? "" : "ONLY ") + Sql.qualified(table.name());
        Jdbc.query(connection, "SELECT min(" + Sql.ident(column) + "), max(" + Sql.ident(column) + ") FROM " + from, row -> {
            any[0] = row.getObject(1) != null;
            bounds[0] = row.getLong(1);
            bounds[1] = row.getLong(2);
        });
        if (!any[0] || bounds[1] == bounds[0]) {
            return List.of(Chunk.WHOLE);
        }
        long span = bounds[1] - bounds[0] + 1;
        int count = (int) Math.min(wanted, span);
        long step = (span + count - 1) / count;
        String name = Sql.ident(column);
        List<Chunk> chunks = new ArrayList<>();
        Long lower = null;
        for (int i = 1; i <= count; i++) {
            Long upper = i == count ? null : bounds[0] + i * step;
            if (upper != null && upper > bounds[1]) {
                upper = null;
            }
            String predicate = lower == null ? name + " < " + upper
                    : upper == null ? name + " >= " + lower
                    : name + " >= " + lower + " AND " + name + " < " + upper;
            chunks.add(new Chunk(column + ":[" + (lower == null ? "" : lower) + "," + (upper == null ? "" : upper) + ")",
                    predicate, true));
            if (upper == null) {
                break;
            }
            lower = upper;
        }
        return chunks;
    }

    private List<Chunk> pageRanges(Table table, int wanted) throws SQLException {
        long pages = pages(connection, table.name());
        return pageRanges(pages, (int) Math.min(wanted, pages));
    }

    /** The pages the table's main fork has now, rows not yet visible included. */
    static long pages(Connection connection, TableName table) throws SQLException {
        long[] pages = new long[1];
        Jdbc.query(connection, "SELECT pg_relation_size(?::regclass) / current_setting('block_size')::bigint",
                row -> pages[0] = row.getLong(1), Sql.qualified(table));
        return pages[0];
    }

    /**
     * {@code count} ranges of about the same number of pages, the first and last open-ended; the
     * whole table when that is fewer than two.
     */
    static List<Chunk> pageRanges(long pages, int count) {
        if (pages < 2 || count < 2) {
            return List.of(Chunk.WHOLE);
        }
        long step = (pages + count - 1) / count;
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long lower = i * step;
            long upper = (i + 1) * step;
            boolean last = i == count - 1 || upper >= pages;
            String predicate = (i == 0 ? "" : "ctid >= '(" + lower + ",0)'::tid")
                    + (i > 0 && !last ? " AND " : "")
                    + (last ? "" : "ctid < '(" + upper + ",0)'::tid");
            if (predicate.isEmpty()) {
                return List.of(Chunk.WHOLE);
            }
            chunks.add(new Chunk("pages:[" + (i == 0 ? "" : lower) + "," + (last ? "" : upper) + ")", predicate, false));
            if (last) {
                break;
            }
        }
        return chunks;
    }
}
