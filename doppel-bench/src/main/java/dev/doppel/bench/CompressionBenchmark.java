package dev.doppel.bench;

import com.github.luben.zstd.ZstdOutputStream;
import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast one thread compresses a snapshot's data file at each zstd level a config may ask for,
 * and how small it comes out: 200,000 customers of bench/run's shop in COPY text form, their
 * personal columns masked by the rules its config gives them, as a snapshot writes them (64 KB
 * writes, frame checksum on). One operation is the whole block; the size is printed at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CompressionBenchmark {
    private static final int ROWS = 200_000;
    private static final RowValues NO_ROW = index -> null;

    @Param({"1", "3", "6", "9"})
    public int level;

    private byte[] rows;

    @Setup
    public void maskRows() throws IOException {
        Catalogue.Rule[] rules = Stream.of("person_name_en", "email", "phone", "address_en", "date_shift")
                .map(Catalogue::rule).toArray(Catalogue.Rule[]::new);
        ValueTransform[] transforms = Stream.of(rules).map(Catalogue::bind).toArray(ValueTransform[]::new);
        StringBuilder text = new StringBuilder();
        for (int row = 1; row <= ROWS; row++) {
            text.append(row);
            for (int i = 0; i < rules.length; i++) {
                text.append('\t').append(transforms[i].apply(rules[i].input().apply(row), NO_ROW));
            }
            text.append("\t2020-01-01 00:00:00+00\t\\N\n");
        }
        rows = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(rows.length);
        compress(compressed);
        System.out.printf(Locale.ROOT, "%nlevel %d: %.1f MB of rows -> %.2f MB (%.3f)%n", level, rows.length / 1e6,
                compressed.size() / 1e6, (double) compressed.size() / rows.length);
    }

    @Benchmark
    public long compress() throws IOException {
        CountingStream out = new CountingStream();
        compress(out);
        return out.bytes;
    }

    private void compress(OutputStream sink) throws IOException {
        try (ZstdOutputStream zstd = new ZstdOutputStream(sink, level)) {
            zstd.setChecksum(true);
            for (int offset = 0; offset < rows.length; offset += 1 << 16) {
                zstd.write(rows, offset, Math.min(1 << 16, rows.length - offset));
            }
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
