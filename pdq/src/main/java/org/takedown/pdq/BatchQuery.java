package org.takedown.pdq;

import java.util.Arrays;

/**
 * The batched search of one {@link Segment}: the same multi-index search as {@link Segment#query}, for many queries
 * at once, with the reads of the index in the order they lie in memory instead of one query's order.
 *
 * <p>A single query reads a few thousand scattered buckets and candidates, each a cache miss (and a miss of the
 * address translation cache, since the arrays span gigabytes). Here, per chunk, the queries are grouped by the high
 * bits of their bucket key, and the bucket directory is walked one region of 2^12 buckets at a time: a region is
 * probed by every query whose key is within reach of it in its high bits, for the low-bit neighbours within the
 * rest of the reach, so that the region's directory (16 KB) and postings are read once, while in the cache, for all
 * the queries of the pass. The candidates found (entry, query, chunk) are then sorted by blocks of 2^13 entries
 * (256 KB of hashes), and each block's candidates are compared while its hashes are in the cache. Exactly the same
 * entries are found as one query at a time finds (tests compare with brute force).
 */
final class BatchQuery {

    /** Bucket bits of a region of the bucket directory: 4 096 buckets, 16 KB. */
    static final int REGION_BITS = 12;

    /** Entries of a block of the comparison: 8 192 hashes, 256 KB. */
    static final int BLOCK_BITS = 13;

    /**
     * A pass searches a segment together when it has at least one query per 2^15 entries (about 300 at 10 M entries);
     * with fewer, walking the whole bucket directory costs more than the queries' scattered reads save (measured at
     * 10 M entries: 256 queries broke even, 64 took 3.5 times as long as one by one).
     */
    static final int DENSITY_BITS = 15;

    /** {@link #masks} for every chunk length and reach, so that a search allocates none. */
    private static final int[][][] MASKS = new int[31][4][];

    /** {@link #weightLimits} up to 3 bits for every chunk length. */
    private static final int[][] LIMITS = new int[31][];

    static {
        for (int bits = 0; bits <= 30; bits++) {
            for (int reach = 0; reach <= 3; reach++) {
                MASKS[bits][reach] = masks(bits, reach);
            }
            LIMITS[bits] = weightLimits(bits, 3);
        }
    }

    private BatchQuery() {}

    /**
     * Adds to {@code out} the live entries of the segment within {@code radius} of the queries {@code [first, first +
     * n)} (four words each in {@code queries}).
     */
    static void query(
            Segment segment,
            long[] words,
            long[] removed,
            long[] queries,
            int first,
            int n,
            int radius,
            BatchMatches out) {
        Chunks chunks = segment.chunks;
        if (radius >= 4 * chunks.count()) {
            scan(words, removed, segment.from, segment.to, queries, first, n, radius, out);
            return;
        }
        if ((long) n << DENSITY_BITS < segment.live) {
            oneByOne(segment, words, removed, queries, first, n, radius, out);
            return;
        }
        int chunkRadius = radius / chunks.count();
        int wider = radius - chunks.count() * chunkRadius;
        int found = 0;
        for (int c = 0; c < chunks.count(); c++) {
            int reach = c <= wider ? chunkRadius : chunkRadius - 1;
            if (reach >= 0) {
                found = collect(segment, c, reach, queries, first, n, out, found);
            }
        }
        compare(segment, words, removed, queries, first, radius, chunkRadius, wider, out, found);
    }

    /** Searches the segment for each query on its own ({@link Segment#query}). */
    private static void oneByOne(
            Segment segment,
            long[] words,
            long[] removed,
            long[] queries,
            int first,
            int n,
            int radius,
            BatchMatches out) {
        Matches single = out.single;
        for (int q = first; q < first + n; q++) {
            int v = q << 2;
            single.clear();
            segment.query(words, removed, queries[v], queries[v + 1], queries[v + 2], queries[v + 3], radius, single);
            out.addAll(q, single);
        }
    }

