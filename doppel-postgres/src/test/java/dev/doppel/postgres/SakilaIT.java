package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A real-world schema (enums, domains, arrays, tsvector, rules, inheritance, aggregates) copied and compared. */
class SakilaIT {
    @Test
    void copiesSakilaWithItsPersonalColumnsMasked() throws Exception {
        Optional<Path> dataset = SharedDatasets.find("sakila-postgres");
        assumeTrue(dataset.isPresent(), "shared/datasets/sakila-postgres is not beside this checkout");
        TestPostgres server = TestPostgres.get();
        String source = server.createDatabase("sakila");
        SqlScript.run(server, source, dataset.get().resolve("schema.sql"));
        SqlScript.run(server, source, dataset.get().resolve("data.sql"));
        String target = server.createDatabase("sakila_copy");
        String config = Fixture.resource("sakila.yml").replace("@SOURCE@", server.url(source))
                .replace("@TARGET@", server.url(target)).replace("@USER@", server.user());
        List<String> warnings = new ArrayList<>();
        Map<String, String> before;
        try (Connection connection = server.connect(source)) {
            before = TableChecksums.of(connection);
        }

        RunSummary summary = new MaskedCopy(TransformerRegistry.load(), Engines.load())
                .run(Fixture.load(config, server), new CopyOptions(2, false), new CopyListener() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });

        try (Connection s = server.connect(source); Connection t = server.connect(target)) {
            assertThat(TableChecksums.counts(t)).isEqualTo(TableChecksums.counts(s)).hasSizeGreaterThanOrEqualTo(21);
            assertThat(TableChecksums.of(s)).isEqualTo(before);
            assertThat(count(t, "SELECT count(*) FROM customer_list")).isEqualTo(count(s, "SELECT count(*) FROM customer_list"));
            assertThat(count(t, "SELECT count(*) FROM film WHERE fulltext @@ to_tsquery('drama')")).isPositive();
            assertThat(count(t, "SELECT count(*) FROM customer c WHERE email LIKE '%@sakilacustomer.org'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM pg_rules WHERE schemaname = 'public'")).isEqualTo(6);
            assertThat(count(t, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"))
                    .isEqualTo(count(s, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"));
            assertThat(count(t, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"))
                    .isEqualTo(count(s, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"));
            assertThat(count(t, "SELECT length(group_concat(name)) FROM category")).isPositive();
            assertThat(count(t, "SELECT count(*) FROM film_in_stock(1, 1)")).isEqualTo(count(s, "SELECT count(*) FROM film_in_stock(1, 1)"))
                    .isPositive();
        }
        assertThat(summary.rows()).isGreaterThan(40_000);
        assertThat(warnings).anyMatch(w -> w.contains("unclassified column public.film.title"));
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
