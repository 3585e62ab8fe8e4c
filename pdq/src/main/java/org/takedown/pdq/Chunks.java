package org.takedown.pdq;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The split of a 256-bit hash into chunks for multi-index hashing. Two hashes within distance r differ in at most
 * {@code r / count} bits in at least one chunk (pigeonhole), which is what the index searches for; more precisely, if
 * {@code r = count * q + a}, in at most {@code q} bits in one of the first {@code a + 1} chunks or in at most
 * {@code q - 1} bits in one of the others (see {@link Segment#query}). The chunks come longest first, so that the wide
 * searches get the long chunks, whose buckets are smallest. Bit 0 is the most significant bit of word 0. Immutable.
 *
 * <p>How many chunks suit a set of entries depends on its size: a chunk is worth about as many bits as the set has
 * entries in powers of two, since longer chunks than that cannot get buckets of their own and shorter ones fill their
 * buckets with candidates. {@link #forEntries} follows the rule of multi-index hashing (chunks = 256 / log2(entries),
 * Norouzi et al.), but takes no fewer than 11 chunks: 10 chunks (six of 26 bits, four of 25) looked faster still at
 * 100 M entries (about 2.0 ms a query against 2.5 to 3.4 ms for 11 chunks, though not in the same run), but their
 * bucket directories took the index to 107 bytes per entry, over the budget of 10 GB for 100 M hashes, against 85.5
 * for 11 chunks. The shapes and the sizes at which one beats another were measured; see {@code docs/benchmarks.md}.
 */
final class Chunks {

    /** 12 chunks, the wide searches at radius 31 (2 bits) on the eight long ones: up to about 5 M entries. */
    static final Chunks TWELVE = parse("22x8+20x4");

    /** 11 chunks, ten searched 2 bits wide at radius 31: from about 5 M entries. */
    static final Chunks ELEVEN = parse("24x3+23x8");

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
     * A shape written as lengths with repeats, longest first: {@code "24x3+23x8"} is three chunks of 24 bits, then
     * eight of 23.
     */
    static Chunks parse(String shape) {
        int[] lengths = Arrays.stream(shape.split("\\+"))
                .map(String::strip)
                .flatMapToInt(part -> {
                    String[] pieces = part.split("x");
                    int repeat = pieces.length > 1 ? Integer.parseInt(pieces[1]) : 1;
                    return IntStream.generate(() -> Integer.parseInt(pieces[0])).limit(repeat);
                })
                .toArray();
        return new Chunks(lengths);
    }

    /** The shape for a segment of {@code entries} entries: 256 / log2(entries) chunks, rounded, 12 or 11. */
    static Chunks forEntries(int entries) {
        double bits = Math.log(Math.max(2, entries)) / Math.log(2);
        return Math.round(Hash256.BITS / bits) >= 12 ? TWELVE : ELEVEN;
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
