package dev.doppel.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The MariaDB half: an embedded MariaDB ({@link MariaDbServer}) and the copies users know,
 * {@code mariadb-dump --single-transaction --quick | mariadb} and, when installed,
 * {@code mydumper} + {@code myloader}. The clients of the server's own distribution are used when
 * it has them (they match its version), else those on the PATH.
 */
final class MariaDbBench implements BenchServer {
    private final MariaDbServer server;
    private final Path work;
    private final int jobs;
    private final int mydumperRows;
    private final Path dump;
    private final Path client;
    private final Optional<Path> mydumper = Programs.find(Optional.empty(), "mydumper");
    private final Optional<Path> myloader = Programs.find(Optional.empty(), "myloader");

    private MariaDbBench(MariaDbServer server, Path work, BenchOptions options) {
        this.server = server;
        this.work = work;
        this.jobs = options.jobs();
        this.mydumperRows = options.mydumperRows();
        Optional<Path> bin = Optional.of(server.base.resolve("bin"));
        this.dump = Programs.find(bin, "mariadb-dump", "mysqldump").orElseThrow(() -> new IllegalStateException(
                "neither mariadb-dump nor mysqldump is in " + bin.get() + " or on the PATH"));
        this.client = Programs.find(bin, "mariadb", "mysql").orElseThrow(() -> new IllegalStateException(
                "neither mariadb nor mysql is in " + bin.get() + " or on the PATH"));
    }

    static MariaDbBench start(BenchOptions options) throws Exception {
        Path work = options.work("mariadb");
        return new MariaDbBench(MariaDbServer.start(work), work, options);
    }

    @Override
    public String describe() throws Exception {
        return "MariaDB " + jdbc().scalar(adminDatabase(), "SELECT VERSION()") + " on port " + server.port + "; clients " + dump + ", "
                + client;
    }

    @Override
    public Jdbc jdbc() {
        return server.jdbc;
    }

    @Override
    public String adminDatabase() {
        return "";
    }

    @Override
    public String dialect() {
        return "mariadb";
    }

    @Override
    public List<String> settingNames() {
        return MariaDbServer.SHOWN;
    }

    @Override
    public String settingQuery(String name) {
        return "SELECT @@GLOBAL." + name;
    }

    @Override
    public String tableSize(String database) throws Exception {
        List<String> sizes = jdbc().row(adminDatabase(), "SELECT ROUND(SUM(data_length) / 1048576), ROUND(SUM(index_length) / 1048576)"
                + " FROM information_schema.tables WHERE table_schema = '" + database + "'");
        return sizes.get(0) + " MB in tables (+" + sizes.get(1) + " MB of secondary indexes)";
    }

    @Override
    public List<Baseline> baselines() {
        String threads = "-t " + jobs;
        return List.of(
                new Baseline("a1", dump.getFileName() + " --single-transaction --quick | " + client.getFileName(),
                        this::dumpIntoClient, null),
                new Baseline("a2", "mydumper " + threads + " --rows " + mydumperRows + " + myloader " + threads,
                        this::mydumperAndMyloader, mydumper.isPresent() && myloader.isPresent() ? null : "not installed"));
    }

    private Measured.Result dumpIntoClient(String from, String to, String step) throws Exception {
        String options = "--defaults-extra-file=" + server.clientOptions;
        return Measured.pipe(List.of(
                List.of(dump.toString(), options, "--single-transaction", "--quick", "--routines", "--triggers", "--events",
                        from),
                List.of(client.toString(), options, to)), work.resolve(step + "-dump-restore.log"));
    }

    private Measured.Result mydumperAndMyloader(String from, String to, String step) throws Exception {
        Path dump = work.resolve("dump-" + step);
        String options = "--defaults-file=" + server.clientOptions;
        String threads = Integer.toString(jobs);
        return Baseline.throughDirectory(dump,
                List.of(mydumper.orElseThrow().toString(), options, "-B", from, "-o", dump.toString(), "-t", threads,
                        "--rows", Integer.toString(mydumperRows), "--triggers", "--events", "--routines"),
                work.resolve(step + "-dump.log"),
                List.of(myloader.orElseThrow().toString(), options, "-d", dump.toString(), "-B", to, "-t", threads),
                work.resolve(step + "-load.log"));
    }

    @Override
    public String connection(String database) {
        return "{ url: \"jdbc:mariadb://127.0.0.1:" + server.port + "/" + database + "\", user: bench,"
                + " password: \"${file:bench.password}\" }";
    }

    @Override
    public String table(String name) {
        return "source." + name;
    }

    /**
     * InnoDB flushes in the background; asking it to keep no dirty pages and waiting is its
     * CHECKPOINT. It flushes them at {@code innodb_io_capacity} pages a second (200 by default:
     * minutes for what one method leaves), so that is raised while it waits.
     */
    @Override
    public void settle() throws Exception {
        Jdbc jdbc = jdbc();
        List<String> saved = jdbc.row(adminDatabase(), "SELECT @@GLOBAL.innodb_max_dirty_pages_pct,"
                + " @@GLOBAL.innodb_io_capacity, @@GLOBAL.innodb_io_capacity_max");
        jdbc.execute(adminDatabase(), "SET GLOBAL innodb_io_capacity_max = 100000;\n"
                + "SET GLOBAL innodb_io_capacity = 50000;\n"
                + "SET GLOBAL innodb_max_dirty_pages_pct = 0");
        try {
            long deadline = System.nanoTime() + 300_000_000_000L;
            while (dirtyPages(jdbc) > 64 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        } finally {
            jdbc.execute(adminDatabase(), "SET GLOBAL innodb_max_dirty_pages_pct = " + saved.get(0) + ";\n"
                    + "SET GLOBAL innodb_io_capacity = " + saved.get(1) + ";\n"
                    + "SET GLOBAL innodb_io_capacity_max = " + saved.get(2));
        }
    }

    private long dirtyPages(Jdbc jdbc) throws Exception {
        return Long.parseLong(jdbc.scalar(adminDatabase(),
                "SELECT variable_value FROM information_schema.global_status"
                        + " WHERE variable_name = 'INNODB_BUFFER_POOL_PAGES_DIRTY'"));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
