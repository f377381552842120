package dev.doppel.cli;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.DoppelConfig;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doppel demo}: an embedded PostgreSQL with a "production" shop and an empty "staging",
 * the sample config written to disk, the masked copy, and a few rows before and after. The
 * servers come from {@link DemoServers}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the masked copy on an embedded PostgreSQL (or MariaDB, with --engine mysql) with a generated sample"
                    + " shop, and show a few rows before and after. Needs nothing but a JDK.",
            "The config it uses is written to --dir for you to read and adapt."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Where the demo writes its config and key (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("doppel-demo");

    @Option(names = "--customers", paramLabel = "N", description = "Customers to generate; orders are five times that (default: ${DEFAULT-VALUE}).")
    int customers = 20_000;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "postgresql or mysql (an embedded MariaDB). Default: ${DEFAULT-VALUE}.")
    DemoEngine engine = DemoEngine.postgresql;

    /** The engines the demo can run on. */
    enum DemoEngine { postgresql, mysql }

    @Option(names = "--keep-running", description = "Leave the embedded server running after the demo until Ctrl-C, to explore it.")
    boolean keepRunning;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (customers < 10) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--customers must be at least 10");
        }
        DemoServers servers = DemoServers.find();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (engine == DemoEngine.mysql) {
            return new MySqlDemo(dir, customers, keepRunning).run(servers, out, err);
        }
        long start = System.nanoTime();
        out.println("Starting an embedded PostgreSQL…");
        try (DemoServers.Server server = servers.postgres()) {
            int port = server.port();
            server.runAsSuperuser("CREATE DATABASE production");
            server.runAsSuperuser("CREATE DATABASE staging");
            out.printf("Filling \"production\" with a sample shop: %,d customers, %,d orders…%n", customers, customers * 5L);
            loadShop(port);
            Path config = writeConfig(port);
            out.println("Config: " + config.toAbsolutePath());
            out.println();
            TransformerRegistry registry = TransformerRegistry.load();
            DoppelConfig loaded = new ConfigLoader(registry).load(config);
            RunSummary summary;
            try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.AUTO, err)) {
                summary = new MaskedCopy(registry, Engines.load()).run(loaded,
                        new CopyOptions(Runtime.getRuntime().availableProcessors(), true), display);
            }
            out.println();
            DemoSample.print(out, port, 4);
            out.println(Summaries.line(summary));
            out.printf("Demo finished in %s.%n", Formats.seconds((System.nanoTime() - start) / 1e9));
            if (keepRunning) {
                out.printf("%nThe embedded server is still running on port %d (user postgres, databases production and"
                        + " staging).%nTry: ./doppel plan -c %s   Press Ctrl-C to stop.%n", port, config);
                out.flush();
                Thread.currentThread().join();
            } else {
                out.println("Next: read " + config + ", then 'doppel plan -c <your config>' against your own database.");
            }
        }
        return 0;
    }

    /** A connection to one of the demo server's databases, as its superuser. */
    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, "postgres", "");
    }

    private void loadShop(int port) throws SQLException, IOException {
        String script = resource("shop.sql").replace(":customers", Integer.toString(customers));
        try (Connection connection = connect(port, "production");
             Statement statement = connection.createStatement()) {
            statement.execute(script);
        } catch (SQLException e) {
            throw new DoppelException(ExitCode.INTERNAL, "Generating the demo shop failed [SQLSTATE " + e.getSQLState()
                    + "]: " + e.getMessage().lines().findFirst().orElse("") + ". Try a smaller --customers.", e);
        }
    }

    private Path writeConfig(int port) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve("demo.key");
        if (!Files.exists(key)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(key, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.UTF_8);
        }
        Path config = dir.resolve("doppel-demo.yml");
        Files.writeString(config, resource("doppel-demo.yml").replace("@PORT@", Integer.toString(port)), StandardCharsets.UTF_8);
        return config;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new DoppelException(ExitCode.INTERNAL, "The demo resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
