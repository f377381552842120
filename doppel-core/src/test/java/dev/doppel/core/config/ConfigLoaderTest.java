package dev.doppel.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Problem;
import dev.doppel.core.error.ProblemsException;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of("SOURCE_PASSWORD", "s3cret-source", "DOPPEL_KEY", "0123456789abcdef0123");

    @TempDir
    Path dir;

    private DoppelConfig parse(String yaml) {
        return new ConfigLoader(TransformerRegistry.load(), ENV::get).parse(yaml, "doppel.yml", dir, dir.resolve("doppel.yml"));
    }

    private List<Problem> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ProblemsException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void readsTheContractFromDesign() throws IOException {
        Files.writeString(dir.resolve("target.pw"), "t4rget\n");
        DoppelConfig config = parse("""
                version: 1
                source: { url: "jdbc:postgresql://replica:5432/app", user: doppel_ro, password: "${env:SOURCE_PASSWORD}" }
                target: { url: "jdbc:postgresql://staging:5432/app", user: doppel, password: "${file:target.pw}" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                  locale: ja
                  unclassified: warn
                  tables:
                    public.users:
                      columns:
                        email: email
                        full_name: { transformer: hash, length: 16 }
                        plan: keep
                        birth: null
                    public.events: { where: "created_at > now() - interval '90 days'" }
                    public.audit_log: { mode: schema_only }
                    public.tmp_import: { mode: exclude }
                """);
        assertThat(config.source().password().value()).isEqualTo("s3cret-source");
        assertThat(config.target().password().value()).isEqualTo("t4rget");
        assertThat(config.masking().key().value()).isEqualTo("0123456789abcdef0123");
        assertThat(config.masking().locale()).isEqualTo("ja");
        assertThat(config.masking().unclassified()).isEqualTo(Unclassified.WARN);
        TablePolicy users = config.masking().table(new TableName("public", "users")).orElseThrow();
        assertThat(users.columns().keySet()).containsExactly("email", "full_name", "plan", "birth");
        assertThat(users.columns().get("birth").transformer()).isEqualTo("null");
        assertThat(users.columns().get("full_name").params()).containsKey("length");
        assertThat(config.masking().table(new TableName("public", "events")).orElseThrow().where()).contains("90 days");
        assertThat(config.masking().table(new TableName("public", "audit_log")).orElseThrow().mode()).isEqualTo(TableMode.SCHEMA_ONLY);
        assertThat(config.masking().table(new TableName("public", "tmp_import")).orElseThrow().mode()).isEqualTo(TableMode.EXCLUDE);
        assertThat(config.toString()).doesNotContain("s3cret-source", "t4rget", "0123456789abcdef0123");
    }

    @Test
    void reportsEveryProblemAtOnceWithLineAndColumn() {
        List<Problem> problems = problems("""
                version: 2
                source: { url: "jdbc:postgresql://db/app", password: "${env:MISSING_PASSWORD}" }
                masking:
                  key: short
                  unclassified: sometimes
                  colour: blue
                  tables:
                    users:
                      columns: { email: emial }
                    public.orders:
                      mode: copy_everything
                      columns:
                        total: { transformer: hash, length: many, salt: x }
                        note: { transformer: hash, encoding: rot13 }
                """);
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "doppel.yml:1:10: version must be 1; this doppel reads config version 1",
                "doppel.yml:2:54: environment variable MISSING_PASSWORD is not set; export it before running doppel",
                "doppel.yml:4:8: masking.key must have at least 16 characters; generate one with: openssl rand -base64 32",
                "doppel.yml:5:17: unclassified must be 'fail' or 'warn'",
                "doppel.yml:6:3: unknown key 'masking.colour'; expected one of key, locale, tables, unclassified, verify",
                "doppel.yml:8:5: table 'users' must be written as schema.table, e.g. public.users",
                "doppel.yml:11:13: mode must be copy, schema_only or exclude",
                "doppel.yml:13:45: parameter 'length' of 'hash' must be a whole number",
                "doppel.yml:13:57: transformer 'hash' has no parameter 'salt'; it takes: length, encoding, domain",
                "doppel.yml:14:46: parameter 'encoding' of 'hash' must be one of hex, base64");
    }

    @Test
    void namesAnUnknownTransformerAndWhereItIs() {
        assertThat(problems("""
                version: 1
                source: { url: "jdbc:postgresql://db/app" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                  tables:
                    public.users:
                      columns:
                        email: emial
                """)).extracting(Problem::toString).containsExactly(
                "doppel.yml:8:16: unknown transformer 'emial' for public.users.email; 'doppel transformers list' shows the available ones");
    }

    @Test
    void requiresTheMaskingKeyAndASource() {
        assertThat(problems("version: 1\nmasking: {}\n")).extracting(Problem::message).containsExactlyInAnyOrder(
                "'source' is missing: give it a url, user and password",
                "masking.key is missing; set it to \"${env:DOPPEL_KEY}\" and keep the key secret: it decides every masked value");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> parse("version: 1\nsource: { url: \"x\"\nmasking: [\n"))
                .isInstanceOf(ProblemsException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("doppel.yml:");
    }

    @Test
    void reportsADuplicatedKey() {
        assertThat(problems("""
                version: 1
                source: { url: "jdbc:postgresql://db/app" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                  tables:
                    public.users: { columns: { email: email } }
                    public.users: { columns: { email: keep } }
                """)).extracting(Problem::toString).containsExactly(
                "doppel.yml:7:5: 'public.users' is written twice (first at line 6); keep one");
    }

    @Test
    void aMissingFileSaysWhatToDo() {
        assertThatThrownBy(() -> new ConfigLoader(TransformerRegistry.load()).load(dir.resolve("nope.yml")))
                .isInstanceOf(DoppelException.class)
                .hasMessageContaining("does not exist")
                .extracting(e -> ((DoppelException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }
}
