package org.takedown.pdq;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Finds all 256-bit hashes within a Hamming distance of a query, much faster than scanning them all.
 *
 * <p>Multi-index hashing: the hash is split into {@link Chunks chunks} (12 or 11, by the segment's size); two hashes
 * within distance r differ in at most {@code r / chunks} bits in some chunk, so only the buckets of each chunk within
 * that many bits of the query's chunk are examined and each candidate is checked in full. Entries live in immutable
 * {@link Segment segments} plus a small tail of recent additions that is scanned directly; when the tail is full it
 * becomes a segment, and segments of similar size are merged (as in a log-structured merge tree), so adding is cheap
 * and never rebuilds the whole index. Removal marks the entry; merges drop it.
 *
 * <p>Entries are numbered by ordinal in order of addition. Queries are lock-free and see the index as of their start;
 * changes are serialised. A segment serves radii up to {@code 4 * chunks - 1} through its buckets (47 or 43) and
 * compares every entry beyond; from {@link #MAX_INDEXED_RADIUS} on, a query compares every entry. Thread-safe.
 */
public final class HammingIndex {

    /** Recent additions kept outside segments and scanned in full. */
    static final int TAIL_LIMIT = 4096;

    /** Radius from which a query compares every entry: no segment of the sizes' shapes serves it through buckets. */
    static final int MAX_INDEXED_RADIUS = 4 * Chunks.TWELVE.count();

    /** The shape of a segment of so many entries ({@link Chunks#forEntries} unless a test or benchmark says). */
    private final IntFunction<Chunks> shapeFor;

    /** What queries see: never changed once published, except that arrays may hold more than {@code count}. */
    private record State(long[] words, long[] removed, Segment[] segments, int tailStart, int count, int live) {}

    private volatile State state = new State(new long[4 * 1024], new long[16], new Segment[0], 0, 0, 0);

    /** An empty index whose segments are each split into the chunks that suit their size. */
    public HammingIndex() {
        this(Chunks::forEntries);
    }

    HammingIndex(IntFunction<Chunks> shapeFor) {
        this.shapeFor = shapeFor;
    }

    /**
     * An empty index that splits hashes into chunks of the given lengths, longest first ({@code "22x8+20x4"}: eight
     * of 22 bits, then four of 20) whatever their size, for comparing shapes.
     */
    public static HammingIndex withChunks(String shape) {
        Chunks chunks = Chunks.parse(shape);
        return new HammingIndex(entries -> chunks);
    }

    /** Adds a hash; returns its ordinal. */
    public int add(Hash256 hash) {
        return add(hash.word(0), hash.word(1), hash.word(2), hash.word(3));
    }

    /** Adds a hash given as its four words (word 0 most significant); returns its ordinal. */
    public synchronized int add(long w0, long w1, long w2, long w3) {
        State s = ensureCapacity(state, state.count + 1);
        int ordinal = s.count;
        int i = ordinal << 2;
        s.words[i] = w0;
        s.words[i + 1] = w1;
        s.words[i + 2] = w2;
        s.words[i + 3] = w3;
        state = compact(new State(s.words, s.removed, s.segments, s.tailStart, ordinal + 1, s.live + 1));
        return ordinal;
    }

    /**
     * Adds {@code count} hashes given as consecutive groups of four words; returns the ordinal of the first. Builds
     * segments directly, without the merges a series of single additions causes: use it for loading.
     */
    public synchronized int addAll(long[] hashWords, int count) {
        if (hashWords.length < 4L * count) {
            throw new IllegalArgumentException(count + " hashes need " + 4L * count + " words");
        }
        State s = ensureCapacity(state, state.count + count);
        int first = s.count;
        System.arraycopy(hashWords, 0, s.words, first << 2, count << 2);
        state = compact(new State(s.words, s.removed, s.segments, s.tailStart, first + count, s.live + count));
        return first;
    }

    /**
     * Merges recent additions once a series of them has ended. Single additions leave a run of segments of falling
     * size behind (a merge joins two only when they are of similar size) and a tail, and every query visits each:
     * half a million added one by one to ten million left five segments and a tail, and the server took 44 % more CPU
     * per single look-up. The oldest segment whose later segments and tail together hold at least a quarter as many
     * entries as it does is merged with them into one, so that a merge's cost is paid for by the entries it takes in.
     * Returns the number of segments and tails merged (0: nothing was worth it).
     */
    public synchronized int mergeRecent() {
        State s = state;
        Segment[] segments = s.segments;
        for (int j = 0; j < segments.length; j++) {
            Segment first = segments[j];
            long after = s.count - first.to;
            int parts = segments.length - j + (s.count > s.tailStart ? 1 : 0);
            if (parts >= 2 && 4 * after >= first.to - first.from && s.count - first.from <= Segment.MAX_ENTRIES) {
                Segment[] merged = Arrays.copyOf(segments, j + 1);
                merged[j] = build(s, first.from, s.count);
                state = new State(s.words, s.removed, merged, s.count, s.count, s.live);
                return parts;
            }
        }
        return 0;
    }

    /** Removes the entry; returns false when it was already removed. */
    public synchronized boolean remove(int ordinal) {
        State s = state;
        if (ordinal < 0 || ordinal >= s.count) {
            throw new IndexOutOfBoundsException("no entry " + ordinal + " in an index of " + s.count);
        }
        if (Segment.isRemoved(s.removed, ordinal)) {
            return false;
        }
        s.removed[ordinal >>> 6] |= 1L << ordinal;
        // publishing a new state makes the mark visible to queries that start from now on
        state = new State(s.words, s.removed, s.segments, s.tailStart, s.count, s.live - 1);
        return true;
    }

    /** True when the entry was removed. */
    public boolean isRemoved(int ordinal) {
        return Segment.isRemoved(state.removed, ordinal);
    }

    /** Number of entries not removed. */
    public int size() {
        return state.live;
    }

    /** Number of ordinals given out (removed entries included). */
    public int ordinals() {
        return state.count;
    }

    /** The hash of an entry. */
    public Hash256 hash(int ordinal) {
        State s = state;
        int i = ordinal << 2;
        return Hash256.ofWords(s.words[i], s.words[i + 1], s.words[i + 2], s.words[i + 3]);
    }

    /** Finds the entries within {@code radius} of {@code query} into {@code out} (cleared first). */
    public void query(Hash256 query, int radius, Matches out) {
        query(query.word(0), query.word(1), query.word(2), query.word(3), radius, out);
    }

    /** Finds the entries within {@code radius} of the query words into {@code out} (cleared first). No allocation. */
    public void query(long q0, long q1, long q2, long q3, int radius, Matches out) {
        out.clear();
        if (radius < 0) {
            return;
        }
        State s = state;
        if (radius >= MAX_INDEXED_RADIUS) {
            scan(s.words, s.removed, 0, s.count, q0, q1, q2, q3, radius, out);
            return;
        }
        for (Segment segment : s.segments) {
            segment.query(s.words, s.removed, q0, q1, q2, q3, radius, out);
        }
        scan(s.words, s.removed, s.tailStart, s.count, q0, q1, q2, q3, radius, out);
    }

    /**
     * Finds the entries within {@code radius} of each of {@code count} queries, given as consecutive groups of four
     * words in {@code queries}, into {@code out} (cleared first): the same entries as {@link #query} for each, found
     * faster per query by searching many together (see {@link BatchQuery}), in as few passes of equal size as {@code
     * out} allows.
     */
    public void queryAll(long[] queries, int count, int radius, BatchMatches out) {
        if (count < 0 || queries.length < 4L * count) {
            throw new IllegalArgumentException(count + " queries need " + 4L * count + " words");
        }
        out.clear(count);
        State s = state;
        // passes of equal size: a short last pass would walk the whole index for a few queries
        int passes = (count + out.queriesPerPass - 1) / out.queriesPerPass;
        int perPass = passes == 0 ? 0 : (count + passes - 1) / passes;
        for (int first = 0; radius >= 0 && first < count; first += perPass) {
            int n = Math.min(perPass, count - first);
            if (radius >= MAX_INDEXED_RADIUS) {
                BatchQuery.scan(s.words, s.removed, 0, s.count, queries, first, n, radius, out);
                continue;
            }
            for (Segment segment : s.segments) {
                BatchQuery.query(segment, s.words, s.removed, queries, first, n, radius, out);
            }
            BatchQuery.scan(s.words, s.removed, s.tailStart, s.count, queries, first, n, radius, out);
        }
        out.finish();
    }

    /** The same as {@link #query} by comparing the query with every entry: the reference for tests and benchmarks. */
    public void bruteForce(long q0, long q1, long q2, long q3, int radius, Matches out) {
        out.clear();
        State s = state;
        scan(s.words, s.removed, 0, s.count, q0, q1, q2, q3, radius, out);
    }

    /** Bytes held by the index's arrays (hashes, removal marks and segments). */
    public long bytes() {
        State s = state;
        long bytes = 8L * s.words.length + 8L * s.removed.length;
        for (Segment segment : s.segments) {
            bytes += segment.bytes();
        }
        return bytes;
    }

    /** Number of segments, for tests. */
    int segmentCount() {
        return state.segments.length;
    }

    /** Adds the live entries of ordinals {@code [from, to)} within {@code radius} of the query, comparing each. */
    static void scan(
            long[] words,
            long[] removed,
            int from,
            int to,
            long q0,
            long q1,
            long q2,
            long q3,
            int radius,
            Matches out) {
        for (int ordinal = from; ordinal < to; ordinal++) {
            int i = ordinal << 2;
            int distance = Long.bitCount(words[i] ^ q0)
                    + Long.bitCount(words[i + 1] ^ q1)
                    + Long.bitCount(words[i + 2] ^ q2)
                    + Long.bitCount(words[i + 3] ^ q3);
            if (distance <= radius && !Segment.isRemoved(removed, ordinal)) {
                out.add(ordinal, distance);
            }
        }
    }

    private static State ensureCapacity(State s, int entries) {
        if (4L * entries <= s.words.length) {
            return s;
        }
        long grown = Math.max(4L * entries, s.words.length + (s.words.length >> 1));
        if (grown > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("an index holds at most " + (Integer.MAX_VALUE / 4) + " hashes");
        }
        long[] words = Arrays.copyOf(s.words, (int) grown);
        long[] removed = Arrays.copyOf(s.removed, (int) (grown / 4 + 63) / 64);
        return new State(words, removed, s.segments, s.tailStart, s.count, s.live);
    }

    /** Turns a full tail into segments and merges the newest segments while they are of similar size. */
    private State compact(State s) {
        if (s.count - s.tailStart < TAIL_LIMIT) {
            return s;
        }
        Segment[] segments = s.segments;
        for (int from = s.tailStart; from < s.count; from += Segment.MAX_ENTRIES) {
            int to = (int) Math.min(s.count, (long) from + Segment.MAX_ENTRIES);
            segments = append(segments, build(s, from, to));
            segments = mergeSimilar(s, segments);
        }
        return new State(s.words, s.removed, segments, s.count, s.count, s.live);
    }

    private Segment[] mergeSimilar(State s, Segment[] segments) {
        while (segments.length >= 2) {
            Segment newest = segments[segments.length - 1];
            Segment before = segments[segments.length - 2];
            if (2L * newest.live < before.live || newest.to - before.from > Segment.MAX_ENTRIES) {
                break;
            }
            Segment merged = build(s, before.from, newest.to);
            segments = Arrays.copyOf(segments, segments.length - 1);
            segments[segments.length - 1] = merged;
        }
        return segments;
    }

    private Segment build(State s, int from, int to) {
        return Segment.build(shapeFor.apply(to - from), s.words, s.removed, from, to);
    }

    private static Segment[] append(Segment[] segments, Segment segment) {
        Segment[] more = Arrays.copyOf(segments, segments.length + 1);
        more[segments.length] = segment;
        return more;
    }
}
