package org.takedown.matching;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.takedown.pdq.HammingIndex;
import org.takedown.pdq.Hash256;
import org.takedown.pdq.Matches;
import org.takedown.pdq.Vpdq;

/**
 * The vPDQ entries of all lists: every usable frame of every listed video in one {@link HammingIndex}, so a checked
 * video's frames find the listed videos that share frames without comparing against each video in turn; the shares of
 * matching frames are then counted per candidate as Meta's vPDQ counts them (and as {@link Vpdq#compare} does by brute
 * force). One writer ({@link IndexFollower}), concurrent lookups. Thread-safe.
 */
final class VideoIndex {

    /** A listed video that matched, with both shares. */
    record Found(long entryId, long bankId, int closest, double queryPercent, double comparedPercent) {}

    /** What a lookup needs of a list: whether it takes part and its thresholds. */
    interface Thresholds {
        /** The list's frame distance, or -1 when the list takes no part in this lookup. */
        int frameDistance(long bankId);

        boolean matches(long bankId, Vpdq.Comparison comparison);
    }

    private final HammingIndex frames = new HammingIndex();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slotOfEntry = new HashMap<>();
    private int[] slotOfOrdinal = new int[1024];
    private long[] entryIds = new long[64];
    private long[] bankIds = new long[64];
    private int[] firstOrdinal = new int[64];
    private int[] frameCount = new int[64];
    private int slots;

    /** Listed videos in memory (disabled ones included until restart). */
    int videos() {
        lock.readLock().lock();
        try {
            return slots;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds a listed video: its usable frames. A video without any is kept but can never match. */
    void add(long entryId, long bankId, List<Vpdq.Frame> listed) {
        List<Vpdq.Frame> usable = Vpdq.usable(listed);
        long[] words = new long[4 * usable.size()];
        for (int i = 0; i < usable.size(); i++) {
            usable.get(i).hash().copyWords(words, 4 * i);
        }
        lock.writeLock().lock();
        try {
            int slot = slots++;
            if (slot == entryIds.length) {
                int capacity = slot * 2;
                entryIds = Arrays.copyOf(entryIds, capacity);
                bankIds = Arrays.copyOf(bankIds, capacity);
                firstOrdinal = Arrays.copyOf(firstOrdinal, capacity);
                frameCount = Arrays.copyOf(frameCount, capacity);
            }
            int first = frames.ordinals();
            if (first + usable.size() > slotOfOrdinal.length) {
                slotOfOrdinal = Arrays.copyOf(slotOfOrdinal, Math.max(first + usable.size(), 2 * slotOfOrdinal.length));
            }
            Arrays.fill(slotOfOrdinal, first, first + usable.size(), slot);
            entryIds[slot] = entryId;
            bankIds[slot] = bankId;
            firstOrdinal[slot] = first;
            frameCount[slot] = usable.size();
            slotOfEntry.put(entryId, slot);
            if (!usable.isEmpty()) {
                frames.addAll(words, usable.size());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stops a listed video from matching. */
    void disable(long entryId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOfEntry.remove(entryId);
            if (slot != null) {
                for (int i = 0; i < frameCount[slot]; i++) {
                    frames.remove(firstOrdinal[slot] + i);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Finds the listed videos that {@code query} matches: each usable query frame is looked up within the largest
     * frame distance of the lists taking part; per listed video, the query frames with a frame of it within its list's
     * distance and its frames within that distance of a query frame are counted.
     */
    void lookup(List<Vpdq.Frame> query, Thresholds thresholds, int radius, java.util.function.Consumer<Found> found) {
        List<Vpdq.Frame> usable = Vpdq.usable(query);
        if (usable.isEmpty() || radius < 0) {
            return;
        }
        Map<Integer, Candidate> candidates = new HashMap<>();
        Matches work = new Matches(64);
        lock.readLock().lock();
        try {
            for (int q = 0; q < usable.size(); q++) {
                Hash256 hash = usable.get(q).hash();
                frames.query(hash, radius, work);
                for (int i = 0; i < work.size(); i++) {
                    int slot = slotOfOrdinal[work.ordinal(i)];
                    int distance = work.distance(i);
                    if (distance > thresholds.frameDistance(bankIds[slot])) {
                        continue;
                    }
                    candidates
                            .computeIfAbsent(slot, s -> new Candidate())
                            .hit(q, work.ordinal(i) - firstOrdinal[slot], distance);
                }
            }
            for (Map.Entry<Integer, Candidate> c : candidates.entrySet()) {
                int slot = c.getKey();
                Candidate hits = c.getValue();
                Vpdq.Comparison comparison = new Vpdq.Comparison(
                        Vpdq.percent(hits.query.cardinality(), usable.size()),
                        Vpdq.percent(hits.listed.cardinality(), frameCount[slot]),
                        hits.closest);
                if (thresholds.matches(bankIds[slot], comparison)) {
                    found.accept(new Found(
                            entryIds[slot],
                            bankIds[slot],
                            comparison.closest(),
                            comparison.queryPercent(),
                            comparison.comparedPercent()));
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The frames of one listed video that matched, and of the query. */
    private static final class Candidate {
        final BitSet query = new BitSet();
        final BitSet listed = new BitSet();
        int closest = Integer.MAX_VALUE;

        void hit(int queryFrame, int listedFrame, int distance) {
            query.set(queryFrame);
            listed.set(listedFrame);
            closest = Math.min(closest, distance);
        }
    }
}
