package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doppel demo} on its own embedded PostgreSQL, as a newcomer runs it. */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void runsTheMaskedCopyAndShowsRowsBeforeAndAfter() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Doppel.run(new PrintWriter(out), new PrintWriter(err), "demo", "--customers", "300", "--dir", dir.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("production (before) → staging (after)", "customer 1", "@example.com",
                "Done in", "2 tables copied", "1,800 rows");
        assertThat(Files.readString(dir.resolve("doppel-demo.yml"))).contains("unclassified: fail", "${file:demo.key}");
        assertThat(Files.readString(dir.resolve("demo.key")).strip()).hasSizeGreaterThan(30);
        for (String line : out.toString().lines().filter(l -> l.contains("email ")).toList()) {
            String[] sides = line.split("→");
            assertThat(sides[1].strip()).isNotEqualTo(sides[0].replace("email", "").strip());
        }
    }
}
