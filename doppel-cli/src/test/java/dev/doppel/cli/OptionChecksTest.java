package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad option value is a usage error (exit 2) found before the config is read or anything is connected to. */
class OptionChecksTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"plan", "run", "snapshot"})
    void aNegativeSampleRowsIsRefusedBeforeTheConfigIsRead(String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String missing = dir.resolve("no-such-config.yml").toString();
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), command, "-c", missing, "--sample-rows", "-1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--sample-rows must not be negative").doesNotContain("no-such-config");
    }
}
