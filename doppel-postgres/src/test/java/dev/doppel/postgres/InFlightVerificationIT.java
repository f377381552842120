package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.CopyPipeline;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.verify.ColumnVerdict;
import dev.doppel.core.verify.SourceFilters;
import dev.doppel.core.verify.Verifier;
import dev.doppel.core.verify.VerifyReport;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Verification that takes its first look at the source while the copy masks it reaches the same
 * verdicts, counts included, as verification that reads the source again, on a clean target and on
 * one where masked values were put back; and where the copy's outputs explain every target value
 * that equals a source value, it does not read the source again.
 */
class InFlightVerificationIT {
    private final TestPostgres server = TestPostgres.get();
    private final TransformerRegistry registry = TransformerRegistry.load();
    private final PostgresEngine engine = new PostgresEngine();

    @Test
    void fingerprintsTakenDuringTheCopyGiveTheVerdictsOfASecondRead() throws Exception {
        String source = Fixture.createSource(server);
        DoppelConfig config = Fixture.config(server, source, server.createDatabase("unused"));
        Plan plan = new MaskedCopy(registry, Engines.load()).plan(config).plan();
        RuleBinder binder = new RuleBinder(registry, new MaskingKey(Fixture.KEY), config.masking().locale());
        Verifier verifier = new Verifier(binder, Set.of(), CopyListener.NONE, 2);
        long maskedTables = plan.copied().stream().filter(t -> t.copiedColumns().stream().anyMatch(c -> c.masked())).count();

        String clean = server.createDatabase("target");
        VerifyReport seen = verify(verifier, plan, config, clean, copy(verifier, binder, plan, config, clean));
        assertThat(seen.passed()).as(seen.describe()).isTrue();
        assertThat(seen.tablesFromCopy()).isEqualTo(maskedTables).isPositive();
        VerifyReport reread = verify(verifier, plan, config, clean, null);
        assertThat(reread.tablesFromCopy()).isZero();
        assertThat(counts(seen)).isEqualTo(counts(reread));

        String tampered = server.createDatabase("target");
        SourceFilters filters = copy(verifier, binder, plan, config, tampered);
        try (Connection connection = server.connect(tampered); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE app.orders SET contact_email = 'user' || customer_id || '@example.org'"
                    + " WHERE id <= 40 AND contact_email IS NOT NULL");
        }
        VerifyReport leaked = verify(verifier, plan, config, tampered, filters);
        assertThat(leaked.tablesFromCopy()).isEqualTo(maskedTables);
        assertThat(leaked.leaks()).extracting(ColumnVerdict::qualified).containsExactly("app.orders.contact_email");
        assertThat(leaked.leaks().get(0).survived()).isBetween(20L, 40L);
        assertThat(counts(leaked)).isEqualTo(counts(verify(verifier, plan, config, tampered, null)));
    }

    /**
     * Birth dates shifted by up to 30 days land on other people's birth dates: every target value is
     * a candidate for the Bloom filter. The outputs the copy wrote explain them all, so the source is
     * not read a second time — until isolated birth dates are put back on the target, which the
     * outputs do not explain.
     */
    @Test
    void outputsTheCopyWroteExplainCoincidencesWithoutASecondReadAndLeaksAreStillFound() throws Exception {
        String source = server.createDatabase("source");
        try (Connection connection = server.connect(source); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE people (id int PRIMARY KEY, birth_date date)");
            statement.execute("INSERT INTO people SELECT i, date '1980-01-01' + i % 400 FROM generate_series(1, 3000) AS i");
            statement.execute("INSERT INTO people SELECT 10000 + k, date '1900-01-01' + 100 * k FROM generate_series(1, 10) AS k");
        }
        DoppelConfig config = Fixture.config(server, source, source, """
                  tables:
                    public.people: { columns: { id: keep, birth_date: { transformer: date_shift, days: 30 } } }
                """);
        Plan plan = new MaskedCopy(registry, Engines.load()).plan(config).plan();
        RuleBinder binder = new RuleBinder(registry, new MaskingKey(Fixture.KEY), config.masking().locale());
        Verifier verifier = new Verifier(binder, Set.of(), CopyListener.NONE, 2);

        String target = server.createDatabase("target");
        SourceFilters filters = copy(verifier, binder, plan, config, target);
        VerifyReport seen = verify(verifier, plan, config, target, filters);
        VerifyReport reread = verify(verifier, plan, config, target, null);
        assertThat(seen.passed()).as(seen.describe()).isTrue();
        assertThat(seen.tablesFromCopy()).isEqualTo(1);
        assertThat(seen.tablesReadAgain()).isZero();
        assertThat(reread.tablesReadAgain()).as("without the outputs every coincidence needs the second read").isEqualTo(1);
        assertThat(counts(seen)).isEqualTo(counts(reread));

        String tampered = server.createDatabase("target");
        SourceFilters again = copy(verifier, binder, plan, config, tampered);
        try (Connection connection = server.connect(tampered); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE people SET birth_date = date '1900-01-01' + 100 * (id - 10000) WHERE id > 10000");
        }
        VerifyReport leaked = verify(verifier, plan, config, tampered, again);
        assertThat(leaked.tablesReadAgain()).isEqualTo(1);
        assertThat(leaked.leaks()).extracting(ColumnVerdict::qualified).containsExactly("public.people.birth_date");
        assertThat(leaked.leaks().get(0).survived()).as("date_shift never shifts by 0 days").isEqualTo(10);
        assertThat(counts(leaked)).isEqualTo(counts(verify(verifier, plan, config, tampered, null)));
    }

    /**
     * Kept text columns are scanned in what the copy wrote, and a table left with only a column
     * ruled null to check has its values counted on the target: the verdicts and counts are those
     * of reading the target, for a kept column that leaks and for a column ruled null that someone
     * filled with empty strings.
     */
    @Test
    void keptColumnsScannedAsCopiedAndNullColumnsCountedOnTheTargetGiveTheVerdictsOfReadingIt() throws Exception {
        String source = server.createDatabase("source");
        try (Connection connection = server.connect(source); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tickets (id int PRIMARY KEY, kind text, contact text, secret text)");
            statement.execute("INSERT INTO tickets SELECT i, CASE WHEN i % 2 = 0 THEN 'open' ELSE 'closed' END,"
                    + " CASE WHEN i % 400 = 0 THEN 'write to user' || i || '@example.org' WHEN i % 3 = 0 THEN NULL"
                    + " ELSE 'called back' END, 'pin ' || i FROM generate_series(1, 2000) AS i");
        }
        DoppelConfig config = Fixture.config(server, source, source, """
                  tables:
                    public.tickets: { columns: { id: keep, kind: keep, contact: keep, secret: null } }
                """);
        Plan plan = new MaskedCopy(registry, Engines.load()).plan(config).plan();
        RuleBinder binder = new RuleBinder(registry, new MaskingKey(Fixture.KEY), config.masking().locale());
        Verifier verifier = new Verifier(binder, Set.of(), CopyListener.NONE, 2);

        String clean = server.createDatabase("target");
        VerifyReport seen = verify(verifier, plan, config, clean, copy(verifier, binder, plan, config, clean));
        assertThat(seen.leaks()).extracting(ColumnVerdict::qualified).containsExactly("public.tickets.contact");
        assertThat(seen.leaks().get(0).patterns()).containsOnly(java.util.Map.entry("e-mail address", 5L));
        assertThat(seen.tablesFromCopy()).as("no masked column was fingerprinted").isZero();
        assertThat(counts(seen)).isEqualTo(counts(verify(verifier, plan, config, clean, null)))
                .contains("public.tickets.kind 2000 0 0 false", "public.tickets.secret 0 0 0 false");

        String tampered = server.createDatabase("target");
        SourceFilters filters = copy(verifier, binder, plan, config, tampered);
        try (Connection connection = server.connect(tampered); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE public.tickets SET secret = '' WHERE id <= 3");
        }
        VerifyReport filled = verify(verifier, plan, config, tampered, filters);
        assertThat(filled.leaks()).extracting(ColumnVerdict::qualified)
                .containsExactly("public.tickets.contact", "public.tickets.secret");
        assertThat(filled.leaks().get(1).detail()).isEqualTo("3 target values are not NULL although the rule writes NULL");
        assertThat(counts(filled)).isEqualTo(counts(verify(verifier, plan, config, tampered, null)));
    }

    private SourceFilters copy(Verifier verifier, RuleBinder binder, Plan plan, DoppelConfig config, String target) {
        SourceFilters filters = verifier.sourceFilters(plan);
        try (SourceDatabase from = engine.openSource(config.source(), 2); TargetDatabase to = engine.openTarget(at(config, target))) {
            from.readSchema();
            new CopyPipeline(binder, CopyListener.NONE).run(plan, from, to, new CopyOptions(2, false), target, filters);
        }
        return filters;
    }

    private VerifyReport verify(Verifier verifier, Plan plan, DoppelConfig config, String target, SourceFilters seen) {
        try (SourceDatabase from = engine.openSource(config.source()); SourceDatabase written = engine.openSource(at(config, target))) {
            from.readSchema();
            return verifier.verify(plan, from, written, seen);
        }
    }

    private ConnectionConfig at(DoppelConfig config, String database) {
        ConnectionConfig target = config.target();
        return new ConnectionConfig(server.url(database), target.user(), target.password(), target.location());
    }

    private static List<String> counts(VerifyReport report) {
        return report.columns().stream().map(c -> c.qualified() + " " + c.values() + " " + c.survived() + " "
                + c.sameByDesign() + " " + c.leak()).toList();
    }
}
