package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.mysql.MariaDbFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MariaDB fixture (doppel-mysql's) for the snapshot tests of the doppel command: configs whose
 * secrets are files in {@code dir}, restores through the swap by an account with the documented
 * grants, and the doppel command, whose output must never hold a password or the masking key.
 */
final class MariaDbTesting {
    final MariaDbFixture fixture;
    final Path dir;
    private final String key;

    MariaDbTesting(Path dir) throws Exception {
        this.fixture = MariaDbFixture.create();
        this.dir = dir;
        fixture.writeSecrets(dir);
        this.key = Files.readString(dir.resolve("mariadb.key"));
    }

    SnapshotTesting.Result doppel(String... args) {
        SnapshotTesting.Result result = SnapshotTesting.run(args);
        assertThat(result.all()).doesNotContain(MariaDbFixture.PASSWORD, key);
        return result;
    }

    /**
     * The run config into {@code target}, written to {@code name}, with lines added at its end:
     * masking rules, or top-level sections.
     */
    Path config(String name, String target, String... added) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, fixture.config(target) + String.join("", added));
        return file;
    }

    /** A database name for a live database, with nothing of an earlier run left under it. */
    String live(String name) throws Exception {
        fixture.forget(name);
        return name;
    }

    /** The URL of a live database with the credentials of an account that may restore into it by swapping. */
    String restoreUrl(String live) throws Exception {
        return fixture.url(live, fixture.restorer(live));
    }

    SnapshotTesting.Result restore(Path store, String live, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("restore", store.toUri().toString(), "--to", restoreUrl(live),
                "--progress", "lines"));
        args.addAll(List.of(options));
        return doppel(args.toArray(String[]::new));
    }

    /** The earlier generations of a live database, by name. */
    List<String> generations(String live) throws Exception {
        return fixture.databases(live + "_doppel_").stream().filter(n -> !n.endsWith("_doppel_next")).toList();
    }
}
