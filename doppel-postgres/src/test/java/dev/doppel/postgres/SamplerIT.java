package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.Secret;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.error.Location;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sampling a table of large documents reads its small values, not the documents. */
class SamplerIT {
    private final TestPostgres server = TestPostgres.get();

    @Test
    void valuesLongerThanTheScannerLooksAtAreSampledAsNull() throws Exception {
        String database = server.createDatabase("sampled");
        SqlScript.run(server, database, """
                CREATE TABLE docs (id int PRIMARY KEY, title text, body text, blob bytea, meta jsonb);
                INSERT INTO docs SELECT i, 'doc ' || i, repeat(md5(i::text), 4096),
                    decode(repeat(md5(i::text), 8192), 'hex'), jsonb_build_object('pad', repeat(md5(i::text), 4096))
                FROM generate_series(1, 5) AS i;
                INSERT INTO docs VALUES (6, 'short', 'a short body', '\\x0102', '{"a": 1}');
                ANALYZE docs;
                """);
        ConnectionConfig config = new ConnectionConfig(server.url(database), server.user(), new Secret(server.password()),
                Location.NONE);
        List<String> rows = new ArrayList<>();
        try (SourceDatabase source = new PostgresEngine().openSource(config)) {
            Table docs = source.readSchema().table(new TableName("public", "docs")).orElseThrow();
            source.sample(docs, docs.columns(), 100, (buffer, offset, length) ->
                    rows.add(new String(buffer, offset, length, StandardCharsets.UTF_8)));
        }
        assertThat(rows).hasSize(6).contains("6\tshort\ta short body\t\\\\x0102\t{\"a\": 1}\n")
                .filteredOn(r -> !r.startsWith("6\t")).allSatisfy(r -> assertThat(r).matches("\\d\tdoc \\d\t\\\\N\t\\\\N\t\\\\N\n"));
    }
}
