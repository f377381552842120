package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Leak verification after a run and as its own command: counts per column, exit 4. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakVerificationIT {
    private final TestPostgres server = TestPostgres.get();
    private String source;

    @TempDir
    Path dir;

    @BeforeAll
    void createSource() {
        source = Fixture.createSource(server);
    }

    @Test
    void anEmailColumnSetToKeepIsALeakAndTheTargetIsEmptied() throws Exception {
        Cli cli = new Cli(server, dir);
        String target = server.createDatabase("target");

        Cli.Result run = cli.doppel("run", "-c", cli.config(source, target, "        email: email\n=>        email: keep\n").toString());

        assertThat(run.code()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("Verification FAILED", "1 column leaks",
                "app.customers.email (keep): kept values that look like personal data: 500 e-mail address (of 500)",
                "The target was emptied");
        assertThat(cli.tables(target)).isZero();
        String json = Files.readString(latest(".json"));
        assertThat(json).contains("\"outcome\" : \"leak verification failed\"", "\"column\" : \"app.customers.email\"",
                "\"leak\" : true").doesNotContain("@example.org");
    }

    @Test
    void verifyReportsTheLeakOfAKeptEmailColumnOnATargetKeptForInvestigation() throws Exception {
        Cli cli = new Cli(server, dir);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target, "        email: email\n=>        email: keep\n");

        Cli.Result run = cli.doppel("run", "-c", config.toString(), "--on-leak", "keep");
        assertThat(run.code()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("The target was kept (--on-leak keep)");
        assertThat(cli.count(target, "SELECT count(*) FROM app.customers")).isEqualTo(500);

        Cli.Result verify = cli.doppel("verify", "-c", config.toString());
        assertThat(verify.code()).as(verify.all()).isEqualTo(4);
        assertThat(verify.err()).contains("app.customers.email (keep): kept values that look like personal data: 500 e-mail",
                "Nothing was changed on the target");
        assertThat(cli.count(target, "SELECT count(*) FROM app.customers")).isEqualTo(500);
    }

    @Test
    void verifyCountsMaskedValuesThatSurvivedAndOnlyThose() throws Exception {
        Cli cli = new Cli(server, dir);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target);
        Cli.Result run = cli.doppel("run", "-c", config.toString(), "--no-verify");
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.err()).contains("leak verification is switched off");
        assertThat(cli.doppel("verify", "-c", config.toString()).code()).isZero();

        cli.execute(target, "UPDATE app.orders SET contact_email = 'user' || customer_id || '@example.org'"
                + " WHERE id <= 40 AND contact_email IS NOT NULL");
        long restored = cli.count(target, "SELECT count(*) FROM app.orders WHERE contact_email LIKE '%@example.org'");
        assertThat(restored).isBetween(20L, 40L);

        Cli.Result verify = cli.doppel("verify", "-c", config.toString());
        assertThat(verify.code()).as(verify.all()).isEqualTo(4);
        assertThat(verify.err()).contains("Verification FAILED", "1 column leaks",
                "app.orders.contact_email (email): " + restored + " of 1500 target values equal a source value of the column");
        assertThat(verify.err()).doesNotContain("app.customers.email (email):", "@example.org");
    }

    @Test
    void aColumnRuledNullMustHoldOnlyNullWhetherOrNotItsValuesAreTheSources() throws Exception {
        Cli cli = new Cli(server, dir);
        String target = server.createDatabase("target");
        Path config = cli.config(source, target);
        assertThat(cli.doppel("run", "-c", config.toString()).code()).isZero();
        assertThat(cli.count(target, "SELECT count(*) FROM app.customers WHERE profile IS NOT NULL OR avatar IS NOT NULL")).isZero();
        assertThat(cli.count(source, "SELECT count(*) FROM app.customers WHERE profile IS NOT NULL")).isPositive();

        cli.execute(target, "UPDATE app.customers SET profile = '{\"made\": \"up\"}' WHERE id <= 7");

        Cli.Result verify = cli.doppel("verify", "-c", config.toString());
        assertThat(verify.code()).as(verify.all()).isEqualTo(4);
        assertThat(verify.err()).contains("1 column leaks",
                "app.customers.profile (null): 7 target values are not NULL although the rule writes NULL");
    }

    @Test
    void aConstantThatEqualsSomeSourceValuesIsNotALeakByDesign() throws Exception {
        Cli cli = new Cli(server, dir);
        String target = server.createDatabase("target");
        String sameAsOneSourceValue = "+81-90-0000-0001";

        Cli.Result run = cli.doppel("run", "-c", cli.config(source, target,
                "phone: { transformer: constant, value: \"000\" }=>phone: { transformer: constant, value: \""
                        + sameAsOneSourceValue + "\" }").toString());

        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.err()).contains("Verification passed");
        assertThat(Files.readString(latest(".md"))).contains("| app.customers.phone | constant | masked | 334 | 0 | 1 |");
    }

    private Path latest(String extension) throws Exception {
        try (Stream<Path> files = Files.list(dir.resolve("doppel-reports"))) {
            return files.filter(f -> f.toString().endsWith(extension)).sorted().reduce((a, b) -> b).orElseThrow();
        }
    }
}
