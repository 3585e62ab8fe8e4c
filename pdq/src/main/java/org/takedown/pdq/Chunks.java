package org.takedown.pdq;

/**
 * The split of a 256-bit hash into 12 chunks for multi-index hashing: eight of 22 bits, then four of 20. Two hashes
 * within distance r differ in at most {@code r / 12} bits in at least one chunk (pigeonhole), which is what the index
 * searches for. At radius 31 the first eight chunks are searched 2 bits wide and the last four 1 bit wide (see
 * {@link Segment#query}), so the wide searches get the long chunks, whose buckets are smallest. Bit 0 is the most
 * significant bit of word 0. Stateless.
 */
final class Chunks {

    static final int COUNT = 12;
    static final int[] START = new int[COUNT];
    static final int[] LENGTH = new int[COUNT];

    static {
        int start = 0;
        for (int c = 0; c < COUNT; c++) {
            LENGTH[c] = c < 8 ? 22 : 20;
            START[c] = start;
            start += LENGTH[c];
        }
    }

    private Chunks() {}

    /** The value of chunk {@code c} of the hash {@code w0..w3}. */
    static int value(long w0, long w1, long w2, long w3, int c) {
        int start = START[c];
        int length = LENGTH[c];
        int offset = start & 63;
        long first = word(w0, w1, w2, w3, start >>> 6);
        long bits = first << offset;
        if (offset + length > 64) {
            bits |= word(w0, w1, w2, w3, (start >>> 6) + 1) >>> (64 - offset);
        }
        return (int) (bits >>> (64 - length));
    }

    private static long word(long w0, long w1, long w2, long w3, int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }
}
