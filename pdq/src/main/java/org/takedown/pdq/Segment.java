package org.takedown.pdq;

/**
 * An immutable multi-index over the entries of one contiguous ordinal range: for each of the 12 chunks, the entries
 * grouped by the chunk's low bits (bucket directory + postings, counting-sorted). Postings hold 3-byte ordinals
 * relative to the segment start, so a segment holds at most 2^24 entries. Entries removed before the segment was
 * built are left out; later removals are filtered at query time. Thread-safe (immutable).
 */
final class Segment {

    static final int MAX_ENTRIES = 1 << 24;

    final int from;
    final int to;
    final int live;
    private final int[] bucketBits = new int[Chunks.COUNT];
    private final int[][] offsets = new int[Chunks.COUNT][];
    private final byte[][] postings = new byte[Chunks.COUNT][];

    private Segment(int from, int to, int live) {
        this.from = from;
        this.to = to;
        this.live = live;
    }

    /** Builds the segment of ordinals {@code [from, to)}, leaving out removed ones. */
    static Segment build(long[] words, long[] removed, int from, int to) {
        if (to - from > MAX_ENTRIES) {
            throw new IllegalArgumentException("a segment holds at most " + MAX_ENTRIES + " entries");
        }
        int live = 0;
        for (int ordinal = from; ordinal < to; ordinal++) {
            if (!isRemoved(removed, ordinal)) {
                live++;
            }
        }
        Segment segment = new Segment(from, to, live);
        // about one bucket per entry, never more buckets than the chunk has values
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, live - 1)));
        for (int c = 0; c < Chunks.COUNT; c++) {
            int k = Math.min(Chunks.LENGTH[c], bits);
            int mask = (1 << k) - 1;
            int[] starts = new int[(1 << k) + 1];
            for (int ordinal = from; ordinal < to; ordinal++) {
                if (!isRemoved(removed, ordinal)) {
                    starts[bucket(words, ordinal, c, mask) + 1]++;
                }
            }
            for (int b = 1; b < starts.length; b++) {
                starts[b] += starts[b - 1];
            }
            int[] next = new int[1 << k];
            System.arraycopy(starts, 0, next, 0, next.length);
            byte[] list = new byte[3 * live];
            for (int ordinal = from; ordinal < to; ordinal++) {
                if (!isRemoved(removed, ordinal)) {
                    int at = 3 * next[bucket(words, ordinal, c, mask)]++;
                    int relative = ordinal - from;
                    list[at] = (byte) relative;
                    list[at + 1] = (byte) (relative >>> 8);
                    list[at + 2] = (byte) (relative >>> 16);
                }
            }
            segment.bucketBits[c] = k;
            segment.offsets[c] = starts;
            segment.postings[c] = list;
        }
        return segment;
    }

    private static int bucket(long[] words, int ordinal, int c, int mask) {
        int i = ordinal << 2;
        return Chunks.value(words[i], words[i + 1], words[i + 2], words[i + 3], c) & mask;
    }

    static boolean isRemoved(long[] removed, int ordinal) {
        return (removed[ordinal >>> 6] & (1L << ordinal)) != 0;
    }

    /**
     * Adds to {@code out} every live entry within {@code radius} of the query. Each chunk's buckets within
     * {@code chunkRadius} bits of the query's are scanned; an entry is reported only by the first chunk that finds
     * it, so no entry is reported twice.
     */
    void query(
            long[] words,
            long[] removed,
            long q0,
            long q1,
            long q2,
            long q3,
            int radius,
            int chunkRadius,
            Matches out) {
        for (int c = 0; c < Chunks.COUNT; c++) {
            int k = bucketBits[c];
            int key = Chunks.value(q0, q1, q2, q3, c) & ((1 << k) - 1);
            scan(words, removed, q0, q1, q2, q3, radius, chunkRadius, c, key, out);
            if (chunkRadius >= 1) {
                for (int i = 0; i < k; i++) {
                    int once = key ^ (1 << i);
                    scan(words, removed, q0, q1, q2, q3, radius, chunkRadius, c, once, out);
                    if (chunkRadius >= 2) {
                        for (int j = i + 1; j < k; j++) {
                            int twice = once ^ (1 << j);
                            scan(words, removed, q0, q1, q2, q3, radius, chunkRadius, c, twice, out);
                            if (chunkRadius >= 3) {
                                for (int l = j + 1; l < k; l++) {
                                    scan(words, removed, q0, q1, q2, q3, radius, chunkRadius, c, twice ^ (1 << l), out);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void scan(
            long[] words,
            long[] removed,
            long q0,
            long q1,
            long q2,
            long q3,
            int radius,
            int chunkRadius,
            int c,
            int bucket,
            Matches out) {
        int[] starts = offsets[c];
        byte[] list = postings[c];
        for (int p = 3 * starts[bucket], end = 3 * starts[bucket + 1]; p < end; p += 3) {
            int ordinal = from + ((list[p] & 0xff) | (list[p + 1] & 0xff) << 8 | (list[p + 2] & 0xff) << 16);
            if (isRemoved(removed, ordinal)) {
                continue;
            }
            int i = ordinal << 2;
            long x0 = words[i] ^ q0;
            long x1 = words[i + 1] ^ q1;
            long x2 = words[i + 2] ^ q2;
            long x3 = words[i + 3] ^ q3;
            int distance = Long.bitCount(x0) + Long.bitCount(x1) + Long.bitCount(x2) + Long.bitCount(x3);
            if (distance <= radius && firstToFind(x0, x1, x2, x3, c, chunkRadius)) {
                out.add(ordinal, distance);
            }
        }
    }

    /** True unless an earlier chunk's scan already reached this entry (its bucket was within chunkRadius). */
    private boolean firstToFind(long x0, long x1, long x2, long x3, int c, int chunkRadius) {
        for (int earlier = 0; earlier < c; earlier++) {
            int mask = (1 << bucketBits[earlier]) - 1;
            if (Integer.bitCount(Chunks.value(x0, x1, x2, x3, earlier) & mask) <= chunkRadius) {
                return false;
            }
        }
        return true;
    }

    /** Approximate bytes held by this segment's arrays. */
    long bytes() {
        long bytes = 0;
        for (int c = 0; c < Chunks.COUNT; c++) {
            bytes += 4L * offsets[c].length + postings[c].length;
        }
        return bytes;
    }
}