    /**
     * Appends the candidates of chunk {@code c} (entries in buckets within {@code reach} of a query's) to the work
     * space from {@code found} on, as {@code ordinal << 20 | query << 4 | chunk}; returns the new count.
     */
    private static int collect(
            Segment segment, int c, int reach, long[] queries, int first, int n, BatchMatches out, int found) {
        int k = segment.bucketBits[c];
        int low = Math.min(k, REGION_BITS);
        int high = k - low;
        int lowMask = (1 << low) - 1;
        int[] keys = out.keys = BatchMatches.grow(out.keys, n);
        int[] order = out.order = BatchMatches.grow(out.order, n);
        int[] starts = out.starts = BatchMatches.grow(out.starts, (1 << high) + 1);
        groupByHighBits(segment.chunks, c, k, low, queries, first, n, keys, order, starts);
        int[] highMasks = MASKS[high][reach];
        int[] lowMasks = MASKS[low][3];
        int[] lowUpTo = LIMITS[low];
        int[] offsets = segment.offsets[c];
        int[] postings = segment.postings[c];
        if (postings.length == 0) {
            return found;
        }
        int last = postings.length - 1;
        long[] candidates = out.candidates;
        for (int region = 0; region < 1 << high; region++) {
            int base = region << low;
            if (!probed(region, highMasks, starts)) {
                continue;
            }
            out.touched += touch(offsets, base, base + (1 << low) + 1)
                    + touch(postings, offsets[base], offsets[base + (1 << low)]);
            for (int highMask : highMasks) {
                int source = region ^ highMask;
                int lowCount = lowUpTo[reach - Integer.bitCount(highMask)];
                for (int i = starts[source], end = starts[source + 1]; i < end; i++) {
                    int q = order[i];
                    int key = keys[q] & lowMask;
                    long tag = ((long) q << 4) | c;
                    for (int m = 0; m < lowCount; m++) {
                        int bucket = base | (key ^ lowMasks[m]);
                        int at = offsets[bucket];
                        int size = offsets[bucket + 1] - at;
                        if (found + size + 2 > candidates.length) {
                            candidates = out.candidates = BatchMatches.keep(candidates, found, found + size + 2);
                        }
                        // the first two without a branch on the size (mostly 0 to 2, so unpredictable); only the
                        // first size written count
                        candidates[found] = ((long) postings[Math.min(at, last)] << 20) | tag;
                        candidates[found + 1] = ((long) postings[Math.min(at + 1, last)] << 20) | tag;
                        for (int extra = 2; extra < size; extra++) {
                            candidates[found + extra] = ((long) postings[at + extra] << 20) | tag;
                        }
                        found += size;
                    }
                }
            }
        }
        return found;
    }

