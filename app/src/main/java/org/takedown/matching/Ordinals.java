package org.takedown.matching;

import java.util.Arrays;

/** Ordinal to entry id and list id, growable; written by the single writer before the ordinal is published. */
final class Ordinals {
    private volatile long[] entryIds = new long[1024];
    private volatile long[] bankIds = new long[1024];

    /** Makes room for ordinals below {@code capacity} at once (bulk loads), instead of doubling on the way. */
    void reserve(int capacity) {
        if (capacity > entryIds.length) {
            bankIds = Arrays.copyOf(bankIds, capacity);
            entryIds = Arrays.copyOf(entryIds, capacity);
        }
    }

    void put(int ordinal, long entryId, long bankId) {
        if (ordinal >= entryIds.length) {
            reserve(Math.max(ordinal + 1, entryIds.length * 2));
        }
        // readers look an ordinal up only after the writer publishes it, which happens after these writes
        bankIds[ordinal] = bankId;
        entryIds[ordinal] = entryId;
    }

    long entryId(int ordinal) {
        return entryIds[ordinal];
    }

    long bankId(int ordinal) {
        return bankIds[ordinal];
    }
}
