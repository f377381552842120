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
import dev.doppel.core.schema.ForeignKey;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.schema.ValueConstraint;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.transform.ValueTransform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pre-flight: every rule against its column, all problems in one report, before any data moves. */
class PreflightTest {
    private static final TableName PEOPLE = new TableName("app", "people");

    private static Column column(String name, String type, ColumnKind kind, boolean nullable, int length, boolean unique) {
        return new Column(name, type, kind, nullable, length, unique, false);
    }

    private static final SourceSchema SCHEMA = new SourceSchema("test", "1", List.of(new Table(PEOPLE, List.of(
            column("id", "integer", ColumnKind.INTEGER, false, -1, true),
            column("login", "varchar(40)", ColumnKind.TEXT, false, 40, true),
            column("nickname", "text", ColumnKind.TEXT, false, -1, false),
            column("motto", "text", ColumnKind.TEXT, false, -1, false),
            column("code", "varchar(6)", ColumnKind.TEXT, true, 6, false),
            column("handle", "varchar(20)", ColumnKind.TEXT, true, 20, true),
            column("age", "integer", ColumnKind.INTEGER, true, -1, false),
            column("born", "date", ColumnKind.DATE, true, -1, false),
            column("score", "integer", ColumnKind.INTEGER, true, -1, false),
            column("mood", "app.mood", ColumnKind.OTHER, true, -1, false),
            column("note", "text", ColumnKind.TEXT, true, -1, false)), 10, 100)), List.of(), List.of(),
            List.of(ValueConstraint.check(PEOPLE, "score", "people_score_check", "CHECK (((score >= 0) AND (score <= 100)))"),
                    ValueConstraint.enumeration(PEOPLE, "mood", "enum app.mood", List.of("happy", "sad")),
                    ValueConstraint.check(PEOPLE, "note", "people_note_check", "CHECK ((app.is_polite(note)))")));

    /** Test transformers of the kind a user may plug in: they know nothing of the column they write. */
    private static TransformerRegistry registry() {
        TransformerRegistry registry = TransformerRegistry.load();
        registry.register(plugin(TransformerDescriptor.builder("shout", "Appends exclamation marks.").deterministic()
                .uniqueSafe().build(), v -> v + "!!!!!!!!"));
        registry.register(plugin(TransformerDescriptor.builder("sometimes_null", "NULL for every other length.")
                .deterministic().build(), v -> v.length() % 2 == 0 ? null : v));
        registry.register(plugin(TransformerDescriptor.builder("initial", "The first letter; claims to be unique-safe.")
                .deterministic().uniqueSafe().build(), v -> v.substring(0, 1)));
        return registry;
    }

    private static Transformer plugin(TransformerDescriptor descriptor, java.util.function.UnaryOperator<String> function) {
        return new Transformer() {
            @Override
            public TransformerDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ValueTransform bind(BindContext context) {
                return (value, row) -> function.apply(value);
            }
        };
    }

    private static Plan plan(String tables, SourceSchema schema) {
        TransformerRegistry registry = registry();
        String yaml = "version: 1\nsource: { url: \"jdbc:postgresql://db/x\" }\nmasking:\n  key: \"0123456789abcdef\"\n"
                + "  tables:\n" + tables;
        DoppelConfig config = new ConfigLoader(registry, Map.<String, String>of()::get)
                .parse(yaml, "doppel.yml", Path.of("."), Path.of("doppel.yml"));
        return new Planner(registry).plan(config, schema);
    }

