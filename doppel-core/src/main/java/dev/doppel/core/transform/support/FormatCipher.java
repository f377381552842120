package dev.doppel.core.transform.support;

import dev.doppel.core.transform.SipHash;

/**
 * A keyed permutation of strings of symbols that keeps each symbol's alphabet: the
 * format-preserving encryption behind every unique-safe transformer of fixed-shape values
 * (phone, postal code, card and My Number digits, user names).
 *
 * <p>Construction: the symbols are read as a mixed-radix number split in two halves {@code L}
 * and {@code R}; ten rounds alternately replace {@code L ← (L + F(i, R)) mod |L|} and
 * {@code R ← (R + F(i, L)) mod |R|}, with {@code F} a SipHash-2-4 keyed by the rule's domain
 * sub-key and the caller's tweak (the FF1 round structure of NIST SP 800-38G with another round
 * function). Every round can be undone by whoever knows {@code F}, so the whole is a bijection:
 * distinct inputs of one shape give distinct outputs, with no table and no collision check.
 * Strings longer than {@value #BLOCK} symbols are cut into blocks enciphered in a forward then
 * a backward chain, each block's tweak taken from its neighbour, so every output symbol depends
 * on every input symbol and the whole remains a bijection.
 *
 * <p>Not thread-safe only in the sense that callers own their arrays; the cipher itself keeps no
 * state.
 */
public final class FormatCipher {
    static final int ROUNDS = 10;
    static final int BLOCK = 20;
    private static final long SINGLE = 0x100;
    private static final long FORWARD = 0x200;
    private static final long BACKWARD = 0x10000;

    private final SipHash prf;

    public FormatCipher(SipHash prf) {
        this.prf = prf;
    }

    /** A tweak from two numbers, so that callers can tie the permutation to what they keep. */
    public long tweak(long a, long b) {
        return prf.hash(0x7477656bL, a, b);
    }

    /**
     * Permutes {@code values[from, to)} in place; {@code values[i]} lies in {@code [0, radix[i])}
     * with radices of at most 62. Equal tweaks and inputs give equal outputs.
     */
    public void encrypt(int[] values, int[] radix, int from, int to, long tweak) {
        int n = to - from;
        if (n <= BLOCK) {
            block(values, radix, from, to, tweak);
            return;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        long chain = 0;
        for (int j = 0; j < blocks; j++) {
            int start = from + (int) ((long) n * j / blocks);
            int end = from + (int) ((long) n * (j + 1) / blocks);
            block(values, radix, start, end, prf.hash(tweak, FORWARD + j, chain));
            chain = fold(values, start, end);
        }
        chain = 0;
        for (int j = blocks - 1; j >= 0; j--) {
            int start = from + (int) ((long) n * j / blocks);
            int end = from + (int) ((long) n * (j + 1) / blocks);
            block(values, radix, start, end, prf.hash(tweak, BACKWARD + j, chain));
            chain = fold(values, start, end);
        }
    }

    private void block(int[] values, int[] radix, int from, int to, long tweak) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (n == 1) {
            int r = radix[from];
            values[from] = (int) ((values[from] + Long.remainderUnsigned(prf.hash(tweak, SINGLE, 0), r)) % r);
            return;
        }
        int mid = from + n / 2;
        long left = 0;
        long leftSize = 1;
        for (int i = from; i < mid; i++) {
            left = left * radix[i] + values[i];
            leftSize *= radix[i];
        }
        long right = 0;
        long rightSize = 1;
        for (int i = mid; i < to; i++) {
            right = right * radix[i] + values[i];
            rightSize *= radix[i];
        }
        for (int round = 0; round < ROUNDS; round++) {
            if ((round & 1) == 0) {
                left = (left + Long.remainderUnsigned(prf.hash(tweak, round, right), leftSize)) % leftSize;
            } else {
                right = (right + Long.remainderUnsigned(prf.hash(tweak, round, left), rightSize)) % rightSize;
            }
        }
        for (int i = to - 1; i >= mid; i--) {
            values[i] = (int) (right % radix[i]);
            right /= radix[i];
        }
        for (int i = mid - 1; i >= from; i--) {
            values[i] = (int) (left % radix[i]);
            left /= radix[i];
        }
    }

    private static long fold(int[] values, int from, int to) {
        long h = 0x6a09e667f3bcc908L;
        for (int i = from; i < to; i++) {
            h = (h ^ values[i]) * 0x100000001b3L;
        }
        return h;
    }
}
