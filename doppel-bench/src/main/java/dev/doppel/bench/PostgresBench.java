package dev.doppel.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL half: an embedded PostgreSQL whose major version matches the local
 * {@code pg_dump}, and the copy users know, {@code pg_dump -Fd -j N -Z0} + {@code pg_restore -j N}.
 */
final class PostgresBench implements BenchServer {
    private final EmbeddedPostgres server;
    private final Jdbc jdbc;
    private final Path work;
    private final int jobs;

    private PostgresBench(EmbeddedPostgres server, Path work, int jobs) {
        this.server = server;
        this.jdbc = new Jdbc("jdbc:postgresql://localhost:" + server.getPort() + "/", "postgres", "");
        this.work = work;
        this.jobs = jobs;
    }

    static PostgresBench start(BenchOptions options) throws Exception {
        return new PostgresBench(EmbeddedPostgres.builder()
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_connections", "100")
                .start(), options.work("postgres"), options.jobs());
    }

    @Override
    public String describe() throws Exception {
        return "PostgreSQL " + jdbc.scalar("postgres", "SHOW server_version") + " on port " + server.getPort();
    }

    @Override
    public Jdbc jdbc() {
        return jdbc;
    }

    @Override
    public String adminDatabase() {
        return "postgres";
    }

    @Override
    public String dialect() {
        return "postgres";
    }

    @Override
    public List<String> settingNames() {
        return List.of("shared_buffers", "max_wal_size", "max_connections");
    }

    @Override
    public String settingQuery(String name) {
        return "SHOW " + name;
    }

    @Override
    public String tableSize(String database) throws Exception {
        return jdbc.scalar(database, "SELECT pg_size_pretty(sum(pg_table_size(oid))) FROM pg_class"
                + " WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace") + " in tables (TOAST included)";
    }

    @Override
    public List<Baseline> baselines() {
        return List.of(new Baseline("a", "pg_dump -Fd -j" + jobs + " -Z0 + pg_restore -j" + jobs, this::dumpAndRestore, null));
    }

    private Measured.Result dumpAndRestore(String from, String to, String step) throws Exception {
        Path dump = work.resolve("dump-" + step);
        List<String> connection = List.of("-h", "localhost", "-p", Integer.toString(server.getPort()), "-U", "postgres");
        String threads = Integer.toString(jobs);
        return Baseline.throughDirectory(dump,
                command("pg_dump", connection, "-Fd", "-j", threads, "-Z0", "-f", dump.toString(), from), work.resolve(step + "-dump.log"),
                command("pg_restore", connection, "--verbose", "-j", threads, "-d", to, dump.toString()), work.resolve(step + "-restore.log"));
    }

    private static List<String> command(String program, List<String> connection, String... arguments) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(connection);
        command.addAll(List.of(arguments));
        return command;
    }

    @Override
    public String connection(String database) {
        return "{ url: \"jdbc:postgresql://localhost:" + server.getPort() + "/" + database + "\", user: postgres }";
    }

    @Override
    public String table(String name) {
        return "public." + name;
    }

    @Override
    public void settle() throws Exception {
        jdbc.execute(adminDatabase(), "CHECKPOINT");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
