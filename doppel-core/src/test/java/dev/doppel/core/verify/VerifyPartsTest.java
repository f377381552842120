package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.transform.SipHash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyPartsTest {
    @Test
    void fingerprintsAreSipHash24() {
        Fingerprints sip = new Fingerprints(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        assertThat(sip.of("")).isEqualTo(0x726fdb47dd0e0e31L);
        SipHash reference = new SipHash(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        for (String value : new String[] {"a", "ab", "abc", "abcd", "tanaka@example.jp", "田中 太郎", "\uD83D\uDE00 x"}) {
            assertThat(sip.of(value)).as(value).isEqualTo(reference.hash(value.getBytes(StandardCharsets.UTF_16LE)));
        }
        assertThat(new Fingerprints().of("tanaka@example.jp")).isNotEqualTo(new Fingerprints().of("tanaka@example.jp"));
    }

    @Test
    void theBloomFilterNeverForgetsAndRarelyImagines() {
        BloomFilter filter = new BloomFilter(100_000, 1L << 24);
        Random random = new Random(7);
        long[] added = random.longs(100_000).toArray();
        for (long value : added) {
            filter.add(value);
        }
        for (long value : added) {
            assertThat(filter.mightContain(value)).isTrue();
        }
        long imagined = random.longs(100_000).filter(filter::mightContain).count();
        assertThat(imagined).isLessThan(100);
        assertThat(filter.bytes()).isLessThanOrEqualTo(1L << 21);
    }

    @Test
    void atItsOwnSizeTheFilterImaginesFewValuesAndCanBeFilledFromSeveralThreads() throws Exception {
        BloomFilter filter = new BloomFilter(1_000_000, Long.MAX_VALUE);
        long[] added = new Random(11).longs(1_000_000).toArray();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int from = t;
            threads[t] = new Thread(() -> {
                long[] batch = new long[1000];
                int count = 0;
                for (int i = from; i < added.length; i += threads.length) {
                    batch[count++] = added[i];
                    if (count == batch.length) {
                        filter.addAll(batch, count);
                        count = 0;
                    }
                }
                filter.addAll(batch, count);
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (long value : added) {
            assertThat(filter.mightContain(value)).isTrue();
        }
        long imagined = new Random(12).longs(1_000_000).filter(filter::mightContain).count();
        assertThat(imagined).isLessThan(1_000);
        assertThat(filter.bytes()).isEqualTo(BloomFilter.wantedBytes(1_000_000));
    }

    @Test
    void candidatesCountOnlyValuesTheSourceHasAndNoOutputExplains() {
        Candidates candidates = new Candidates(4);
        candidates.increment(1);
        candidates.increment(1);
        candidates.increment(2);
        candidates.increment(3);
        candidates.mark(1, Candidates.IN_SOURCE);
        candidates.mark(2, Candidates.IN_SOURCE);
        candidates.mark(2, Candidates.IN_OUTPUT);
        assertThat(candidates.leaked()).isEqualTo(2);
        for (int i = 10; i < 100; i++) {
            candidates.increment(i);
        }
        assertThat(candidates.overflow()).isEqualTo(89);
        assertThat(candidates.contains(1)).isTrue();
        assertThat(candidates.contains(50)).isFalse();
    }
}
