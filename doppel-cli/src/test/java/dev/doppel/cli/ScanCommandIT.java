package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel scan}: proposals for every column, and {@code --write} that adds without touching. */
class ScanCommandIT {
    private final TestPostgres server = TestPostgres.get();

    @TempDir
    Path dir;

    @Test
    void scanWriteAddsProposalsLeavingExistingRulesAndCommentsIntactAndThePlanThenPasses() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = Fixture.createSource(server);
        cli.execute(source, "ALTER TABLE app.customers ADD COLUMN line_id text;"
                + " UPDATE app.customers SET line_id = 'line-' || md5(id::text);"
                + " CREATE TABLE app.coupons (code text PRIMARY KEY, owner_email text);"
                + " INSERT INTO app.coupons SELECT 'C' || i, 'owner' || i || '@example.org' FROM generate_series(1, 40) i;"
                + " ANALYZE");
        Path config = cli.config(source, server.createDatabase("target"),
                "    app.customers:\n=>    # people who buy things; reviewed by the privacy team\n    app.customers:\n",
                "        email: email\n=>        email: email          # login, UNIQUE\n",
                "contact_email: email }=>contact_email: keep }   # to be reviewed");
        String before = Files.readString(config);

        Cli.Result scan = cli.doppel("scan", "-c", config.toString(), "--sample-rows", "300");
        assertThat(scan.code()).as(scan.all()).isZero();
        assertThat(scan.out()).contains("values are never shown", "app.coupons  (new table: not in the config)",
                "NEW  → email", "KEPT, BUT LOOKS PERSONAL (scan proposes email)", "rule: email",
                "Run again with --write").doesNotContain("@example.org", "line-");
        assertThat(scan.out()).containsPattern("line_id +text +NEW  → username");
        assertThat(Files.readString(config)).isEqualTo(before);

        Cli.Result write = cli.doppel("scan", "-c", config.toString(), "--write");
        assertThat(write.code()).as(write.all()).isZero();
        assertThat(write.out()).contains("Added 3 rules to " + config + "; existing rules and comments are unchanged.");
        String after = Files.readString(config);
        assertThat(linesInOrder(before.lines().toList(), after.lines().toList())).as(after).isTrue();
        assertThat(after).contains("        line_id: username   # scan: user name or handle",
                "    app.coupons:   # new table", "        code: keep   # scan: no personal data found",
                "        owner_email: email   # scan: e-mail address, 0.97 high",
                "contact_email: keep }   # to be reviewed", "        email: email          # login, UNIQUE")
                .doesNotContain("@example.org");

        Cli.Result plan = cli.doppel("plan", "-c", config.toString());
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("Privacy gate: passed", "line_id", "app.coupons  copy");

        Cli.Result again = cli.doppel("scan", "-c", config.toString(), "--write");
        assertThat(again.out()).contains("Every column already has a rule");
        assertThat(Files.readString(config)).isEqualTo(after);
    }

    private static boolean linesInOrder(List<String> original, List<String> merged) {
        int at = 0;
        for (String line : original) {
            while (at < merged.size() && !merged.get(at).equals(line)) {
                at++;
            }
            if (at++ >= merged.size()) {
                return false;
            }
        }
        return true;
    }
}
