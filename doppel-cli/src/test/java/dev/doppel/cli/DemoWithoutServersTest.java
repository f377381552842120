package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doppel demo} run from doppel.jar alone, as on a host the jar was deployed to: this module's
 * class path has no {@link DemoServers}, as doppel.jar has none.
 */
class DemoWithoutServersTest {
    @TempDir
    Path dir;

    @Test
    void saysWhereTheDemoServersAreAndWritesNothing() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path demo = dir.resolve("demo");
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), "demo", "--dir", demo.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("doppel-demo.jar", "./doppel demo", "java -cp doppel.jar:doppel-demo.jar");
        assertThat(out.toString()).isEmpty();
        assertThat(Files.exists(demo)).isFalse();
    }
}
