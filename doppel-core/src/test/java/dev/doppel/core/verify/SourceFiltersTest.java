package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.RunLedger;
import dev.doppel.core.pipeline.CopyObserver;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.text.RowFormat;
import dev.doppel.core.transform.RowValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceFiltersTest {
    private static final Chunk FIRST = new Chunk("id:[1,3)", "id >= 1 AND id < 3", true);
    private static final Chunk SECOND = new Chunk("id:[3,5)", "id >= 3 AND id < 5", true);

    @Test
    void aTableWhoseChunksAllCommittedHasFiltersOfTheValuesItsRulesChanged() {
        TablePlan users = TestPlans.users(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(FIRST, SECOND)), Set.of());

        CopyObserver.ChunkObserver first = filters.chunk(users, FIRST);
        first.row(row("1", "a@example.org", "masked-a"));
        first.row(row("2", "kept@example.org", "kept@example.org"));
        first.committed();
        assertThat(filters.take(users.table().name())).as("one chunk is still to come").isEmpty();
    }

    @Test
    void sameByDesignCountsOnlyCommittedAttemptsAndTheFilterHoldsChangedValues() {
        TablePlan users = TestPlans.users(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(FIRST, SECOND)), Set.of());

        CopyObserver.ChunkObserver failed = filters.chunk(users, FIRST);
        failed.row(row("2", "kept@example.org", "kept@example.org"));
        CopyObserver.ChunkObserver retried = filters.chunk(users, FIRST);
        retried.row(row("1", "a@example.org", "masked-a"));
        retried.row(row("2", "kept@example.org", "kept@example.org"));
        retried.row(row("3", null, null));
        retried.committed();
        CopyObserver.ChunkObserver second = filters.chunk(users, SECOND);
        second.row(row("4", "b@example.org", "masked-b"));
        second.committed();

        SourceFilters.TableFilters taken = filters.take(users.table().name()).orElseThrow();
        assertThat(taken.sameByDesign(1)).isEqualTo(1);
        BloomFilter email = taken.filter(1);
        assertThat(email.mightContain(filters.fingerprints().of("a@example.org"))).isTrue();
        assertThat(email.mightContain(filters.fingerprints().of("b@example.org"))).isTrue();
        assertThat(email.mightContain(filters.fingerprints().of("masked-a"))).isFalse();
        assertThat(taken.filter(0)).as("id is kept").isNull();
        OutputSet written = taken.outputs(1);
        assertThat(written.contains(filters.fingerprints().of("masked-a"))).isTrue();
        assertThat(written.contains(filters.fingerprints().of("masked-b"))).isTrue();
        assertThat(written.contains(filters.fingerprints().of("kept@example.org"))).as("kept by design, so written").isTrue();
        assertThat(written.contains(filters.fingerprints().of("a@example.org"))).isFalse();
        assertThat(written.size()).isEqualTo(3);
        assertThat(taken.outputs(0)).isNull();
        assertThat(filters.take(users.table().name())).as("taken once").isEmpty();
    }

    @Test
    void aTableWithChunksAnEarlierRunCopiedIsReadFromTheSourceInstead() {
        TablePlan users = TestPlans.users(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(FIRST, SECOND)),
                Set.of(RunLedger.chunkId(users.table().name(), FIRST)));
        assertThat(filters.chunk(users, SECOND)).isNull();
        assertThat(filters.take(users.table().name())).isEmpty();
    }

    @Test
    void theBudgetGoesToTheLargestTablesFirst() {
        TablePlan big = TestPlans.users(new TableName("app", "big"), 2_000_000);
        TablePlan small = TestPlans.users(new TableName("app", "small"), 10_000);
        long budget = BloomFilter.wantedBytes(2_000_000) + BloomFilter.wantedBytes(10_000) / 2;
        SourceFilters filters = SourceFilters.of(new Plan(List.of(small, big), List.of(), List.of(), List.of(), List.of()),
                budget);
        filters.planned(Map.of(big.table().name(), List.of(Chunk.WHOLE), small.table().name(), List.of(Chunk.WHOLE)), Set.of());
        assertThat(filters.chunk(big, Chunk.WHOLE)).isNotNull();
        assertThat(filters.chunk(small, Chunk.WHOLE)).isNull();
        assertThat(filters.bytes()).isLessThanOrEqualTo(budget + SourceFilters.OUTPUT_BUDGET_BYTES);
    }

    @Test
    void aColumnWithMoreDistinctOutputsThanASetKeepsHasFiltersButNoOutputs() {
        TablePlan users = TestPlans.users(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(Chunk.WHOLE)), Set.of());
        CopyObserver.ChunkObserver chunk = filters.chunk(users, Chunk.WHOLE);
        for (int i = 0; i <= SourceFilters.MAX_OUTPUTS; i++) {
            chunk.row(row(Integer.toString(i), "user" + i + "@example.org", "masked" + i));
        }
        chunk.committed();
        SourceFilters.TableFilters taken = filters.take(users.table().name()).orElseThrow();
        assertThat(taken.outputs(1)).isNull();
        assertThat(taken.filter(1).mightContain(filters.fingerprints().of("user7@example.org"))).isTrue();
    }

    @Test
    void keptTextColumnsAreScannedInWhatCommittedAttemptsWrote() {
        TablePlan users = TestPlans.usersWithNotes(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(FIRST, SECOND)), Set.of());

        CopyObserver.ChunkObserver failed = filters.chunk(users, FIRST);
        failed.row(rowWithNote("1", "a@example.org", "masked-a", "write to a@example.org"));
        CopyObserver.ChunkObserver retried = filters.chunk(users, FIRST);
        retried.row(rowWithNote("1", "a@example.org", "masked-a", "write to a@example.org"));
        retried.row(rowWithNote("2", "b@example.org", "masked-b", "fragile"));
        retried.committed();
        CopyObserver.ChunkObserver second = filters.chunk(users, SECOND);
        second.row(rowWithNote("3", "c@example.org", "masked-c", null));
        second.row(rowWithNote("4", "d@example.org", "masked-d", "call 090-1234-5678"));
        second.committed();

        SourceFilters.TableFilters taken = filters.take(users.table().name()).orElseThrow();
        assertThat(taken.keptScan(1)).as("email is masked").isNull();
        ColumnVerdict note = taken.keptScan(2).verdict(users.table().name(), false);
        assertThat(note.values()).as("the failed attempt's row is not counted again").isEqualTo(3);
        assertThat(note.patterns()).containsOnly(Map.entry("e-mail address", 1L), Map.entry("phone number", 1L));
        assertThat(note.leak()).isTrue();
    }

    @Test
    void aTableWhoseFiltersDoNotFitStillHasItsKeptColumnsScanned() {
        TablePlan users = TestPlans.usersWithNotes(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), 0);
        filters.planned(Map.of(users.table().name(), List.of(Chunk.WHOLE)), Set.of());
        assertThat(filters.bytes()).isZero();

        CopyObserver.ChunkObserver chunk = filters.chunk(users, Chunk.WHOLE);
        chunk.row(rowWithNote("1", "a@example.org", "masked-a", "fragile"));
        chunk.committed();
        SourceFilters.TableFilters taken = filters.take(users.table().name()).orElseThrow();
        assertThat(taken.fingerprinted()).isFalse();
        assertThat(taken.filter(1)).as("read from the source instead").isNull();
        assertThat(taken.keptScan(2).verdict(users.table().name(), false).values()).isEqualTo(1);
    }

    @Test
    void aKeptColumnTheCopyCannotDecodeIsLeftToTheTargetsScan() {
        TablePlan users = TestPlans.usersWithNotes(new TableName("app", "users"), 1_000);
        SourceFilters filters = SourceFilters.of(plan(users), SourceFilters.BUDGET_BYTES);
        filters.planned(Map.of(users.table().name(), List.of(Chunk.WHOLE)), Set.of());
        CopyObserver.ChunkObserver chunk = filters.chunk(users, Chunk.WHOLE);
        chunk.row(rowWithNote("1", "a@example.org", "masked-a", "fragile"));
        chunk.row(new RowValues() {
            @Override
            public String source(int index) {
                return index == 1 ? "b@example.org" : "2";
            }

            @Override
            public String masked(int index) {
                if (index == 2) {
                    throw new RowFormat.TextNeeded("a field in a form not decoded");
                }
                return index == 1 ? "masked-b" : "2";
            }
        });
        chunk.committed();
        SourceFilters.TableFilters taken = filters.take(users.table().name()).orElseThrow();
        assertThat(taken.keptScan(2)).isNull();
        assertThat(taken.filter(1).mightContain(filters.fingerprints().of("b@example.org"))).isTrue();
    }

    private static Plan plan(TablePlan table) {
        return new Plan(List.of(table), List.of(), List.of(), List.of(), List.of());
    }

    private static RowValues rowWithNote(String id, String email, String masked, String note) {
        return new RowValues() {
            @Override
            public String source(int index) {
                return index == 0 ? id : index == 1 ? email : note;
            }

            @Override
            public String masked(int index) {
                return index == 0 ? id : index == 1 ? masked : note;
            }
        };
    }

    private static RowValues row(String id, String email, String masked) {
        return new RowValues() {
            @Override
            public String source(int index) {
                return index == 0 ? id : email;
            }

            @Override
            public String masked(int index) {
                return index == 0 ? id : masked;
            }
        };
    }
}
