package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transformer catalogue through the real COPY path: values land in typed columns (uuid, date,
 * jsonb, inet, varchar(n)), keep their formats, and equal inputs in different tables still join.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogThroughPostgresIT {
    private final TestPostgres server = TestPostgres.get();
    private String source;
    private String target;

    @BeforeAll
    void copy() throws Exception {
        source = server.createDatabase("catalog");
        target = server.createDatabase("catalog_copy");
        SqlScript.run(server, source, """
                CREATE TABLE members (
                    id uuid PRIMARY KEY, full_name varchar(40) NOT NULL, kana varchar(40), phone varchar(13) UNIQUE,
                    my_number char(12), born date, last_ip inet, card varchar(19), zip varchar(8), profile jsonb,
                    bio text, login varchar(20) UNIQUE);
                CREATE TABLE contacts (member_id uuid REFERENCES members (id), phone varchar(13), name varchar(40));
                INSERT INTO members
                SELECT md5(i::text)::uuid, (ARRAY['佐藤 太郎', '鈴木 花子', '高橋 健'])[1 + i % 3], NULL,
                       '090-' || lpad(i::text, 4, '0') || '-' || lpad((i * 7)::text, 4, '0'),
                       '12345678901' || (i % 10), date '1980-01-01' + i, ('10.0.' || (i % 250) || '.' || (i % 200))::inet,
                       '4111 1111 1111 1111', lpad((i * 13 % 1000)::text, 3, '0') || '-' || lpad(i::text, 4, '0'),
                       jsonb_build_object('email', 'm' || i || '@example.jp', 'plan', 'gold'),
                       'Call me on 090-1111-' || lpad(i::text, 4, '0') || ' or write to m' || i || '@example.jp',
                       'member.' || i
                FROM generate_series(1, 400) AS i;
                INSERT INTO contacts SELECT id, phone, full_name FROM members;
                """);
        String config = """
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                target: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                  locale: ja
                  tables:
                    public.members:
                      columns:
                        id: uuid
                        full_name: { transformer: person_name, locale: ja }
                        kana: { transformer: person_name_kana, pair_with: full_name }
                        phone: phone
                        my_number: my_number
                        born: { transformer: date_shift, days: 60 }
                        last_ip: { transformer: ip, keep_prefix: 8 }
                        card: { transformer: credit_card, keep_last: 4 }
                        zip: postal_code
                        profile: { transformer: json, paths: { "$.email": email } }
                        bio: redact
                        login: username
                    public.contacts:
                      columns:
                        member_id: uuid
                        phone: phone
                        name: { transformer: person_name, locale: ja }
                """.formatted(server.url(source), server.user(), server.url(target), server.user());
        new MaskedCopy(TransformerRegistry.load(), Engines.load()).run(Fixture.load(config, server), new CopyOptions(2, false),
                CopyListener.NONE);
    }

    @Test
    void maskedKeysAndValuesStillJoinAcrossTables() throws SQLException {
        assertThat(count("SELECT count(*) FROM contacts c JOIN members m ON m.id = c.member_id AND m.phone = c.phone"
                + " AND m.full_name = c.name")).isEqualTo(400);
        assertThat(count("SELECT count(*) FROM contacts c LEFT JOIN members m ON m.id = c.member_id WHERE m.id IS NULL")).isZero();
    }

    @Test
    void everyRuledValueChangedAndKeepsItsFormat() throws SQLException {
        try (Connection s = server.connect(source); Connection t = server.connect(target)) {
            assertThat(count(t, "SELECT count(*) FROM members WHERE phone !~ '^090-[0-9]{4}-[0-9]{4}$'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE zip !~ '^[0-9]{3}-[0-9]{4}$'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE card !~ '^4[0-9]{3} [0-9]{4} [0-9]{4} 1111$'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE NOT (last_ip << '10.0.0.0/8'::inet)")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE profile->>'plan' <> 'gold' OR profile->>'email' LIKE '%@example.jp'"))
                    .isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE bio LIKE '%@example.jp%' OR bio LIKE '%090-1111-%'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE bio NOT LIKE 'Call me on % or write to %'")).isZero();
            assertThat(count(t, "SELECT count(*) FROM members WHERE full_name !~ '^[一-龥々ヶ]+ [一-龥々ヶぁ-んァ-ン]+$'")).isZero();
            assertThat(count(t, "SELECT count(DISTINCT login) FROM members")).isEqualTo(400);
            assertThat(count(t, "SELECT count(*) FROM members WHERE abs(born - date '1980-01-01' - (SELECT 0)) > 460")).isZero();
            for (String column : new String[] {"id::text", "full_name", "phone", "my_number", "born::text", "last_ip::text", "card",
                    "zip", "profile::text", "bio", "login"}) {
                String sql = "SELECT string_agg(" + column + ", ',' ORDER BY " + column + ") FROM members";
                assertThat(text(t, sql)).as(column).isNotEqualTo(text(s, sql));
            }
            assertThat(count(t, "SELECT count(*) FROM members WHERE kana IS NOT NULL")).isZero();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = server.connect(target)) {
            return count(connection, sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
