package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.Fixture;
import dev.doppel.postgres.TableChecksums;
import dev.doppel.postgres.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The doppel command end to end: exit codes, messages, and no secret in any output. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoppelCliIT {
    private static final String PASSWORD = "hunter2-never-shown";
    private final TestPostgres server = TestPostgres.get();
    private String source;

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    void createSource() {
        source = Fixture.createSource(server);
    }

    private Result doppel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), args);
        Result result = new Result(code, out.toString(), err.toString());
        assertThat(result.all()).doesNotContain(PASSWORD, Fixture.KEY);
        return result;
    }

    private Path config(String target, String edit) throws IOException {
        Files.writeString(dir.resolve("key.txt"), Fixture.KEY);
        String text = Fixture.configText(server, source, target)
                .replace("${env:PGPASS}", PASSWORD)
                .replace("${env:DOPPEL_KEY}", "${file:key.txt}");
        if (edit != null) {
            String[] change = edit.split("=>", 2);
            assertThat(text).contains(change[0]);
            text = text.replace(change[0], change[1]);
        }
        Path file = dir.resolve("doppel.yml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Result result = doppel("--help");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("demo", "plan", "run", "transformers", "privacy gate");
    }

    @Test
    void planShowsEveryTableAndWritesNothing() throws Exception {
        String target = server.createDatabase("target");
        Result result = doppel("plan", "-c", config(target, null).toString());
        assertThat(result.code()).as(result.all()).isZero();
        assertThat(result.out()).contains("app.customers  copy  ~500 rows", "email", "hash (length=20)",
                "app.audit  schema_only", "app.scratch  exclude", "left out view app.scratch_view", "Nothing was written.");
        assertThat(tablesIn(target)).isZero();
    }

    @Test
    void runCopiesAndPrintsASummary() throws Exception {
        String target = server.createDatabase("target");
        Result result = doppel("run", "-c", config(target, null).toString(), "--jobs", "2");
        assertThat(result.code()).as(result.all()).isZero();
        assertThat(result.out()).contains("Done in", "5 tables copied (+1 schema only)", "7,503 rows", "7 masked columns");
        assertThat(result.err()).contains("copied app.customers", "creating schema")
                .containsPattern("built index customers_pkey on app.customers +\\d+\\.\\d s")
                .contains("built constraint customers_pkey on app.customers", "built foreign key");
    }

    @Test
    void aBadConfigExitsTwoNamingFileLineAndColumn() throws Exception {
        Path file = config("nowhere", "email: email=>email: emial");
        Result result = doppel("run", "-c", file.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("doppel.yml:11:16: unknown transformer 'emial' for app.customers.email");
    }

    @Test
    void aMissingDatabaseOrRoleExitsThree() throws Exception {
        Result missingDatabase = doppel("plan", "-c", config("nowhere", server.url(source) + "\"=>" + server.url("no_such_db") + "\"")
                .toString());
        assertThat(missingDatabase.code()).as(missingDatabase.all()).isEqualTo(3);
        assertThat(missingDatabase.err()).contains("source database does not exist");

        Result badRole = doppel("plan", "-c", config("nowhere", "user: \"" + server.user() + "\", password=>user: \"intruder\", password")
                .toString());
        assertThat(badRole.code()).as(badRole.all()).isEqualTo(3);
        assertThat(badRole.err()).contains("refused the credentials", "Check source.user and source.password");
    }

    @Test
    void anUnreachableServerExitsThree() throws Exception {
        Result result = doppel("plan", "-c", config("nowhere", server.url(source) + "\"=>jdbc:postgresql://127.0.0.1:1/x\"").toString());
        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err()).contains("Cannot connect to the source");
    }

    @Test
    void anUnclassifiedColumnExitsFourAndWritesNothing() throws Exception {
        String target = server.createDatabase("target");
        Result result = doppel("run", "-c", config(target, "        phone: { transformer: constant, value: \"000\" }\n=>").toString());
        assertThat(result.code()).isEqualTo(4);
        assertThat(result.err()).contains("privacy gate", "app.customers.phone (text)", "phone number").containsPattern("phone: (phone|hash)\\n");
        assertThat(tablesIn(target)).isZero();
    }

    @Test
    void aNonEmptyTargetIsRefusedWithExitTwo() throws Exception {
        String target = server.createDatabase("target");
        try (Connection connection = server.connect(target)) {
            connection.createStatement().execute("CREATE TABLE precious (id int); INSERT INTO precious VALUES (1)");
        }
        Result result = doppel("run", "-c", config(target, null).toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("not empty", "table public.precious", "--replace");
        try (Connection connection = server.connect(target)) {
            assertThat(TableChecksums.counts(connection)).containsExactly(java.util.Map.entry("public.precious", 1L));
        }
    }

    @Test
    void transformersCanBeListedAndShown() {
        assertThat(doppel("transformers", "list").out()).contains("email", "hash", "keep", "null", "constant");
        Result show = doppel("transformers", "show", "hash");
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("length", "encoding", "tanaka.hanako@example.jp  →  ");
        assertThat(doppel("transformers", "show", "nope").code()).isEqualTo(2);
    }

    @Test
    void unknownOptionsExitTwo() {
        Result result = doppel("run", "-c", "x.yml", "--frobnicate");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option");
    }

    private long tablesIn(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.counts(connection).size();
        }
    }
}
