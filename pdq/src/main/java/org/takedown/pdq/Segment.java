package org.takedown.pdq;

/**
 * An immutable multi-index over the entries of one contiguous ordinal range: for each chunk, the entries grouped by
 * the chunk's low bits (bucket directory + postings of ordinals, counting-sorted), about one bucket per entry up to
 * the chunk's length. Entries removed before the segment was built are left out; later removals are filtered at query
 * time. Thread-safe (immutable).
 */
final class Segment {

    /**
     * Most entries in one segment: large enough that 100 M hashes make two segments (each segment is searched on its
     * own, so fewer is faster), small enough that a merge does not need all of the index's memory again.
     */
    static final int MAX_ENTRIES = 1 << 26;

    final int from;
    final int to;
    final int live;
    final Chunks chunks;
    final int[] bucketBits;
    final int[][] offsets;
    final int[][] postings;

    private Segment(Chunks chunks, int from, int to, int live) {
        this.chunks = chunks;
        this.from = from;
        this.to = to;
        this.live = live;
        bucketBits = new int[chunks.count()];
        offsets = new int[chunks.count()][];
        postings = new int[chunks.count()][];
    }

    /** Builds the segment of ordinals {@code [from, to)}, leaving out removed ones. */
    static Segment build(Chunks chunks, long[] words, long[] removed, int from, int to) {
        if (to - from > MAX_ENTRIES) {
            throw new IllegalArgumentException("a segment holds at most " + MAX_ENTRIES + " entries");
        }
        int live = 0;
        for (int ordinal = from; ordinal < to; ordinal++) {
            if (!isRemoved(removed, ordinal)) {
                live++;
            }
        }
        Segment segment = new Segment(chunks, from, to, live);
        // about one bucket per entry, never more buckets than the chunk has values
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, live - 1)));
        for (int c = 0; c < chunks.count(); c++) {
            int k = Math.min(chunks.length(c), bits);
            int mask = (1 << k) - 1;
            int[] starts = new int[(1 << k) + 1];
            for (int ordinal = from; ordinal < to; ordinal++) {
                if (!isRemoved(removed, ordinal)) {
                    starts[bucket(chunks, words, ordinal, c, mask) + 1]++;
                }
            }
            for (int b = 1; b < starts.length; b++) {
                starts[b] += starts[b - 1];
            }
            int[] next = new int[1 << k];
            System.arraycopy(starts, 0, next, 0, next.length);
            int[] list = new int[live];
            for (int ordinal = from; ordinal < to; ordinal++) {
                if (!isRemoved(removed, ordinal)) {
                    list[next[bucket(chunks, words, ordinal, c, mask)]++] = ordinal;
                }
            }
            segment.bucketBits[c] = k;
            segment.offsets[c] = starts;
            segment.postings[c] = list;
        }
        return segment;
    }

    private static int bucket(Chunks chunks, long[] words, int ordinal, int c, int mask) {
        int i = ordinal << 2;
        return chunks.value(words[i], words[i + 1], words[i + 2], words[i + 3], c) & mask;
    }

    static boolean isRemoved(long[] removed, int ordinal) {
        return (removed[ordinal >>> 6] & (1L << ordinal)) != 0;
    }

    /**
     * Adds to {@code out} every live entry within {@code radius} of the query. For each chunk, the buckets within
     * {@code chunkRadius} bits of the query's are examined, except that the last chunks go one bit narrower when the
     * radius allows it (the refined pigeonhole of multi-index hashing: if {@code radius = count * chunkRadius + a}, an
     * entry within {@code radius} is within {@code chunkRadius} in one of the first {@code a + 1} chunks or within
     * {@code chunkRadius - 1} in one of the others). An entry is reported only by the first chunk that reaches it.
     *
     * <p>The work is done in three passes per chunk (bucket bounds, candidate ordinals, full comparison), each a loop
     * of independent memory reads, so that the processor overlaps its cache misses instead of waiting for each.
     */
    void query(long[] words, long[] removed, long q0, long q1, long q2, long q3, int radius, Matches out) {
        if (radius >= 4 * chunks.count()) {
            HammingIndex.scan(words, removed, from, to, q0, q1, q2, q3, radius, out);
            return;
        }
        int chunkRadius = radius / chunks.count();
        int wider = radius - chunks.count() * chunkRadius; // chunks 0..wider use chunkRadius, the rest one less
        for (int c = 0; c < chunks.count(); c++) {
            int reach = c <= wider ? chunkRadius : chunkRadius - 1;
            if (reach < 0) {
                continue;
            }
            int k = bucketBits[c];
            int key = chunks.value(q0, q1, q2, q3, c) & ((1 << k) - 1);
            int probes = buckets(key, k, reach, out);
            int[] starts = offsets[c];
            int[] lo = out.bucketStarts;
            int[] hi = out.bucketEnds;
            int total = 0;
            for (int p = 0; p < probes; p++) {
                int bucket = lo[p];
                int start = starts[bucket];
                int end = starts[bucket + 1];
                lo[p] = start;
                hi[p] = end;
                total += end - start;
            }
            int[] candidates = out.candidates(total);
            int[] list = postings[c];
            int n = 0;
            for (int p = 0; p < probes; p++) {
                for (int at = lo[p], end = hi[p]; at < end; at++) {
                    candidates[n++] = list[at];
                }
            }
            for (int i = 0; i < n; i++) {
                int ordinal = candidates[i];
                int w = ordinal << 2;
                long x0 = words[w] ^ q0;
                long x1 = words[w + 1] ^ q1;
                long x2 = words[w + 2] ^ q2;
                long x3 = words[w + 3] ^ q3;
                int distance = Long.bitCount(x0) + Long.bitCount(x1) + Long.bitCount(x2) + Long.bitCount(x3);
                if (distance <= radius
                        && !isRemoved(removed, ordinal)
                        && firstToFind(x0, x1, x2, x3, c, chunkRadius, wider)) {
                    out.add(ordinal, distance);
                }
            }
        }
    }

    /** Writes the buckets within {@code reach} bits of {@code key} (on its low {@code k} bits) to the work space. */
    private static int buckets(int key, int k, int reach, Matches out) {
        int needed = 1 + k + (reach >= 2 ? k * (k - 1) / 2 : 0) + (reach >= 3 ? k * (k - 1) * (k - 2) / 6 : 0);
        if (out.bucketStarts.length < needed) {
            out.bucketStarts = new int[needed];
            out.bucketEnds = new int[needed];
        }
        int[] buckets = out.bucketStarts;
        int n = 0;
        buckets[n++] = key;
        if (reach >= 1) {
            for (int i = 0; i < k; i++) {
                int once = key ^ (1 << i);
                buckets[n++] = once;
                if (reach >= 2) {
                    for (int j = i + 1; j < k; j++) {
                        int twice = once ^ (1 << j);
                        buckets[n++] = twice;
                        if (reach >= 3) {
                            for (int l = j + 1; l < k; l++) {
                                buckets[n++] = twice ^ (1 << l);
                            }
                        }
                    }
                }
            }
        }
        return n;
    }

    /** True unless an earlier chunk already reached this entry (its bucket was within that chunk's reach). */
    boolean firstToFind(long x0, long x1, long x2, long x3, int c, int chunkRadius, int wider) {
        for (int earlier = 0; earlier < c; earlier++) {
            int reach = earlier <= wider ? chunkRadius : chunkRadius - 1;
            int mask = (1 << bucketBits[earlier]) - 1;
            if (Integer.bitCount(chunks.value(x0, x1, x2, x3, earlier) & mask) <= reach) {
                return false;
            }
        }
        return true;
    }

    /** Approximate bytes held by this segment's arrays. */
    long bytes() {
        long bytes = 0;
        for (int c = 0; c < chunks.count(); c++) {
            bytes += 4L * offsets[c].length + 4L * postings[c].length;
        }
        return bytes;
    }
}
