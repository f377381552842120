package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.postgres.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A masked primary key referenced by other tables: its rule is carried over, and the foreign keys hold. */
class ForeignKeyPropagationIT {
    private static final String SCHEMA = """
            CREATE TABLE public.members (login text PRIMARY KEY, display text NOT NULL);
            CREATE TABLE public.sessions (id serial PRIMARY KEY,
                member_login text NOT NULL REFERENCES public.members (login), started timestamptz);
            CREATE TABLE public.follows (follower text REFERENCES public.members (login),
                followee text REFERENCES public.members (login), PRIMARY KEY (follower, followee));
            INSERT INTO public.members SELECT 'member' || i, 'Member ' || i FROM generate_series(1, 200) i;
            INSERT INTO public.sessions (member_login, started)
                SELECT 'member' || (1 + i % 200), timestamptz '2024-01-01' + i * interval '1 hour' FROM generate_series(1, 600) i;
            INSERT INTO public.follows SELECT 'member' || i, 'member' || (1 + (i * 7) % 200)
                FROM generate_series(1, 200) i WHERE i <> 1 + (i * 7) % 200;
            ANALYZE;
            """;
    private static final String CONFIG = """
            version: 1
            source: { url: "@SOURCE@", user: "@USER@", password: "${env:PGPASS}" }
            target: { url: "@TARGET@", user: "@USER@", password: "${env:PGPASS}" }
            masking:
              key: "${env:DOPPEL_KEY}"
              tables:
                public.members: { columns: { login: hash, display: { transformer: hash, length: 12 } } }
                public.sessions: { columns: { id: keep, started: keep } }
                public.follows: {}
            """;

    private final TestPostgres server = TestPostgres.get();

    @TempDir
    Path dir;

    private String source(String extra) throws Exception {
        String source = server.createDatabase("members");
        new Cli(server, dir).execute(source, SCHEMA + extra);
        return source;
    }

    private Path config(Cli cli, String source, String target, String... edits) throws Exception {
        return cli.write(CONFIG.replace("@SOURCE@", server.url(source)).replace("@TARGET@", server.url(target))
                .replace("@USER@", server.user()), edits);
    }

    @Test
    void theKeysRuleIsPropagatedSaidInThePlanAndTheForeignKeysStillHold() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = source("");
        String target = server.createDatabase("target");
        Path config = config(cli, source, target);

        Cli.Result plan = cli.doppel("plan", "-c", config.toString());
        assertThat(plan.code()).as(plan.all()).isZero();
        assertThat(plan.out()).contains(
                "member_login  text                         hash  (propagated from public.members.login through foreign key sessions_member_login_fkey)",
                "note: public.follows.follower gets the rule of public.members.login through foreign key follows_follower_fkey: hash",
                "note: public.follows.followee gets the rule of public.members.login");

        Cli.Result run = cli.doppel("run", "-c", config.toString());
        assertThat(run.code()).as(run.all()).isZero();
        assertThat(run.err()).contains("Verification passed");
        assertThat(cli.count(target, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(3);
        assertThat(cli.count(target, "SELECT count(*) FROM public.sessions s JOIN public.members m ON m.login = s.member_login"))
                .isEqualTo(600);
        assertThat(cli.count(target, "SELECT count(*) FROM public.follows f JOIN public.members a ON a.login = f.follower"
                + " JOIN public.members b ON b.login = f.followee")).isEqualTo(cli.count(source, "SELECT count(*) FROM public.follows"));
        assertThat(cli.count(target, "SELECT count(*) FROM public.members WHERE login LIKE 'member%'")).isZero();
        assertThat(cli.count(target, "SELECT count(*) FROM public.sessions WHERE member_login LIKE 'member%'")).isZero();
    }

    @Test
    void aReferencingColumnWithAnotherRuleOrAnotherLengthIsAConflictReportedBeforeAnythingIsWritten() throws Exception {
        Cli cli = new Cli(server, dir);
        String source = source("CREATE TABLE public.badges (owner varchar(16) REFERENCES public.members (login));"
                + " INSERT INTO public.badges SELECT 'member' || i FROM generate_series(1, 50) i;");
        String target = server.createDatabase("target");
        Path config = config(cli, source, target, "{ id: keep, started: keep }=>{ id: keep, started: keep, member_login: keep }",
                "    public.follows: {}=>    public.follows: {}\n    public.badges: {}");

        Cli.Result run = cli.doppel("run", "-c", config.toString());

        assertThat(run.code()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("public.sessions.member_login is kept but references public.members.login, which is"
                        + " masked with hash (foreign key sessions_member_login_fkey), so the foreign key would break",
                "foreign key badges_owner_fkey: public.badges.owner (character varying(16)) and public.members.login (text)"
                        + " mask the same key differently");
        assertThat(cli.tables(target)).isZero();
    }
}
