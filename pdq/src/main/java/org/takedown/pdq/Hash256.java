package org.takedown.pdq;

import java.util.Arrays;

/**
 * A 256-bit hash (PDQ) held as four 64-bit words, compared by Hamming distance.
 *
 * <p>The hex form is the one of Meta's reference implementation: 64 hex digits, most significant bits first. Word 0
 * holds the first 16 hex digits. Instances are immutable and thread-safe; no method accepts or returns null.
 */
public final class Hash256 {

    /** Number of bits in a hash. */
    public static final int BITS = 256;

    private final long w0;
    private final long w1;
    private final long w2;
    private final long w3;

    private Hash256(long w0, long w1, long w2, long w3) {
        this.w0 = w0;
        this.w1 = w1;
        this.w2 = w2;
        this.w3 = w3;
    }

    /** Builds a hash from its four words, word 0 being the most significant. */
    public static Hash256 ofWords(long w0, long w1, long w2, long w3) {
        return new Hash256(w0, w1, w2, w3);
    }

    /**
     * Parses 64 hex digits (either case).
     *
     * @throws IllegalArgumentException naming the position of the first character that is not a hex digit, or the
     *     wrong length
     */
    public static Hash256 fromHex(CharSequence hex) {
        if (hex.length() != 64) {
            throw new IllegalArgumentException(
                    "a 256-bit hash has 64 hex digits, this one has " + hex.length() + " characters");
        }
        long[] words = new long[4];
        for (int i = 0; i < 64; i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "not a hex digit at position " + (i + 1) + ": '" + hex.charAt(i) + "'");
            }
            words[i >> 4] = (words[i >> 4] << 4) | digit;
        }
        return new Hash256(words[0], words[1], words[2], words[3]);
    }

    /** Returns word {@code i} (0..3), word 0 being the most significant. */
    public long word(int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            case 3 -> w3;
            default -> throw new IndexOutOfBoundsException("word index " + i + " outside 0..3");
        };
    }

    /** Copies the four words into {@code target} starting at {@code offset}. */
    public void copyWords(long[] target, int offset) {
        target[offset] = w0;
        target[offset + 1] = w1;
        target[offset + 2] = w2;
        target[offset + 3] = w3;
    }

    /** Number of bits in which this hash differs from {@code other}. */
    public int distance(Hash256 other) {
        return Long.bitCount(w0 ^ other.w0)
                + Long.bitCount(w1 ^ other.w1)
                + Long.bitCount(w2 ^ other.w2)
                + Long.bitCount(w3 ^ other.w3);
    }

    /** Number of set bits. */
    public int bitCount() {
        return Long.bitCount(w0) + Long.bitCount(w1) + Long.bitCount(w2) + Long.bitCount(w3);
    }

    /** The 64 lower-case hex digits. */
    public String toHex() {
        StringBuilder out = new StringBuilder(64);
        for (long w : new long[] {w0, w1, w2, w3}) {
            String digits = Long.toHexString(w);
            out.repeat('0', 16 - digits.length()).append(digits);
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && h.w0 == w0 && h.w1 == w1 && h.w2 == w2 && h.w3 == w3;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {w0, w1, w2, w3});
    }

    @Override
    public String toString() {
        return toHex();
    }
}
