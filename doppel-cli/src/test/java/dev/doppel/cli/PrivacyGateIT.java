package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TableChecksums;
import dev.doppel.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy gate and pre-flight through the command line: the source changes after the config
 * was written, and nothing reaches the target until the config catches up.
 */
class PrivacyGateIT {
    private final TestPostgres server = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void aColumnAddedToTheSourceAfterTheConfigStopsPlanAndRunAndTheTargetStaysEmpty() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        cli.execute(source, "ALTER TABLE app.customers ADD COLUMN line_id text;"
                + " UPDATE app.customers SET line_id = 'line-' || md5(id::text)");
        Map<String, String> sourceBefore = checksums(source);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target);

        Cli.Result plan = cli.doppel("plan", "-c", config.toString());
        Cli.Result run = cli.doppel("run", "-c", config.toString());

        for (Cli.Result result : new Cli.Result[] {plan, run}) {
            assertThat(result.code()).as(result.all()).isEqualTo(4);
            assertThat(result.err()).contains("privacy gate stopped the run: 1 column has no rule",
                    "app.customers.line_id (text): scan proposes", "user name or handle", "Nothing was written.",
                    "      app.customers:\n        columns:\n          line_id: ");
        }
        assertThat(cli.tables(target)).isZero();
        assertThat(checksums(source)).isEqualTo(sourceBefore);
        assertThat(run.out()).contains("Audit report: ");
        Path json = report(config, ".json");
        assertThat(Files.readString(json)).contains("\"outcome\" : \"stopped by the privacy gate\"",
                "\"unclassifiedColumns\" : [ \"app.customers.line_id (text)\" ]", "\"exitCode\" : 4");
    }

    @Test
    void aNewTableInTheSourceStopsTheRunNamingTheTableAndEachColumn() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        cli.execute(source, "CREATE TABLE app.coupons (code text PRIMARY KEY, owner_email text);"
                + " INSERT INTO app.coupons SELECT 'C' || i, 'owner' || i || '@example.org' FROM generate_series(1, 40) i");
        String target = server.createDatabase("target");

        Cli.Result run = cli.doppel("run", "-c", cli.config(source, target).toString());

        assertThat(run.code()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("2 columns have no rule", "app.coupons.code (text), in new table app.coupons",
                "app.coupons.owner_email (text), in new table app.coupons: scan proposes email",
                "      app.coupons:   # new table; or { mode: exclude } to leave it out",
                "          owner_email: email");
        assertThat(cli.tables(target)).isZero();
    }

    @Test
    void excludingTheNewTableLetsTheRunThroughAndTheReportRecordsIt() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        cli.execute(source, "CREATE TABLE app.coupons (code text PRIMARY KEY, owner_email text)");
        String target = server.createDatabase("target");
        Path config = cli.config(source, target, "    app.scratch: { mode: exclude }=>    app.scratch: { mode: exclude }\n"
                + "    app.coupons: { mode: exclude }");

        Cli.Result run = cli.doppel("run", "-c", config.toString(), "--jobs", "2");

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.err()).contains("Verification passed");
        String json = Files.readString(report(config, ".json"));
        assertThat(json).contains("\"outcome\" : \"ok\"", "\"table\" : \"app.coupons\"", "\"mode\" : \"exclude\"",
                "\"fingerprint\" : \"sha256:", "\"rowsCopied\" : 7503");
        assertThat(Files.readString(report(config, ".md"))).contains("# doppel run: ok", "## Privacy gate: passed",
                "## Leak verification: passed", "| app.customers | copy | 500 |");
        assertThat(json + Files.readString(report(config, ".md"))).doesNotContain(Cli.PASSWORD, Fixture.KEY, "@example.org");
    }

    @Test
    void preflightReportsEveryConflictAtOnceBeforeTheTargetIsOpened() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target,
                "email: email=>email: { transformer: constant, value: \"x@example.com\" }",
                "full_name: { transformer: hash, length: 20 }=>full_name: \"null\"",
                "country: keep=>country: { transformer: constant, value: \"JPN\" }",
                "score: keep=>score: { transformer: constant, value: \"-1\" }",
                "mood: keep=>mood: { transformer: constant, value: \"angry\" }",
                "placed_on: keep=>placed_on: { transformer: constant, value: \"soon\" }");

        Cli.Result plan = cli.doppel("plan", "-c", config.toString());

        assertThat(plan.code()).as(plan.all()).isEqualTo(2);
        assertThat(plan.err()).contains(
                "app.customers.email (character varying(100)): the column is UNIQUE, and 'constant' may write equal values",
                "app.customers.full_name (text): column is NOT NULL, so 'null' cannot be written",
                "app.customers.country (character(2)): value has 3 characters but the column holds at most 2",
                "app.customers.country is masked with 'constant' but the key it references, app.countries.code, is kept",
                "app.customers.score (app.positive_int): 'constant' wrote",
                "break domain app.positive_int positive CHECK ((VALUE > 0))",
                "app.customers.mood (app.mood): 'constant' wrote", "that are not labels of enum app.mood",
                "app.orders.placed_on (date): 'constant' wrote", "that are not valid date values");
        assertThat(plan.err()).contains("(7 problems)");
        assertThat(cli.tables(target)).isZero();
    }

    @Test
    void scanPlanRunAndVerifyLeaveTheSourceAsItWas() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        Map<String, String> before = checksums(source);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target);

        assertThat(cli.doppel("scan", "-c", config.toString()).code()).isZero();
        assertThat(cli.doppel("plan", "-c", config.toString()).code()).isZero();
        assertThat(cli.doppel("run", "-c", config.toString()).code()).isZero();
        assertThat(cli.doppel("verify", "-c", config.toString()).code()).isZero();

        assertThat(checksums(source)).isEqualTo(before);
    }

    private Map<String, String> checksums(String database) throws Exception {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.of(connection);
        }
    }

    private Path report(Path config, String extension) throws Exception {
        try (Stream<Path> files = Files.list(config.getParent().resolve("doppel-reports"))) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
