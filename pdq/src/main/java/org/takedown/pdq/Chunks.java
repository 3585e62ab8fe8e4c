package org.takedown.pdq;

import java.util.Arrays;

/**
 * The split of a 256-bit hash into chunks for multi-index hashing. Two hashes within distance r differ in at most
 * {@code r / count} bits in at least one chunk (pigeonhole), which is what the index searches for; more precisely, if
 * {@code r = count * q + a}, in at most {@code q} bits in one of the first {@code a + 1} chunks or in at most
 * {@code q - 1} bits in one of the others (see {@link Segment#query}). The chunks come longest first, so that the wide
 * searches get the long chunks, whose buckets are smallest. Bit 0 is the most significant bit of word 0. Immutable.
 *
 * <p>The default, {@link #DEFAULT}, is 11 chunks (three of 24 bits, eight of 23): at radius 31 ten chunks are searched
 * 2 bits wide and the last one 1 bit wide. It was chosen over 12 chunks (eight of 22 bits, four of 20) and 10 chunks
 * (six of 26, four of 25) by measurement; see {@code docs/benchmarks.md}.
 */
final class Chunks {

    /** The shape every index uses unless told otherwise. */
    static final Chunks DEFAULT = parse("24x3,23x8");

    private final int[] start;
    private final int[] length;

    private Chunks(int[] lengths) {
        if (Arrays.stream(lengths).sum() != Hash256.BITS) {
            throw new IllegalArgumentException(
                    "chunks must cover 256 bits, not " + Arrays.stream(lengths).sum());
        }
        length = lengths.clone();
        start = new int[lengths.length];
        for (int c = 0, at = 0; c < lengths.length; at += lengths[c], c++) {
            if (lengths[c] < 1 || lengths[c] > 30 || (c > 0 && lengths[c] > lengths[c - 1])) {
                throw new IllegalArgumentException(
                        "chunks are 1 to 30 bits long, longest first: " + Arrays.toString(lengths));
            }
            start[c] = at;
        }
    }

    /**
     * A shape written as lengths with repeats, longest first: {@code "24x3,23x8"} is three chunks of 24 bits, then
     * eight of 23.
     */
    static Chunks parse(String shape) {
        int[] lengths = Arrays.stream(shape.split(","))
                .map(String::strip)
                .flatMapToInt(part -> {
                    String[] pieces = part.split("x");
                    int repeat = pieces.length > 1 ? Integer.parseInt(pieces[1]) : 1;
                    return java.util.stream.IntStream.generate(() -> Integer.parseInt(pieces[0]))
                            .limit(repeat);
                })
                .toArray();
        return new Chunks(lengths);
    }

    /** Number of chunks. */
    int count() {
        return length.length;
    }

    /** Length of chunk {@code c} in bits. */
    int length(int c) {
        return length[c];
    }

    /** The value of chunk {@code c} of the hash {@code w0..w3}. */
    int value(long w0, long w1, long w2, long w3, int c) {
        int from = start[c];
        int bits = length[c];
        int offset = from & 63;
        long first = word(w0, w1, w2, w3, from >>> 6);
        long value = first << offset;
        if (offset + bits > 64) {
            value |= word(w0, w1, w2, w3, (from >>> 6) + 1) >>> (64 - offset);
        }
        return (int) (value >>> (64 - bits));
    }

    private static long word(long w0, long w1, long w2, long w3, int i) {
        return switch (i) {
            case 0 -> w0;
            case 1 -> w1;
            case 2 -> w2;
            default -> w3;
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(length);
    }
}
