package org.takedown.matching;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.takedown.pdq.BatchMatches;
import org.takedown.pdq.HammingIndex;

/**
 * The batched PDQ searches that may run at a time ({@code takedown.matching.batch.searches}, by default one per
 * processor), each with a work space ({@link BatchMatches}) kept for reuse: work spaces are large, and the search is
 * bound by the processor and the memory, so a request waits for a free one rather than allocating its own.
 *
 * <p>Requests that wait are searched together: the one that gets a work space takes the queries of the others waiting
 * at the same radius into its pass, as long as they fit in one ({@code queries-per-pass}), and hands each its
 * matches. A pass walks the whole bucket directory whatever its number of queries, so two requests of 5 000 hashes
 * searched in one pass of 10 000 cost less than in two. Thread-safe.
 */
@Component
class BatchSearches {

    /** Gives one request its matches: those of its queries, numbered from {@code first} in the pass's work space. */
    interface Results {
        void take(BatchMatches out, int first);
    }

    /** One request's queries, waiting for a pass or in one. */
    private static final class Request {
        final HammingIndex index;
        final long[] queries;
        final int count;
        final int radius;
        final Results results;
        boolean taken;
        boolean done;

        @Nullable
        RuntimeException failed;

        Request(HammingIndex index, long[] queries, int count, int radius, Results results) {
            this.index = index;
            this.queries = queries;
            this.count = count;
            this.radius = radius;
            this.results = results;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<BatchMatches> free = new ArrayDeque<>();
    private final List<Request> waiting = new ArrayList<>();
    private final int queriesPerPass;
    private long passes;
    private long requests;

    @Autowired
    BatchSearches(MatchingProperties properties, MeterRegistry meters) {
        this(properties.batch());
        FunctionCounter.builder("takedown.hashcheck.batch.passes", this, searches -> searches.passesAndRequests()[0])
                .description("passes of the batched PDQ search")
                .register(meters);
        FunctionCounter.builder("takedown.hashcheck.batch.requests", this, searches -> searches.passesAndRequests()[1])
                .description("requests searched in those passes (more than passes: requests shared passes)")
                .register(meters);
    }

    BatchSearches(MatchingProperties.Batch batch) {
        int searches = batch.searchesHere();
        queriesPerPass = batch.queriesPerPass();
        for (int i = 0; i < searches; i++) {
            free.add(new BatchMatches(queriesPerPass));
        }
    }

    /**
     * Searches {@code index} for the first {@code count} queries (four words each) within {@code radius}, alone or in a
     * pass with other requests', and gives the matches to {@code results} (possibly on another request's thread, always
     * before this returns). Passes start in the order requests came: a request that finds a work space free searches
     * the oldest waiting one (with those that fit beside it), which is its own unless others waited longer.
     */
    void search(HammingIndex index, long[] queries, int count, int radius, Results results) {
        Request own = new Request(index, queries, count, radius, results);
        lock.lock();
        try {
            waiting.add(own);
            while (!own.done) {
                if (!own.taken && !free.isEmpty()) {
                    BatchMatches out = free.pop();
                    List<Request> pass = takeOldest();
                    lock.unlock();
                    try {
                        run(pass, out);
                    } finally {
                        lock.lock();
                        pass.forEach(request -> request.done = true);
                        free.push(out);
                        passes++;
                        requests += pass.size();
                        changed.signalAll();
                    }
                } else if (own.taken) {
                    changed.awaitUninterruptibly(); // in a pass that reads these arrays: wait for its end
                } else {
                    awaitOrLeave(own);
                }
            }
        } finally {
            lock.unlock();
        }
        if (own.failed != null) {
            throw own.failed;
        }
    }

    /** Waits for a change; when interrupted, leaves the waiting list and throws. Holds the lock. */
    private void awaitOrLeave(Request own) {
        try {
            changed.await();
        } catch (InterruptedException e) {
            waiting.remove(own);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batched search", e);
        }
    }

    /**
     * Takes the oldest waiting request and those after it that can share its pass (same index and radius, all within
     * {@code queries-per-pass}) out of the waiting list. Holds the lock.
     */
    private List<Request> takeOldest() {
        Request oldest = waiting.getFirst();
        List<Request> pass = new ArrayList<>();
        int queries = 0;
        for (java.util.Iterator<Request> it = waiting.iterator(); it.hasNext(); ) {
            Request request = it.next();
            if (request == oldest
                    || (request.index == oldest.index
                            && request.radius == oldest.radius
                            && queries + request.count <= queriesPerPass)) {
                it.remove();
                request.taken = true;
                pass.add(request);
                queries += request.count;
            }
        }
        return pass;
    }

    /** Searches the requests' queries in one pass (their own arrays when alone) and hands out the matches. */
    private static void run(List<Request> pass, BatchMatches out) {
        Request first = pass.getFirst();
        long[] queries = first.queries;
        int total = first.count;
        if (pass.size() > 1) {
            total = pass.stream().mapToInt(request -> request.count).sum();
            queries = new long[4 * total];
            int at = 0;
            for (Request request : pass) {
                System.arraycopy(request.queries, 0, queries, 4 * at, 4 * request.count);
                at += request.count;
            }
        }
        try {
            first.index.queryAll(queries, total, first.radius, out);
        } catch (RuntimeException e) {
            pass.forEach(request -> request.failed = e);
            return;
        }
        int at = 0;
        for (Request request : pass) {
            try {
                request.results.take(out, at);
            } catch (RuntimeException e) {
                request.failed = e;
            }
            at += request.count;
        }
    }

    /** The queries of each free work space's last pass. */
    List<Integer> lastPasses() {
        lock.lock();
        try {
            return free.stream().map(BatchMatches::queries).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for a pass now. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Passes run and requests searched so far: more requests than passes means requests shared passes. */
    long[] passesAndRequests() {
        lock.lock();
        try {
            return new long[] {passes, requests};
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            all.addAll(free);
            free.clear();
        } finally {
            lock.unlock();
        }
        try {
            for (BatchMatches out : all) {
                for (int round = 0; round < 2; round++) {
                    pdq.queryAll(queries, queriesPerPass, radius, out);
                }
            }
        } finally {
            lock.lock();
            try {
                free.addAll(all);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
