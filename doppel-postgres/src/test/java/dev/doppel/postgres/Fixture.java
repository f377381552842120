package dev.doppel.postgres;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/** The fixture database and its config, for tests of the PostgreSQL path. */
public final class Fixture {
    public static final String KEY = "fixture-key-0123456789abcdef";

    private Fixture() {}

    /** A new database loaded with fixture.sql; returns its name. */
    public static String createSource(TestPostgres server) {
        String database = server.createDatabase("source");
        try {
            SqlScript.run(server, database, resource("fixture.sql"));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot load the fixture", e);
        }
        return database;
    }

    public static String configText(TestPostgres server, String source, String target) {
        return resource("fixture.yml").replace("@SOURCE@", server.url(source)).replace("@TARGET@", server.url(target))
                .replace("@USER@", server.user());
    }

    public static DoppelConfig config(TestPostgres server, String source, String target) {
        return load(configText(server, source, target), server);
    }

    /**
     * A config from {@code source} to {@code target} on the test server, with the masking key and
     * then {@code masking}: the rest of the masking section, its lines indented two spaces.
     */
    public static DoppelConfig config(TestPostgres server, String source, String target, String masking) {
        return load("""
                version: 1
                source: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                target: { url: "%s", user: "%s", password: "${env:PGPASS}" }
                masking:
                  key: "${env:DOPPEL_KEY}"
                %s""".formatted(server.url(source), server.user(), server.url(target), server.user(), masking), server);
    }

    public static DoppelConfig load(String text, TestPostgres server) {
        return new ConfigLoader(TransformerRegistry.load(), Map.of("PGPASS", server.password(), "DOPPEL_KEY", KEY)::get)
                .parse(text, "fixture.yml", Path.of("."), Path.of("fixture.yml"));
    }

    static String resource(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