    @Test
    void catchesNotNullUniqueLengthTypeAndCheckConflictsInOneReport() {
        assertThatThrownBy(() -> plan("""
                    app.people:
                      columns:
                        id: email
                        login: { transformer: constant, value: "nobody" }
                        nickname: "null"
                        motto: sometimes_null
                        code: shout
                        handle: initial
                        age: { transformer: constant, value: "old" }
                        born: { transformer: constant, value: "1985-02-30" }
                        score: { transformer: constant, value: "101" }
                        mood: { transformer: constant, value: "angry" }
                        note: { transformer: constant, value: "hi" }
                """, SCHEMA))
                .isInstanceOfSatisfying(ProblemsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("fails pre-flight; nothing was written (10 problems)");
                    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                            "doppel.yml:8:13: transformer 'email' writes text values and cannot rule app.people.id (integer);"
                                    + " pick a transformer for that type",
                            "doppel.yml:9:16: app.people.login (varchar(40)): the column is UNIQUE, and 'constant' may write"
                                    + " equal values for distinct inputs; use a unique-safe transformer (credit_card, email, hash, initial, ip, keep, my_number, null, phone, postal_code, shout, username, uuid)",
                            "doppel.yml:10:19: app.people.nickname (text): column is NOT NULL, so 'null' cannot be written to it;"
                                    + " use 'constant' or another transformer",
                            "doppel.yml:11:16: app.people.motto (text): the column is NOT NULL, but 'sometimes_null' wrote NULL"
                                    + " for 100 of 200 test values; pick a transformer that always writes a value",
                            "doppel.yml:12:15: app.people.code (varchar(6)): 'shout' wrote values of up to 14 characters for 200"
                                    + " of 200 test values, but the column holds at most 6; shorten the output (e.g. a length"
                                    + " parameter) or widen the column",
                            "doppel.yml:13:17: app.people.handle (varchar(20)): the column is UNIQUE, but 'initial' gave equal"
                                    + " outputs for distinct inputs (190 in 200 test values); use a unique-safe transformer or a"
                                    + " longer output",
                            "doppel.yml:14:14: app.people.age (integer): 'constant' wrote 200 of 200 test values that are not"
                                    + " valid integer values; pick a transformer for the column's type",
                            "doppel.yml:15:15: app.people.born (date): 'constant' wrote 200 of 200 test values that are not"
                                    + " valid date values; pick a transformer for the column's type",
                            "doppel.yml:16:16: app.people.score (integer): 'constant' wrote 200 of 200 test values that break"
                                    + " people_score_check CHECK (((score >= 0) AND (score <= 100))); pick a rule whose output"
                                    + " the constraint allows",
                            "doppel.yml:17:15: app.people.mood (app.mood): 'constant' wrote 2 of 2 test values that are not"
                                    + " labels of enum app.mood; pick a rule whose output the constraint allows");
                });
    }

    @Test
    void rulesThatFitPassAndUndecidableChecksAreNoted() {
        Plan plan = plan("""
                    app.people:
                      columns:
                        id: keep
                        login: hash
                        nickname: { transformer: constant, value: "anon" }
                        motto: keep
                        code: { transformer: hash, length: 6 }
                        handle: hash
                        age: "null"
                        born: "null"
                        score: { transformer: constant, value: "50" }
                        mood: { transformer: constant, value: "sad" }
                        note: { transformer: constant, value: "hi" }
                """, SCHEMA);
        assertThat(plan.maskedColumns()).isEqualTo(9);
        assertThat(plan.notes()).containsExactly("pre-flight cannot decide people_note_check on app.people.note"
                + " (CHECK ((app.is_polite(note)))); the target checks it when the rows load");
    }

    private static final TableName ACCOUNTS = new TableName("app", "accounts");
    private static final TableName PROFILES = new TableName("app", "profiles");
    private static final TableName POSTS = new TableName("app", "posts");
    private static final SourceSchema KEYS = keys("text", -1);

    /** accounts ← profiles ← posts.author, and posts.editor → accounts, of the given type and length. */
    private static SourceSchema keys(String editorType, int editorLength) {
        return new SourceSchema("test", "1", List.of(
            new Table(ACCOUNTS, List.of(column("login", "text", ColumnKind.TEXT, false, -1, true)), 10, 10),
            new Table(PROFILES, List.of(column("login", "text", ColumnKind.TEXT, false, -1, true),
                    column("bio", "text", ColumnKind.TEXT, true, -1, false)), 10, 10),
            new Table(POSTS, List.of(column("id", "integer", ColumnKind.INTEGER, false, -1, true),
                    column("author", "text", ColumnKind.TEXT, true, -1, false),
                    column("editor", editorType, ColumnKind.TEXT, true, editorLength, false)), 10, 10)),
            List.of(), List.of(
                    new ForeignKey("profiles_login_fkey", PROFILES, List.of("login"), ACCOUNTS, List.of("login")),
                    new ForeignKey("posts_author_fkey", POSTS, List.of("author"), PROFILES, List.of("login")),
                    new ForeignKey("posts_editor_fkey", POSTS, List.of("editor"), ACCOUNTS, List.of("login"))),
            List.of());
    }

    @Test
    void aMaskedKeysRuleFollowsForeignKeysThroughChains() {
        Plan plan = plan("""
                    app.accounts: { columns: { login: { transformer: hash, length: 20 } } }
                    app.profiles: { columns: { bio: keep } }
                    app.posts: { columns: { id: keep } }
                """, KEYS);
        TablePlan posts = plan.tables().stream().filter(t -> t.table().name().equals(POSTS)).findFirst().orElseThrow();
        assertThat(posts.columns()).filteredOn(c -> c.source() == ColumnPlan.Source.PROPAGATED)
                .extracting(c -> c.column().name() + " " + c.transformer() + " from " + c.origin())
                .containsExactly("author hash from app.profiles.login through foreign key posts_author_fkey",
                        "editor hash from app.accounts.login through foreign key posts_editor_fkey");
        assertThat(plan.notes()).contains("app.profiles.login gets the rule of app.accounts.login through foreign key"
                + " profiles_login_fkey: hash {length: 20}");
    }

    @Test
    void conflictingRulesAndKeysMaskedDifferentlyOnBothSidesAreReported() {
        assertThatThrownBy(() -> plan("""
                    app.accounts: { columns: { login: hash } }
                    app.profiles: { columns: { login: keep, bio: keep } }
                    app.posts: { columns: { id: keep, author: email } }
                """, keys("varchar(10)", 10)))
                .isInstanceOfSatisfying(ProblemsException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "doppel.yml:7:39: app.profiles.login is kept but references app.accounts.login, which is masked"
                                        + " with hash (foreign key profiles_login_fkey), so the foreign key would break; remove"
                                        + " the rule of app.profiles.login so that doppel gives it the key's rule, or write the"
                                        + " same rule",
                                "doppel.yml:8:47: app.posts.author is masked with 'email' but the key it references,"
                                        + " app.profiles.login, is kept (foreign key posts_author_fkey), so the foreign key would"
                                        + " break; mask app.profiles.login with this rule and remove this one (doppel carries a"
                                        + " key's rule over to the columns that reference it)",
                                "doppel.yml:6:39: foreign key posts_editor_fkey: app.posts.editor (varchar(10)) and"
                                        + " app.accounts.login (text) mask the same key differently (200 of 200 test values), so"
                                        + " the foreign key would break; give both columns the same type and length, or rules"
                                        + " that agree"));
    }
}
