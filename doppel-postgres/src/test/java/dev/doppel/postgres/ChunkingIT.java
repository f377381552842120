package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.error.Location;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Chunk boundaries cover every row exactly once, whatever the key. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkingIT {
    private static final long CHUNK_BYTES = 16 * 1024;
    private final TestPostgres server = TestPostgres.get();
    private String source;

    @BeforeAll
    void createTables() throws Exception {
        source = server.createDatabase("chunks");
        SqlScript.run(server, source, """
                CREATE TABLE gaps (id bigint PRIMARY KEY, v text);
                INSERT INTO gaps SELECT i * i, 'v' || i FROM generate_series(1, 3000) i;
                INSERT INTO gaps VALUES (-5, 'negative'), (9223372036854775000, 'huge');
                CREATE TABLE composite (tenant integer, seq integer, v text, PRIMARY KEY (tenant, seq));
                INSERT INTO composite SELECT i % 37, i, repeat('x', 20) FROM generate_series(1, 5000) i;
                CREATE TABLE text_key (code text PRIMARY KEY, v text);
                INSERT INTO text_key SELECT md5(i::text), repeat('y', 30) FROM generate_series(1, 4000) i;
                CREATE TABLE no_key (a integer, b text);
                INSERT INTO no_key SELECT i % 10, repeat('z', 40) FROM generate_series(1, 4000) i;
                CREATE TABLE parted (id integer PRIMARY KEY, v text) PARTITION BY RANGE (id);
                CREATE TABLE parted_a PARTITION OF parted FOR VALUES FROM (0) TO (2000);
                CREATE TABLE parted_b PARTITION OF parted FOR VALUES FROM (2000) TO (100000);
                INSERT INTO parted SELECT i, repeat('p', 30) FROM generate_series(0, 4999) i;
                ANALYZE;
                """);
    }

    private ConnectionConfig connection(String database) {
        return new ConnectionConfig(server.url(database), server.user(), new Secret(server.password()), Location.NONE);
    }

    @Test
    void everyRowFallsInExactlyOneChunk() throws SQLException {
        try (SourceDatabase db = Engines.load().relational(server.url(source)).openSource(connection(source));
             Connection connection = server.connect(source)) {
            SourceSchema schema = db.readSchema();
            Map<String, List<Chunk>> chunks = schema.tables().stream()
                    .collect(Collectors.toMap(t -> t.name().name(), t -> db.chunks(t, CHUNK_BYTES)));
            assertThat(chunks.get("gaps")).hasSizeGreaterThan(2).allMatch(Chunk::stable).first()
                    .satisfies(c -> assertThat(c.predicate()).isEqualTo("\"id\" < " + c.key().substring(5, c.key().length() - 1)));
            assertThat(chunks.get("composite")).hasSizeGreaterThan(2).allMatch(c -> c.key().startsWith("tenant:"));
            assertThat(chunks.get("text_key")).hasSizeGreaterThan(2).noneMatch(Chunk::stable);
            assertThat(chunks.get("no_key")).hasSizeGreaterThan(2).allMatch(c -> c.key().startsWith("pages:"));
            assertThat(chunks.get("parted")).hasSizeGreaterThan(1).allMatch(Chunk::stable);
            for (Map.Entry<String, List<Chunk>> table : chunks.entrySet()) {
                String membership = table.getValue().stream().map(c -> "(" + c.predicate() + ")::int")
                        .collect(Collectors.joining(" + "));
                assertThat(count(connection, "SELECT count(*) FROM " + table.getKey() + " WHERE " + membership + " <> 1"))
                        .as(table.getKey()).isZero();
                long sum = 0;
                for (Chunk chunk : table.getValue()) {
                    sum += count(connection, "SELECT count(*) FROM " + table.getKey() + " WHERE " + chunk.predicate());
                }
                assertThat(sum).as(table.getKey()).isEqualTo(count(connection, "SELECT count(*) FROM " + table.getKey()));
            }
        }
    }

    @Test
    void aChunkedCopyEqualsTheSource() throws SQLException {
        String target = server.createDatabase("chunks_copy");
        String config = """
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                target: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                masking: { key: "${env:DOPPEL_KEY}", unclassified: warn }
                """.formatted(server.url(source), server.user(), server.url(target), server.user());
        RunSummary summary = new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(Fixture.load(config, server),
                new CopyOptions(2, false, false, CHUNK_BYTES, 3), CopyListener.NONE);
        try (Connection s = server.connect(source); Connection t = server.connect(target)) {
            assertThat(TableChecksums.of(t)).isEqualTo(TableChecksums.of(s));
            assertThat(count(t, "SELECT count(*) FROM pg_namespace WHERE nspname = '_doppel'")).isZero();
        }
        assertThat(summary.rows()).isEqualTo(3002 + 5000 + 4000 + 4000 + 5000);
    }

    @Test
    void smallTablesAreOneChunk() throws SQLException {
        try (SourceDatabase db = Engines.load().relational(server.url(source)).openSource(connection(source))) {
            Table gaps = db.readSchema().table(new TableName("public", "gaps")).orElseThrow();
            assertThat(db.chunks(gaps, 1L << 30)).containsExactly(Chunk.WHOLE);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
