package org.takedown.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.takedown.pdq.BatchMatches;
import org.takedown.pdq.HammingIndex;

/**
 * The batched PDQ searches that may run at a time ({@code takedown.matching.batch.searches}, by default one per
 * processor), each with a work space ({@link BatchMatches}) kept for reuse: work spaces are large, and the search is
 * bound by the processor and the memory, so a request waits for a free one rather than allocating its own.
 * Thread-safe.
 */
@Component
class BatchSearches {

    private final BlockingQueue<BatchMatches> free;
    private final int queriesPerPass;

    @Autowired
    BatchSearches(MatchingProperties properties) {
        this(properties.batch());
    }

    BatchSearches(MatchingProperties.Batch batch) {
        int searches = batch.searchesHere();
        queriesPerPass = batch.queriesPerPass();
        free = new ArrayBlockingQueue<>(searches);
        for (int i = 0; i < searches; i++) {
            free.add(new BatchMatches(queriesPerPass));
        }
    }

    /** Runs {@code search} with a work space of its own, waiting until one is free. */
    void run(Consumer<BatchMatches> search) {
        BatchMatches out;
        try {
            out = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batched search", e);
        }
        try {
            search.accept(out);
        } finally {
            free.add(out);
        }
    }

    /**
     * Runs two full passes of random hashes at {@code radius} with each work space, before the first request: the
     * JIT compiles the batched search (a pass over 10 M entries is tens of milliseconds in a few loops, far slower
     * until compiled) and the work spaces grow to their size. Returns the milliseconds taken.
     */
    long warmUp(HammingIndex pdq, int radius) {
        long started = System.nanoTime();
        Random random = new Random(1);
        long[] queries = new long[4 * queriesPerPass];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = random.nextLong();
        }
        List<BatchMatches> all = new ArrayList<>();
        free.drainTo(all);
        try {
            for (BatchMatches out : all) {
                for (int round = 0; round < 2; round++) {
                    pdq.queryAll(queries, queriesPerPass, radius, out);
                }
            }
        } finally {
            free.addAll(all);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