    /** True when a query of the pass is within reach of the region in its high bits. */
    private static boolean probed(int region, int[] highMasks, int[] starts) {
        for (int highMask : highMasks) {
            int source = region ^ highMask;
            if (starts[source] < starts[source + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes each query's bucket key of chunk {@code c} to {@code keys}, and the queries ordered by the key's bits
     * above {@code low} to {@code order}, those with high bits h at {@code [starts[h], starts[h + 1])}.
     */
    private static void groupByHighBits(
            Chunks chunks,
            int c,
            int k,
            int low,
            long[] queries,
            int first,
            int n,
            int[] keys,
            int[] order,
            int[] starts) {
        int groups = 1 << (k - low);
        Arrays.fill(starts, 0, groups + 1, 0);
        int mask = (1 << k) - 1;
        for (int q = 0; q < n; q++) {
            int w = (first + q) << 2;
            int key = chunks.value(queries[w], queries[w + 1], queries[w + 2], queries[w + 3], c) & mask;
            keys[q] = key;
            starts[key >>> low]++;
        }
        for (int h = 1; h < groups; h++) {
            starts[h] += starts[h - 1];
        }
        for (int q = n - 1; q >= 0; q--) {
            order[--starts[keys[q] >>> low]] = q;
        }
        starts[groups] = n;
    }

    /** Compares the candidates with their queries, block of entries by block, and adds the matches to {@code out}. */
    private static void compare(
            Segment segment,
            long[] words,
            long[] removed,
            long[] queries,
            int first,
            int radius,
            int chunkRadius,
            int wider,
            BatchMatches out,
            int found) {
        int blocks = ((segment.to - 1 - segment.from) >>> BLOCK_BITS) + 1;
        long[] candidates = sortByBlock(segment, blocks, out, found);
        int[] starts = out.blockStarts;
        for (int b = 0; b < blocks; b++) {
            int at = starts[b];
            int end = b + 1 < blocks ? starts[b + 1] : found;
            if (at < end) {
                int entries = segment.from + (b << BLOCK_BITS);
                out.touched += touch(words, entries << 2, Math.min(segment.to, entries + (1 << BLOCK_BITS)) << 2);
                for (; at < end; at++) {
                    long candidate = candidates[at];
                    int ordinal = (int) (candidate >>> 20);
                    int q = first + ((int) (candidate >>> 4) & 0xFFFF);
                    int w = ordinal << 2;
                    int v = q << 2;
                    long x0 = words[w] ^ queries[v];
                    long x1 = words[w + 1] ^ queries[v + 1];
                    long x2 = words[w + 2] ^ queries[v + 2];
                    long x3 = words[w + 3] ^ queries[v + 3];
                    int distance = Long.bitCount(x0) + Long.bitCount(x1) + Long.bitCount(x2) + Long.bitCount(x3);
                    if (distance <= radius
                            && !Segment.isRemoved(removed, ordinal)
                            && segment.firstToFind(x0, x1, x2, x3, (int) candidate & 15, chunkRadius, wider)) {
                        out.add(q, ordinal, distance);
                    }
                }
            }
        }
    }

    /**
     * The candidates ordered by block of entries (counting sort; the work space itself when there is one block), with
     * the start of each block's candidates in {@code out.blockStarts}.
     */
    private static long[] sortByBlock(Segment segment, int blocks, BatchMatches out, int found) {
        long[] candidates = out.candidates;
        int[] ends = out.blockStarts = BatchMatches.grow(out.blockStarts, blocks);
        if (blocks == 1) {
            ends[0] = 0;
            return candidates;
        }
        Arrays.fill(ends, 0, blocks, 0);
        int from = segment.from;
        for (int i = 0; i < found; i++) {
            ends[((int) (candidates[i] >>> 20) - from) >>> BLOCK_BITS]++;
        }
        for (int b = 1; b < blocks; b++) {
            ends[b] += ends[b - 1];
        }
        long[] sorted = out.sorted = BatchMatches.grow(out.sorted, found);
        for (int i = found - 1; i >= 0; i--) {
            long candidate = candidates[i];
            sorted[--ends[((int) (candidate >>> 20) - from) >>> BLOCK_BITS]] = candidate;
        }
        return sorted;
    }

    /**
     * Reads one element per cache line of {@code array[from, to)}, in order: the processor fetches such a run of
     * lines ahead of the reads, at the memory's full speed, where reads in random order would each wait for memory.
     */
    static int touch(int[] array, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i += 16) {
            sum += array[i];
        }
        return sum;
    }

    /** The same as {@link #touch(int[], int, int)} for an array of longs (eight to a cache line). */
    static long touch(long[] array, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i += 8) {
            sum += array[i];
        }
        return sum;
    }

    /** Adds the live entries of ordinals {@code [from, to)} within {@code radius} of each query, comparing all. */
    static void scan(
            long[] words,
            long[] removed,
            int from,
            int to,
            long[] queries,
            int first,
            int n,
            int radius,
            BatchMatches out) {
        Matches single = out.single;
        for (int q = first; q < first + n; q++) {
            int v = q << 2;
            single.clear();
            HammingIndex.scan(
                    words,
                    removed,
                    from,
                    to,
                    queries[v],
                    queries[v + 1],
                    queries[v + 2],
                    queries[v + 3],
                    radius,
                    single);
            out.addAll(q, single);
        }
    }

    /** The values of {@code bits} bits with at most {@code reach} (0 to 3) bits set, by number of bits set. */
    static int[] masks(int bits, int reach) {
        int[] masks = new int[weightLimits(bits, reach)[reach]];
        int n = 0;
        masks[n++] = 0;
        for (int weight = 1; weight <= reach; weight++) {
            for (int i = 0; i < bits; i++) {
                if (weight == 1) {
                    masks[n++] = 1 << i;
                }
                for (int j = i + 1; j < bits; j++) {
                    if (weight == 2) {
                        masks[n++] = (1 << i) | (1 << j);
                    }
                    for (int l = j + 1; weight == 3 && l < bits; l++) {
                        masks[n++] = (1 << i) | (1 << j) | (1 << l);
                    }
                }
            }
        }
        return masks;
    }

    /** For each number of bits w up to {@code reach}, how many values of {@code bits} bits have at most w set. */
    static int[] weightLimits(int bits, int reach) {
        if (reach > 3) {
            throw new IllegalArgumentException("a chunk is searched at most 3 bits wide, not " + reach);
        }
        int[] limits = new int[reach + 1];
        long choose = 1;
        long total = 0;
        for (int w = 0; w <= reach; w++) {
            total += choose;
            limits[w] = (int) total;
            choose = choose * (bits - w) / (w + 1);
        }
        return limits;
    }
}
