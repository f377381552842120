package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.pipeline.CopyObserver;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.CopyPipeline;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.TableProgress;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.Table;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tables whose column types are all safe in binary are copied in binary COPY, and give exactly the
 * target a text COPY gives: the same kept values, byte for byte, and the same masked values. A
 * table with a type whose binary form names database-local OIDs goes in text, and so does a table
 * whose rules need a value binary cannot carry (a rule reading a numeric column, a date with a
 * space in front that only the server's parser takes), without the run noticing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryCopyIT {
    private static final String SCHEMA = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN positive AS int CHECK (VALUE > 0);
            CREATE TYPE pair AS (a int, b text);
            CREATE TABLE everything (id bigint PRIMARY KEY, small int2, normal int4, big int8, amount numeric(12, 3),
                ratio float8, approx real, flag bool, note text, label varchar(20), code char(5), born date, since date,
                seen timestamp, at timestamptz, span interval, token uuid, doc json, meta jsonb, blob bytea, ints int[],
                words text[], feeling mood, count positive, address inet, range int4range, spot point, clock time,
                email text, phone text);
            INSERT INTO everything SELECT i,
                CASE WHEN i % 7 <> 1 THEN (i % 30000 - 15000)::int2 END, CASE WHEN i % 7 <> 2 THEN i * 1000 - 1000000 END,
                CASE WHEN i % 7 <> 3 THEN i * 1000000007::bigint END, CASE WHEN i % 7 <> 4 THEN i * 1.234 END,
                CASE WHEN i % 7 <> 5 THEN i / 7.0 END, CASE WHEN i % 7 <> 6 THEN i / 3.0 END, i % 2 = 0,
                CASE WHEN i % 7 <> 0 THEN 'note ' || i || E'\\t tab \\n line \\\\ back 日本語 😀 ' || repeat('x', i % 50) END,
                'label ' || i, lpad(i::text, 3), date '1950-01-01' + i * 11, date '2000-01-01' - i * 400,
                timestamp '2020-01-01' + i * interval '61.123456 seconds', timestamptz '2021-06-01 12:00+09' + i * interval '1 day',
                i * interval '1 day 3 hours', md5(i::text)::uuid, json_build_object('i', i, 'email', 'user' || i || '@example.org'),
                jsonb_build_object('email', 'user' || i || '@example.org', 'n', i), decode(md5(i::text), 'hex'),
                ARRAY[i, i + 1, NULL], ARRAY['a' || i, 'b"c', NULL], (ARRAY['sad', 'ok', 'happy']::mood[])[1 + i % 3], i,
                ('10.0.' || i % 256 || '.' || i / 256 % 256)::inet, int4range(i, i + 10), point(i, -i),
                time '00:00' + i * interval '37 seconds', 'user' || i || '@example.org',
                CASE WHEN i % 5 <> 0 THEN '090-' || lpad(i::text, 4, '0') || '-5678' END
            FROM generate_series(1, 3000) AS i;
            UPDATE everything SET born = 'infinity', since = '-infinity' WHERE id = 1;
            UPDATE everything SET born = '0044-03-15 BC', since = 'infinity' WHERE id = 2;
            UPDATE everything SET born = NULL, label = '', note = '' WHERE id = 3;
            CREATE TABLE composite (id int PRIMARY KEY, pairs pair, moods mood[], email text);
            INSERT INTO composite SELECT i, ROW(i, 'p' || i)::pair, ARRAY['ok', 'sad']::mood[], 'user' || i || '@example.org'
            FROM generate_series(1, 500) AS i;
            CREATE TABLE reads_numeric (id int PRIMARY KEY, amount numeric, label text);
            INSERT INTO reads_numeric SELECT i, i * 0.5, 'label ' || i FROM generate_series(1, 500) AS i;
            CREATE TABLE odd_date (id int PRIMARY KEY, born date, email text);
            INSERT INTO odd_date SELECT i, date '1980-01-01' + i, 'user' || i || '@example.org' FROM generate_series(1, 500) AS i;
            """;
    private static final String RULES = """
                public.everything: { columns: { email: email, phone: phone, born: { transformer: date_shift, days: 30 },
                  big: number_noise, token: uuid, meta: { transformer: json, paths: { "$.email": email } },
                  label: { transformer: hash, length: 16 }, feeling: { transformer: choice, values: [sad, happy] },
                  note: redact } }
                public.composite: { columns: { email: email } }
                public.reads_numeric: { columns: { label: { transformer: template, template: "amount {amount}" } } }
                public.odd_date: { columns: { born: { transformer: constant, value: " 2020-01-05" }, email: email } }
            """;
    private static final List<String> KEPT = List.of("id", "small", "normal", "amount", "ratio", "approx", "flag", "code",
            "since", "seen", "at", "span", "doc", "blob", "ints", "words", "count", "address", "range", "spot::text", "clock");

    private final TestPostgres server = TestPostgres.get();
    private final TransformerRegistry registry = TransformerRegistry.load();
    private final PostgresEngine engine = new PostgresEngine();
    private String source;
    private DoppelConfig config;
    private Plan plan;
    private RuleBinder binder;

    @BeforeAll
    void createSource() throws SQLException {
        source = server.createDatabase("source");
        try (Connection connection = server.connect(source); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
        config = Fixture.config(server, source, source, """
                  unclassified: warn
                  tables:
                """ + RULES);
        plan = new MaskedCopy(registry, Engines.load()).plan(config).plan();
        binder = new RuleBinder(registry, new MaskingKey(Fixture.KEY), config.masking().locale());
    }

    @Test
    void binaryWhereEveryTypeAllowsItTextWhereNotAndTheSameTargetEitherWay() throws SQLException {
        Map<String, String> before = checksums(source);
        String binary = server.createDatabase("target");
        String text = server.createDatabase("target");

        Map<String, Set<String>> formats = copy(binary, false);
        assertThat(formats).containsEntry("public.everything", Set.of("binary"))
                .as("a composite type and an array of an enum carry the source's type OIDs")
                .containsEntry("public.composite", Set.of("text"))
                .as("numeric has no decoder, and ' 2020-01-05' is not a date's own text form").containsEntry("public.reads_numeric", Set.of("text"))
                .containsEntry("public.odd_date", Set.of("text"));
        assertThat(copy(text, true).values()).allMatch(Set.of("text")::equals);

        assertThat(checksums(binary)).isEqualTo(checksums(text)).hasSize(4);
        assertThat(checksums(source)).as("the source is only read").isEqualTo(before);
        assertThat(projection(binary, KEPT)).isEqualTo(projection(source, KEPT));
        assertThat(values(binary, "email")).hasSize(3000).doesNotContainAnyElementsOf(values(source, "email"));
        assertThat(values(binary, "meta")).hasSize(3000).doesNotContainAnyElementsOf(values(source, "meta"));
        assertThat(scalar(binary, "SELECT count(*) FROM everything WHERE phone IS NULL")).isEqualTo(600);
        assertThat(scalar(binary, "SELECT count(*) FROM everything WHERE born IS NULL")).isEqualTo(1);
        assertThat(scalar(binary, "SELECT count(*) FROM everything"
                + " WHERE (id = 1 AND born = 'infinity') OR (id = 2 AND born = '0044-03-15 BC')")).isEqualTo(2);
        assertThat(scalar(binary, "SELECT count(*) FROM reads_numeric WHERE label = 'amount ' || amount")).isEqualTo(500);
        assertThat(scalar(binary, "SELECT count(*) FROM odd_date WHERE born = date '2020-01-05'")).isEqualTo(500);
    }

    @Test
    void aReaderOffersBinaryOnlyWhereItsTargetTakesIt() throws SQLException {
        try (SourceDatabase from = engine.openSource(config.source(), 1)) {
            SourceSchema schema = from.readSchema();
            Table everything = schema.tables().stream().filter(t -> t.name().name().equals("everything")).findFirst().orElseThrow();
            Table composite = schema.tables().stream().filter(t -> t.name().name().equals("composite")).findFirst().orElseThrow();
            try (TableReader reader = from.openReader()) {
                assertThat(reader.fasterFormat(TableCopy.of(everything, null))).isInstanceOf(BinaryRows.class);
                assertThat(reader.fasterFormat(TableCopy.of(composite, null))).isNull();
                assertThat(reader.fasterFormat(TableCopy.of(composite, null).readingAsNull(Set.of("pairs", "moods"))))
                        .as("columns read as NULL are NULL in any form").isInstanceOf(BinaryRows.class);
                BinaryRows form = (BinaryRows) reader.fasterFormat(TableCopy.of(everything, null));
                try (TargetDatabase to = engine.openTarget(at(server.createDatabase("target")));
                     var writer = to.openWriter()) {
                    assertThat(writer.takes(form)).isTrue();
                    assertThat(writer.takes(new BinaryRows(List.of(), form.serverMajor() + 1)))
                            .as("binary forms may change between major versions").isFalse();
                }
            }
        }
    }

    private Map<String, Set<String>> copy(String target, boolean textOnly) {
        Map<String, Set<String>> formats = new ConcurrentHashMap<>();
        CopyListener listener = new CopyListener() {
            @Override
            public void tableFinished(TableProgress table) {
                formats.put(table.table().toString(), table.formats());
            }
        };
        try (SourceDatabase opened = engine.openSource(config.source(), 2); TargetDatabase to = engine.openTarget(at(target))) {
            SourceDatabase from = textOnly ? new TextOnly(opened) : opened;
            from.readSchema();
            new CopyPipeline(binder, listener).run(plan, from, to, new CopyOptions(2, false), target, CopyObserver.NONE);
        }
        return formats;
    }

    private ConnectionConfig at(String database) {
        ConnectionConfig target = config.target();
        return new ConnectionConfig(server.url(database), target.user(), target.password(), target.location());
    }

    private Map<String, String> checksums(String database) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return TableChecksums.of(connection);
        }
    }

    private String projection(String database, List<String> columns) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT md5(string_agg(row(" + String.join(", ", columns)
                     + ")::text, '|' ORDER BY id)) FROM everything")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Set<String> values(String database, String column) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + column + "::text FROM everything WHERE " + column
                     + " IS NOT NULL")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private long scalar(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The source, with readers that never offer a faster form than text. */
    private record TextOnly(SourceDatabase source) implements SourceDatabase {
        @Override
        public SourceSchema readSchema() {
            return source.readSchema();
        }

        @Override
        public List<Chunk> chunks(Table table, long chunkBytes) {
            return source.chunks(table, chunkBytes);
        }

        @Override
        public TableReader openReader() {
            TableReader reader = source.openReader();
            return new TableReader() {
                @Override
                public void read(TableCopy copy, RowConsumer consumer) {
                    reader.read(copy, consumer);
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }

        @Override
        public boolean oneSnapshot() {
            return source.oneSnapshot();
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
