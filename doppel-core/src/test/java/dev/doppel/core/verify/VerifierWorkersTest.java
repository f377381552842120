package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RowConsumer;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.CopyListener;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A table's target read in parts by several workers gives the verdicts and counts of reading it
 * whole on one, every part is read once, and a part that fails stops every worker.
 */
class VerifierWorkersTest {
    private static final RuleBinder BINDER = new RuleBinder(TransformerRegistry.load(),
            new MaskingKey("a test key that is long enough to mask with"), "en");
    private static final TablePlan USERS = TestPlans.usersWithNotes(new TableName("app", "users"), 5_000);
    private static final TablePlan SMALL = TestPlans.usersWithNotes(new TableName("app", "small"), 30);

    @Test
    void partsReadByThreeWorkersGiveTheVerdictsOfOneWholeRead() {
        Plan plan = new Plan(List.of(USERS, SMALL), List.of(), List.of(), List.of(), List.of());
        InMemory source = new InMemory(Map.of("app.users", sourceRows(5_000), "app.small", sourceRows(30)), 1);
        Map<String, List<String>> written = Map.of("app.users", targetRows(5_000), "app.small", targetRows(30));

        VerifyReport whole = new Verifier(BINDER, Set.of(), CopyListener.NONE, 1).verify(plan, source,
                new InMemory(written, 1));
        InMemory inParts = new InMemory(written, 7);
        VerifyReport parts = new Verifier(BINDER, Set.of(), CopyListener.NONE, 3).verify(plan, source, inParts);

        assertThat(counts(parts)).isEqualTo(counts(whole)).containsExactly(
                "app.users.email 5000 50", "app.users.note 5000 0", "app.small.email 30 1", "app.small.note 30 0");
        assertThat(whole.leaks()).extracting(ColumnVerdict::qualified)
                .containsExactly("app.users.email", "app.users.note", "app.small.email");
        assertThat(whole.columns().get(1).patterns()).containsOnly(Map.entry("e-mail address", 50L));
        assertThat(patterns(parts)).isEqualTo(patterns(whole));
        assertThat(inParts.partsRead).containsOnlyKeys("app.users", "app.small");
        assertThat(inParts.partsRead.get("app.users")).hasSize(7).allSatisfy((part, reads) -> assertThat(reads.get()).as(part).isEqualTo(1));
        assertThat(inParts.threads).hasSizeGreaterThan(1);
    }

    @Test
    @Timeout(30)
    void aPartThatFailsStopsEveryWorker() {
        Plan plan = new Plan(List.of(USERS, SMALL), List.of(), List.of(), List.of(), List.of());
        InMemory source = new InMemory(Map.of("app.users", sourceRows(5_000), "app.small", sourceRows(30)), 1);
        InMemory target = new InMemory(Map.of("app.users", targetRows(5_000), "app.small", targetRows(30)), 7);
        target.failing = "app.users:3";

        assertThatThrownBy(() -> new Verifier(BINDER, Set.of(), CopyListener.NONE, 3).verify(plan, source, target))
                .isInstanceOf(DoppelException.class).hasMessageContaining("part 3 of app.users");
    }

    private static List<String> sourceRows(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> i + "\tuser" + i + "@example.org\tcalled back").toList();
    }

    /** Every hundredth e-mail survived; every notes column holds an address once every 100 rows. */
    private static List<String> targetRows(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> i + "\t" + (i % 100 == 7 ? "user" + i + "@example.org"
                : "masked" + i + "@mail.test") + "\t" + (i % 100 == 0 ? "write to someone" + i + "@example.org" : "called back"))
                .toList();
    }

    private static List<String> counts(VerifyReport report) {
        return report.columns().stream().map(c -> c.qualified() + " " + c.values() + " " + c.survived()).toList();
    }

    private static List<Map<String, Long>> patterns(VerifyReport report) {
        return report.columns().stream().map(ColumnVerdict::patterns).toList();
    }

    /** Tables of rows in RowText form; a whole table read in {@code parts} parts. */
    private static final class InMemory implements SourceDatabase {
        private final Map<String, List<String>> tables;
        private final int parts;
        final Map<String, Map<String, AtomicInteger>> partsRead = new ConcurrentHashMap<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile String failing;

        InMemory(Map<String, List<String>> tables, int parts) {
            this.tables = tables;
            this.parts = parts;
        }

        @Override
        public SourceSchema readSchema() {
            return new SourceSchema("test", "1", List.of(USERS.table(), SMALL.table()), List.of());
        }

        @Override
        public TableReader openReader() {
            return new TableReader() {
                @Override
                public void read(TableCopy copy, RowConsumer consumer) {
                    String name = copy.table().name().toString();
                    List<String> rows = tables.get(name);
                    int from = 0;
                    int to = rows.size();
                    if (!copy.chunk().isWhole()) {
                        int part = Integer.parseInt(copy.chunk().key());
                        if ((name + ":" + part).equals(failing)) {
                            throw new DoppelException(ExitCode.RUN_FAILED, "reading part " + part + " of " + name + " failed");
                        }
                        partsRead.computeIfAbsent(name, n -> new ConcurrentHashMap<>())
                                .computeIfAbsent(copy.chunk().key(), k -> new AtomicInteger()).incrementAndGet();
                        threads.add(Thread.currentThread().getName() + "-" + Thread.currentThread().getId());
                        from = rows.size() * part / parts;
                        to = rows.size() * (part + 1) / parts;
                    }
                    List<String> names = copy.columns().stream().map(c -> c.name()).toList();
                    List<String> all = copy.table().columns().stream().map(c -> c.name()).toList();
                    for (String row : rows.subList(from, to)) {
                        String[] fields = row.split("\t", -1);
                        List<String> wanted = new ArrayList<>();
                        for (String column : names) {
                            wanted.add(fields[all.indexOf(column)]);
                        }
                        byte[] bytes = (String.join("\t", wanted) + "\n").getBytes(StandardCharsets.UTF_8);
                        consumer.accept(bytes, 0, bytes.length);
                    }
                }

                @Override
                public List<Chunk> parts(TableCopy copy) {
                    return IntStream.range(0, parts).mapToObj(p -> new Chunk(String.valueOf(p), "part " + p, true)).toList();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
