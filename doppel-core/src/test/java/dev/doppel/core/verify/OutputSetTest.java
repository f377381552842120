package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutputSetTest {
    @Test
    void holdsExactlyWhatWasAddedFromSeveralThreads() throws Exception {
        AtomicLong budget = new AtomicLong(16L << 20);
        OutputSet set = new OutputSet(budget, 1 << 18);
        long[] added = new Random(3).longs(200_000).toArray();
        added[0] = 0;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int from = t;
            threads[t] = new Thread(() -> {
                long[] batch = new long[1000];
                int count = 0;
                for (int i = from; i < added.length; i += threads.length) {
                    batch[count++] = added[i];
                    batch[count++] = added[i];
                    if (count == batch.length) {
                        set.addAll(batch, count, new long[count]);
                        count = 0;
                    }
                }
                set.addAll(batch, count, new long[count]);
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(set.abandoned()).isFalse();
        assertThat(set.size()).as("0 is held apart").isEqualTo(added.length - 1);
        for (long value : added) {
            assertThat(set.contains(value)).isTrue();
        }
        assertThat(new Random(4).longs(200_000).filter(set::contains).count()).isZero();
        assertThat(budget.get()).isEqualTo((16L << 20) - set.bytes());
        assertThat(set.bytes()).isEqualTo(512 * 1024 * Long.BYTES);
    }

    @Test
    void fingerprintsWhoseHighBitsCrowdOneEndWrapAroundAndStayApart() {
        AtomicLong budget = new AtomicLong(16L << 20);
        OutputSet set = new OutputSet(budget, 1 << 18);
        long[] crowded = new long[3_000];
        for (int i = 0; i < crowded.length; i += 2) {
            crowded[i] = Long.MAX_VALUE - i;
            crowded[i + 1] = (Long.MAX_VALUE - i) | Long.MIN_VALUE;
        }
        set.addAll(crowded, crowded.length, new long[crowded.length]);
        assertThat(set.size()).isEqualTo(crowded.length);
        for (long value : crowded) {
            assertThat(set.contains(value)).isTrue();
        }
        assertThat(set.contains(Long.MAX_VALUE - crowded.length)).isFalse();
        assertThat(set.contains(1L)).isFalse();
    }

    @Test
    void moreDistinctOutputsThanItMayKeepGiveItUpAndHandItsMemoryBack() {
        AtomicLong budget = new AtomicLong(16L << 20);
        OutputSet set = new OutputSet(budget, 5_000);
        long[] values = new Random(5).longs(5_001).toArray();
        set.addAll(values, 5_000, new long[5_000]);
        assertThat(set.abandoned()).isFalse();
        set.addAll(values, 5_000, new long[5_000]);
        assertThat(set.abandoned()).as("the same outputs again take no room").isFalse();
        set.addAll(new long[] {values[5_000]}, 1, new long[1]);
        assertThat(set.abandoned()).isTrue();
        assertThat(set.bytes()).isZero();
        assertThat(budget.get()).isEqualTo(16L << 20);
    }

    @Test
    void aSetThatCannotGrowWithinTheSharedBudgetIsGivenUpAndTheOthersGoOn() {
        AtomicLong budget = new AtomicLong(64 * 1024);
        OutputSet big = new OutputSet(budget, 1 << 18);
        OutputSet small = new OutputSet(budget, 1 << 18);
        big.addAll(new Random(6).longs(10_000).toArray(), 10_000, new long[10_000]);
        assertThat(big.abandoned()).isTrue();
        small.addAll(new long[] {1, 2, 3}, 3, new long[3]);
        assertThat(small.abandoned()).isFalse();
        assertThat(small.contains(2)).isTrue();
        assertThat(new OutputSet(new AtomicLong(0), 10).abandoned()).as("no room at all").isTrue();
    }
}
