package dev.doppel.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Problem;
import dev.doppel.core.error.ProblemsException;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final TableName USERS = new TableName("public", "users");
    private static final TableName TMP = new TableName("public", "tmp");
    private static final SourceSchema SCHEMA = new SourceSchema("test", "1", List.of(
            new Table(USERS, List.of(
                    new Column("id", "integer", ColumnKind.INTEGER, false, -1, true, false),
                    new Column("email", "varchar(100)", ColumnKind.TEXT, false, 100, true, false),
                    new Column("code", "varchar(5)", ColumnKind.TEXT, false, 5, false, false),
                    new Column("domain", "text", ColumnKind.TEXT, true, -1, false, true)), 10, 100),
            new Table(TMP, List.of(new Column("x", "integer", ColumnKind.INTEGER, true, -1, false, false)), 1, 1)),
            List.of(new DdlStatement(DdlStatement.Phase.PRE_DATA, "table public.tmp", "CREATE TABLE tmp", Set.of(TMP)),
                    new DdlStatement(DdlStatement.Phase.PRE_DATA, "view public.v", "CREATE VIEW v", Set.of(TMP, USERS)),
                    new DdlStatement(DdlStatement.Phase.PRE_DATA, "table public.users", "CREATE TABLE users", Set.of(USERS))));

    private static Plan plan(String tables) {
        return new Planner(TransformerRegistry.load()).plan(config(tables), SCHEMA);
    }

    private static DoppelConfig config(String tables) {
        String yaml = "version: 1\nsource: { url: \"jdbc:postgresql://db/x\" }\nmasking:\n  key: \"0123456789abcdef\"\n" + tables;
        return new ConfigLoader(TransformerRegistry.load(), Map.<String, String>of()::get)
                .parse(yaml, "doppel.yml", Path.of("."), Path.of("doppel.yml"));
    }

    @Test
    void plansEveryTableAndLeavesOutWhatExcludedTablesTakeAlong() {
        Plan plan = plan("""
                  tables:
                    public.users: { columns: { id: keep, email: email, code: keep } }
                    public.tmp: { mode: exclude }
                """);
        assertThat(plan.copied()).extracting(t -> t.table().name()).containsExactly(USERS);
        assertThat(plan.maskedColumns()).isEqualTo(1);
        assertThat(plan.ddl()).extracting(DdlStatement::object).containsExactly("table public.users");
        assertThat(plan.warnings()).containsExactly("left out view public.v (needs excluded public.tmp)");
        assertThat(plan.copied().get(0).copiedColumns()).extracting(c -> c.column().name()).containsExactly("id", "email", "code");
    }

    @Test
    void theGateListsEveryUnclassifiedColumnOfCopiedTables() {
        assertThatThrownBy(() -> plan("""
                  tables:
                    public.users: { columns: { email: email } }
                """))
                .isInstanceOf(UnclassifiedColumnsException.class)
                .hasMessageContaining("3 columns have no rule")
                .hasMessageContaining("public.users.id (integer)")
                .hasMessageContaining("public.users.code (varchar(5))")
                .hasMessageContaining("public.tmp.x (integer)")
                .hasMessageContaining("          code: keep")
                .hasMessageNotContaining("users.domain")
                .extracting(e -> ((UnclassifiedColumnsException) e).exitCode()).isEqualTo(ExitCode.PRIVACY_GATE);
    }

    @Test
    void warnModeCopiesUnclassifiedColumnsAndSaysSo() {
        Plan plan = plan("""
                  unclassified: warn
                  tables:
                    public.users: { columns: { email: email } }
                    public.tmp: { mode: schema_only }
                """);
        assertThat(plan.warnings()).containsExactly(
                "unclassified column public.users.id (integer) is copied unchanged because unclassified: warn",
                "unclassified column public.users.code (varchar(5)) is copied unchanged because unclassified: warn");
    }

    @Test
    void reportsConfigProblemsAgainstTheSchemaAllAtOnce() {
        assertThatThrownBy(() -> plan("""
                  tables:
                    public.user: { columns: { id: keep } }
                    public.users:
                      columns:
                        id: { transformer: hash }
                        emial: email
                        email: { transformer: email, domain: a-very-long-domain.example.com }
                        code: "null"
                        domain: email
                    public.tmp: { mode: exclude }
                """))
                .isInstanceOfSatisfying(ProblemsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                            "doppel.yml:6:5: table public.user is not in the source (did you mean public.users?); fix the name or remove the entry",
                            "doppel.yml:10:16: column emial is not in public.users; its columns are id, email, code, domain",
                            "doppel.yml:13:17: public.users.domain is a generated column the target computes itself; remove its rule",
                            "doppel.yml:9:13: transformer 'hash' writes text values and cannot rule public.users.id (integer); pick a transformer for that type",
                            "doppel.yml:12:15: public.users.code (varchar(5)): column is NOT NULL, so 'null' cannot be written to it; use 'constant' or another transformer");
                });
    }
}
