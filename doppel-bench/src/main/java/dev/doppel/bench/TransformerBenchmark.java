package dev.doppel.bench;

import dev.doppel.core.transform.RowValues;
import dev.doppel.core.transform.ValueTransform;
import java.util.concurrent.TimeUnit;
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
 * Values per second one thread masks with each rule, bound once as a run binds it. One thread is
 * one core: a run masks tables in parallel, one bound transform per worker.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TransformerBenchmark {
    private static final int INPUTS = 4096;
    private static final RowValues NO_ROW = index -> null;

    @Param({"hash", "email", "phone", "postal_code", "credit_card", "my_number", "uuid", "ip", "username",
            "date_shift", "number_noise", "partial", "choice", "person_name_en", "person_name_ja", "person_name_kana",
            "address_ja", "address_en", "company_ja", "redact", "json"})
    public String rule;

    private ValueTransform transform;
    private String[] inputs;
    private int next;

    @Setup
    public void bind() {
        Catalogue.Rule r = Catalogue.rule(rule);
        transform = Catalogue.bind(r);
        inputs = new String[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            inputs[i] = r.input().apply(i * 7 + 1);
        }
    }

    @Benchmark
    public String mask() {
        return transform.apply(inputs[next++ & (INPUTS - 1)], NO_ROW);
    }
}
