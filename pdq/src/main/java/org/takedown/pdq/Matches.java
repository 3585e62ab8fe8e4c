package org.takedown.pdq;

import java.util.Arrays;

/**
 * A reusable result buffer for {@link HammingIndex} queries: ordinals of the entries found and their distances. It
 * grows when a query finds more than it holds, so a buffer kept by the caller makes queries allocation-free once it
 * is large enough. Not thread-safe: one per thread.
 */
public final class Matches {

    private int[] ordinals;
    private int[] distances;
    private int size;

    /** A buffer for about {@code capacity} matches (it grows as needed). */
    public Matches(int capacity) {
        ordinals = new int[Math.max(1, capacity)];
        distances = new int[Math.max(1, capacity)];
    }

    /** Number of matches of the last query. */
    public int size() {
        return size;
    }

    /** Ordinal of match {@code i} (0 <= i < size). */
    public int ordinal(int i) {
        return ordinals[i];
    }

    /** Hamming distance of match {@code i} (0 <= i < size). */
    public int distance(int i) {
        return distances[i];
    }

    // Work space of the index's query, kept here so that queries allocate nothing once it has grown.
    int[] bucketStarts = new int[2048];
    int[] bucketEnds = new int[2048];
    int[] candidates = new int[4096];

    int[] candidates(int needed) {
        if (candidates.length < needed) {
            candidates = new int[Math.max(needed, candidates.length * 2)];
        }
        return candidates;
    }

    void clear() {
        size = 0;
    }

    void add(int ordinal, int distance) {
        if (size == ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, size * 2);
            distances = Arrays.copyOf(distances, size * 2);
        }
        ordinals[size] = ordinal;
        distances[size] = distance;
        size++;
    }
}
