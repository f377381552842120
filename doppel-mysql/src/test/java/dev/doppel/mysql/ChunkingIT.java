package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.error.Location;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
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

/** Chunk boundaries cover every row exactly once, whatever the key; tables without a usable key are one chunk. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkingIT {
    private static final long CHUNK_BYTES = 16 * 1024;
    private static final String SOURCE = "doppel_chunks_src";
    private final TestServer server = TestServer.get();

    @BeforeAll
    void createTables() throws Exception {
        server.recreate(SOURCE);
        String n = server.numbers();
        server.run(SOURCE, """
                CREATE TABLE gaps (id bigint PRIMARY KEY, v varchar(40));
                INSERT INTO gaps SELECT i * i, CONCAT('v', i) FROM @N WHERE i <= 3000;
                INSERT INTO gaps VALUES (-5, 'negative'), (9223372036854775000, 'huge');
                CREATE TABLE unsigned_key (id bigint unsigned PRIMARY KEY, v varchar(40));
                INSERT INTO unsigned_key SELECT 18446744073709551615 - i * 1000003, REPEAT('u', 30) FROM @N WHERE i <= 3000;
                CREATE TABLE composite (tenant int, seq int, v varchar(40), PRIMARY KEY (tenant, seq));
                INSERT INTO composite SELECT i % 37, i, REPEAT('x', 20) FROM @N WHERE i <= 5000;
                CREATE TABLE unique_not_null (code int NOT NULL, other int, v varchar(40), UNIQUE KEY (code));
                INSERT INTO unique_not_null SELECT i * 3, i, REPEAT('w', 30) FROM @N WHERE i <= 4000;
                CREATE TABLE text_key (code char(32) PRIMARY KEY, v varchar(40));
                INSERT INTO text_key SELECT MD5(i), REPEAT('y', 30) FROM @N WHERE i <= 4000;
                CREATE TABLE nullable_unique (a int NULL, b varchar(40), UNIQUE KEY (a));
                INSERT INTO nullable_unique SELECT IF(i % 10 = 0, NULL, i), REPEAT('z', 30) FROM @N WHERE i <= 4000;
                CREATE TABLE no_key (a int, b varchar(60));
                INSERT INTO no_key SELECT i % 10, REPEAT('z', 40) FROM @N WHERE i <= 4000;
                CREATE TABLE myisam_key (id int PRIMARY KEY, v varchar(40)) ENGINE=MyISAM;
                INSERT INTO myisam_key SELECT i, REPEAT('m', 30) FROM @N WHERE i <= 4000;
                ANALYZE TABLE gaps, unsigned_key, composite, unique_not_null, text_key, nullable_unique, no_key, myisam_key;
                """.replace("@N", n));
    }

    private ConnectionConfig connection() {
        return new ConnectionConfig(server.url(SOURCE), server.adminUser(), new Secret(server.adminPassword()), Location.NONE);
    }

    @Test
    void everyRowFallsInExactlyOneChunk() throws SQLException {
        try (SourceDatabase db = Engines.load().relational(server.url(SOURCE)).openSource(connection());
             Connection connection = server.admin(SOURCE)) {
            Map<String, List<Chunk>> chunks = db.readSchema().tables().stream()
                    .collect(Collectors.toMap(t -> t.name().name(), t -> db.chunks(t, CHUNK_BYTES)));
            assertThat(chunks.get("gaps")).hasSizeGreaterThan(2).allMatch(Chunk::stable).first()
                    .satisfies(c -> assertThat(c.predicate()).isEqualTo("`id` < " + c.key().substring(5, c.key().length() - 1)));
            assertThat(chunks.get("gaps")).last().satisfies(c -> assertThat(c.predicate()).doesNotContain("<"));
            assertThat(chunks.get("unsigned_key")).hasSizeGreaterThan(2).allMatch(c -> c.key().startsWith("id:"));
            assertThat(chunks.get("composite")).hasSizeGreaterThan(2).allMatch(c -> c.key().startsWith("tenant:"));
            assertThat(chunks.get("unique_not_null")).hasSizeGreaterThan(2).allMatch(c -> c.key().startsWith("code:"));
            assertThat(chunks.get("myisam_key")).hasSizeGreaterThan(2);
            for (String whole : List.of("text_key", "nullable_unique", "no_key")) {
                assertThat(chunks.get(whole)).as(whole).containsExactly(Chunk.WHOLE);
            }
            for (Map.Entry<String, List<Chunk>> table : chunks.entrySet()) {
                if (table.getValue().equals(List.of(Chunk.WHOLE))) {
                    continue;
                }
                String membership = table.getValue().stream().map(c -> "(" + c.predicate() + ")")
                        .collect(Collectors.joining(" + "));
                assertThat(count(connection, "SELECT COUNT(*) FROM " + table.getKey() + " WHERE " + membership + " <> 1"))
                        .as(table.getKey()).isZero();
                long sum = 0;
                for (Chunk chunk : table.getValue()) {
                    sum += count(connection, "SELECT COUNT(*) FROM " + table.getKey() + " WHERE " + chunk.predicate());
                }
                assertThat(sum).as(table.getKey()).isEqualTo(count(connection, "SELECT COUNT(*) FROM " + table.getKey()));
            }
        }
    }

    @Test
    void aChunkedCopyEqualsTheSource() throws SQLException {
        String target = "doppel_chunks_copy";
        server.recreate(target);
        String config = """
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PW}" }
                target: { url: "%s", user: "%s", password: "${env:PW}" }
                masking: { key: "${env:KEY}", unclassified: warn }
                """.formatted(server.url(SOURCE), server.adminUser(), server.url(target), server.adminUser());
        Map<String, String> env = Map.of("PW", server.adminPassword(), "KEY", "chunking-test-key-0123456789abcdef");
        RunSummary summary = new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(
                new ConfigLoader(TransformerRegistry.load(), env::get).parse(config, "chunks.yml", Path.of("."), null),
                new CopyOptions(2, false, false, CHUNK_BYTES, 3), CopyListener.NONE);
        try (Connection s = server.admin(SOURCE); Connection t = server.admin(target)) {
            assertThat(TableSums.of(t)).isEqualTo(TableSums.of(s)).hasSize(8);
            assertThat(count(t, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND TABLE_NAME LIKE '\\_doppel%'")).isZero();
        }
        assertThat(summary.rows()).isEqualTo(3002 + 3000 + 5000 + 4000 + 4000 + 4000 + 4000 + 4000);
    }

    @Test
    void smallTablesAreOneChunk() {
        try (SourceDatabase db = Engines.load().relational(server.url(SOURCE)).openSource(connection())) {
            Table gaps = db.readSchema().table(new TableName(SOURCE, "gaps")).orElseThrow();
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
