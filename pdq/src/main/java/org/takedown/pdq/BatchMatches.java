package org.takedown.pdq;

import java.util.Arrays;

/**
 * The result of a batched {@link HammingIndex#queryAll query}: for each query of the batch, the ordinals of the
 * entries found and their distances, and the work space of the batched search, which is large (16 bytes per
 * candidate of a pass: about 420 MB for 8 192 queries over 10 M entries, 260 MB over 1 M). Keep one per thread and
 * reuse it: queries then allocate nothing once it has grown. Not thread-safe.
 */
public final class BatchMatches {

    /** Default number of queries searched together: see {@code docs/benchmarks.md} for how it was chosen. */
    public static final int DEFAULT_QUERIES_PER_PASS = 8192;

    /** Most queries in one pass: a candidate keeps its query's number in 16 bits. */
    public static final int MAX_QUERIES_PER_PASS = 1 << 16;

    final int queriesPerPass;
    private int queries;
    private int size;
    private int[] query = new int[256];
    private int[] ordinals = new int[256];
    private int[] distances = new int[256];
    private int[] from = new int[1];
    private int[] spareOrdinals = new int[256];
    private int[] spareDistances = new int[256];

    // Work space of the batched search (see BatchQuery), kept so that a reused instance allocates nothing.
    long[] candidates = new long[1 << 16];
    long[] sorted = new long[1 << 16];
    int[] keys = new int[256];
    int[] order = new int[256];
    int[] starts = new int[256];
    int[] blockStarts = new int[256];
    /** Sums of the in-order pre-reads of the index ({@code BatchQuery.touch}), kept so that the JIT keeps the reads. */
    int touched;

    final Matches single = new Matches(64);

    /** Work space for the default number of queries searched together. */
    public BatchMatches() {
        this(DEFAULT_QUERIES_PER_PASS);
    }

    /**
     * Work space that searches at most {@code queriesPerPass} queries together (1 to 65 536): more make the reads of
     * the index denser and the work space larger.
     */
    public BatchMatches(int queriesPerPass) {
        if (queriesPerPass < 1 || queriesPerPass > MAX_QUERIES_PER_PASS) {
            throw new IllegalArgumentException(
                    "1 to " + MAX_QUERIES_PER_PASS + " queries per pass, not " + queriesPerPass);
        }
        this.queriesPerPass = queriesPerPass;
    }

    /** Number of queries of the last batch. */
    public int queries() {
        return queries;
    }

    /** Index of the first match of query {@code q}; its matches are {@code [from(q), to(q))}. */
    public int from(int q) {
        return from[q];
    }

    /** Index after the last match of query {@code q}. */
    public int to(int q) {
        return from[q + 1];
    }

    /** Number of matches of all queries. */
    public int size() {
        return size;
    }

    /** Ordinal of match {@code i}. */
    public int ordinal(int i) {
        return ordinals[i];
    }

    /** Hamming distance of match {@code i}. */
    public int distance(int i) {
        return distances[i];
    }

    void clear(int queryCount) {
        queries = queryCount;
        size = 0;
    }

    void add(int q, int ordinal, int distance) {
        if (size == ordinals.length) {
            query = Arrays.copyOf(query, size * 2);
            ordinals = Arrays.copyOf(ordinals, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        query[size] = q;
        ordinals[size] = ordinal;
        distances[size] = distance;
        size++;
    }

    /** Adds the matches of one query searched on its own. */
    void addAll(int q, Matches matches) {
        for (int i = 0; i < matches.size(); i++) {
            add(q, matches.ordinal(i), matches.distance(i));
        }
    }

    /** Groups the matches by query (counting sort, stable), so that {@link #from} and {@link #to} work. */
    void finish() {
        if (from.length < queries + 1) {
            from = new int[queries + 1];
        } else {
            Arrays.fill(from, 0, queries + 1, 0);
        }
        for (int i = 0; i < size; i++) {
            from[query[i] + 1]++;
        }
        for (int q = 0; q < queries; q++) {
            from[q + 1] += from[q];
        }
        int[] byQuery = spareOrdinals = grow(spareOrdinals, size);
        int[] distanceByQuery = spareDistances = grow(spareDistances, size);
        int[] next = order = grow(order, queries);
        System.arraycopy(from, 0, next, 0, queries);
        for (int i = 0; i < size; i++) {
            int at = next[query[i]]++;
            byQuery[at] = ordinals[i];
            distanceByQuery[at] = distances[i];
        }
        System.arraycopy(byQuery, 0, ordinals, 0, size);
        System.arraycopy(distanceByQuery, 0, distances, 0, size);
    }

    /** An array of at least {@code needed} elements whose first {@code used} are those of {@code array}. */
    static long[] keep(long[] array, int used, int needed) {
        if (array.length >= needed) {
            return array;
        }
        long[] grown = grow(array, needed);
        System.arraycopy(array, 0, grown, 0, used);
        return grown;
    }

    /** An array of at least {@code needed} elements, {@code array} itself when it is long enough (contents lost). */
    static int[] grow(int[] array, int needed) {
        return array.length >= needed ? array : new int[Math.max(needed, array.length * 2)];
    }

    /** An array of at least {@code needed} elements, {@code array} itself when it is long enough (contents lost). */
    static long[] grow(long[] array, int needed) {
        return array.length >= needed ? array : new long[Math.max(needed, array.length + (array.length >> 1))];
    }
}
