package org.takedown.matching;

import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Finds entries whose exact hash (MD5, SHA-1, SHA-256) equals a query: an open-addressing table from hash value to
 * a chain of entry ordinals (several lists may hold the same hash). Values are kept as longs, {@code words} per
 * hash; nothing is boxed. Removal marks the ordinal. Guarded by a read-write lock: lookups run in parallel, changes
 * one at a time. Thread-safe.
 */
final class ExactIndex {

    private final int words;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private long[] values = new long[0];
    private int[] next = new int[0]; // ordinal -> next ordinal with the same value, or -1
    private long[] removed = new long[0];
    private int[] table = new int[16]; // slot -> head ordinal + 1, 0 = empty
    private int count;
    private int distinct;

    ExactIndex(int words) {
        this.words = words;
    }

    /** Adds a hash (its {@code words} longs from {@code value[offset]}); returns its ordinal. */
    int add(long[] value, int offset) {
        lock.writeLock().lock();
        try {
            if (count == next.length) {
                int capacity = Math.max(1024, count * 2);
                values = Arrays.copyOf(values, capacity * words);
                next = Arrays.copyOf(next, capacity);
                removed = Arrays.copyOf(removed, (capacity + 63) / 64);
            }
            if (2 * (distinct + 1) > table.length) {
                rehash(table.length * 2);
            }
            int ordinal = count++;
            System.arraycopy(value, offset, values, ordinal * words, words);
            int slot = find(value, offset);
            if (table[slot] == 0) {
                distinct++;
                next[ordinal] = -1;
            } else {
                next[ordinal] = table[slot] - 1;
            }
            table[slot] = ordinal + 1;
            return ordinal;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The value of an ordinal as its {@code words} longs. */
    long[] value(int ordinal) {
        lock.readLock().lock();
        try {
            return Arrays.copyOfRange(values, ordinal * words, (ordinal + 1) * words);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Marks an ordinal removed. */
    void remove(int ordinal) {
        lock.writeLock().lock();
        try {
            removed[ordinal >>> 6] |= 1L << ordinal;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Gives the live ordinals holding exactly this hash to the collector. */
    void lookup(long[] value, int offset, MatchCollector collector) {
        lock.readLock().lock();
        try {
            int head = table[find(value, offset)];
            for (int ordinal = head - 1; ordinal >= 0; ordinal = next[ordinal]) {
                if ((removed[ordinal >>> 6] & (1L << ordinal)) == 0) {
                    collector.accept(ordinal);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The ordinals of this hash, removed or not, to the collector. */
    void all(long[] value, int offset, MatchCollector collector) {
        lock.readLock().lock();
        try {
            for (int ordinal = table[find(value, offset)] - 1; ordinal >= 0; ordinal = next[ordinal]) {
                collector.accept(ordinal);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        return count;
    }

    /** Receives ordinals. */
    interface MatchCollector {
        void accept(int ordinal);
    }

    /** The slot holding this value, or the empty slot where it belongs. Caller holds a lock. */
    private int find(long[] value, int offset) {
        int mask = table.length - 1;
        int slot = mix(value[offset]) & mask;
        while (true) {
            int head = table[slot];
            if (head == 0 || equal(head - 1, value, offset)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean equal(int ordinal, long[] value, int offset) {
        int base = ordinal * words;
        for (int i = 0; i < words; i++) {
            if (values[base + i] != value[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int capacity) {
        int[] old = table;
        table = new int[capacity];
        for (int head : old) {
            if (head != 0) {
                int slot = mix(values[(head - 1) * words]) & (capacity - 1);
                while (table[slot] != 0) {
                    slot = (slot + 1) & (capacity - 1);
                }
                table[slot] = head;
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
