package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.transform.SipHash;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifyPartsTest {
    @Test
    void theReferenceBelowIsSipHash() {
        SipHash sip24 = new SipHash(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
        assertThat(sipHash(2, 4, K0, K1, new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
        for (String value : new String[] {"a", "abcdefgh", "tanaka@example.jp", "田中 太郎"}) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            assertThat(sipHash(2, 4, K0, K1, bytes)).as(value).isEqualTo(sip24.hash(bytes));
        }
    }

    @Test
    void fingerprintsAreSipHash13OfUtf16() {
        Fingerprints fingerprints = new Fingerprints(K0, K1);
        for (String value : new String[] {"", "a", "abcdefg", "abcdefgh", "abcdefghi", "tanaka@example.jp", "Zoë Müller",
                "田中 太郎", "\uD83D\uDE00 x", "ā"}) {
            assertThat(fingerprints.of(value)).as(value)
                    .isEqualTo(sipHash(1, 3, K0, K1, value.getBytes(StandardCharsets.UTF_16LE)));
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
                long[] scratch = new long[1000];
                int count = 0;
                for (int i = from; i < added.length; i += threads.length) {
                    batch[count++] = added[i];
                    if (count == batch.length) {
                        filter.addAll(batch, count, scratch);
                        count = 0;
                    }
                }
                filter.addAll(batch, count, scratch);
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
    void batchesAreGroupedByRegionOfTheFilterAndNothingIsLost() {
        long[] values = new Random(5).longs(4096).toArray();
        long[] grouped = new long[values.length];
        BloomFilter.byRegion(values, values.length, grouped);
        assertThat(grouped).containsExactlyInAnyOrder(values);
        for (int i = 1; i < grouped.length; i++) {
            assertThat((grouped[i] & Long.MAX_VALUE) >>> 55).isGreaterThanOrEqualTo((grouped[i - 1] & Long.MAX_VALUE) >>> 55);
        }
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

    @Test
    void candidatesKeepEveryKeyAndItsCountAsTheTableGrows() {
        Fingerprints fingerprints = new Fingerprints(K0, K1);
        int distinct = 50_000;
        long[] keys = new long[distinct + 2];
        for (int i = 0; i < distinct; i++) {
            keys[i] = fingerprints.of("value " + i);
        }
        keys[distinct] = 0x0123456789abcdefL;
        keys[distinct + 1] = 0x0123456789abcdefL | Long.MIN_VALUE;
        Candidates candidates = new Candidates(1 << 20);
        long[] grouped = new long[keys.length];
        BloomFilter.byRegion(keys, keys.length, grouped);
        for (int round = 0; round < 3; round++) {
            for (long key : round == 1 ? keys : grouped) {
                candidates.increment(key);
            }
        }
        for (int i = 0; i < keys.length; i += 2) {
            candidates.mark(keys[i], Candidates.IN_SOURCE);
        }
        assertThat(candidates.overflow()).isZero();
        assertThat(candidates.leaked()).isEqualTo(3L * (keys.length / 2));
        for (long key : keys) {
            assertThat(candidates.contains(key)).isTrue();
        }
        assertThat(candidates.contains(fingerprints.of("value " + distinct))).isFalse();
    }

    private static final long K0 = 0x0706050403020100L;
    private static final long K1 = 0x0f0e0d0c0b0a0908L;

    /** SipHash-c-d as the paper describes it, byte by byte: the reference the fast forms are held to. */
    private static long sipHash(int c, int d, long k0, long k1, byte[] message) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
        int blocks = message.length / 8 + 1;
        for (int b = 0; b < blocks; b++) {
            long m = 0;
            for (int i = 0; i < 8; i++) {
                int at = b * 8 + i;
                long octet = at < message.length ? message[at] & 0xff : (b == blocks - 1 && i == 7 ? message.length & 0xff : 0);
                m |= octet << (8 * i);
            }
            v[3] ^= m;
            for (int r = 0; r < c; r++) {
                sipRound(v);
            }
            v[0] ^= m;
        }
        v[2] ^= 0xff;
        for (int r = 0; r < d; r++) {
            sipRound(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void sipRound(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }
}
