package dev.doppel.core.transform.support;

import dev.doppel.core.transform.SipHash;

/**
 * A keyed permutation of bit strings of up to 128 bits, held as two halves of at most 64 bits
 * each: the same alternating ten-round Feistel construction as {@link FormatCipher}, with
 * addition modulo {@code 2^bits}, so it is one-to-one by construction. Used for IP addresses and
 * UUIDs. One instance per bound transform: results are left in {@link #high()} and {@link #low()}
 * so that nothing is allocated.
 */
public final class BitCipher {
    private static final int ROUNDS = 10;
    private final SipHash prf;
    private long high;
    private long low;

    public BitCipher(SipHash prf) {
        this.prf = prf;
    }

    /** Permutes the {@code highBits + lowBits} bits {@code (high, low)}; each half has at most 64 bits. */
    public void encrypt(long highHalf, int highBits, long lowHalf, int lowBits, long tweak) {
        long highMask = mask(highBits);
        long lowMask = mask(lowBits);
        long a = highHalf & highMask;
        long b = lowHalf & lowMask;
        for (int round = 0; round < ROUNDS; round++) {
            if ((round & 1) == 0) {
                a = (a + prf.hash(tweak, round, b)) & highMask;
            } else {
                b = (b + prf.hash(tweak, round, a)) & lowMask;
            }
        }
        this.high = a;
        this.low = b;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    /** A tweak from two numbers. */
    public long tweak(long a, long b) {
        return prf.hash(0x62697473L, a, b);
    }

    static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
