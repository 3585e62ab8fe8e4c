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
 * <p>The passes run on platform threads of their own ({@code pdq-batch-N}, one per work space), not on the request's
 * thread. A pass takes tens to hundreds of milliseconds, and a request's virtual thread is not preempted: two passes
 * on the two carriers of a 2-core machine held up every other request, single hashes included, until one ended. On
 * their own threads the system shares the cores between passes and requests.
 *
 * <p>Requests that wait are searched together: a free search thread takes the oldest waiting request and the others
 * waiting at the same radius into its pass, as long as they fit in one ({@code queries-per-pass}), and hands each its
 * matches. A pass walks the whole bucket directory whatever its number of queries, so two requests searched in one
 * pass cost less than in two. Thread-safe.
 */
@Component
class BatchSearches implements AutoCloseable {

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
    /** Signalled when a request comes or a work space is returned: for the search threads. */
    private final Condition work = lock.newCondition();
    /** Signalled when a pass ended: for the requests. */
    private final Condition finished = lock.newCondition();

    private final ArrayDeque<BatchMatches> free = new ArrayDeque<>();
    private final List<Request> waiting = new ArrayList<>();
    private final int queriesPerPass;
    private boolean closed;
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
            Thread.ofPlatform().name("pdq-batch-" + i).daemon().start(this::serve);
        }
    }

    /**
     * Searches {@code index} for the first {@code count} queries (four words each) within {@code radius}, alone or in a
     * pass with other requests', on a search thread, and gives the matches to {@code results} there, before this
     * returns. Passes start in the order requests came.
     *
     * @throws IllegalStateException when interrupted before its pass began, or when the searches are closed
     */
    void search(HammingIndex index, long[] queries, int count, int radius, Results results) {
        Request own = new Request(index, queries, count, radius, results);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the batched searches are closed");
            }
            waiting.add(own);
            work.signal();
            while (!own.done) {
                if (own.taken) {
                    finished.awaitUninterruptibly(); // its pass reads these arrays: wait for its end
                } else {
                    try {
                        finished.await();
                    } catch (InterruptedException e) {
                        if (!own.taken) {
                            waiting.remove(own);
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting for a batched search", e);
                        }
                        Thread.currentThread().interrupt();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (own.failed != null) {
            throw own.failed;
        }
    }

    /** A search thread: runs a pass whenever requests wait and a work space is free, until closed. */
    private void serve() {
        lock.lock();
        try {
            while (!closed) {
                if (waiting.isEmpty() || free.isEmpty()) {
                    work.awaitUninterruptibly();
                    continue;
                }
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
                    finished.signalAll();
                    work.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the search threads once their passes ended; requests still waiting are failed. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Request request : waiting) {
                request.failed = new IllegalStateException("the batched searches were closed");
                request.done = true;
            }
            waiting.clear();
            work.signalAll();
            finished.signalAll();
        } finally {
            lock.unlock();
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
        } catch (RuntimeException | Error e) {
            RuntimeException failed = failure(e);
            pass.forEach(request -> request.failed = failed);
            return;
        }
        int at = 0;
        for (Request request : pass) {
            try {
                request.results.take(out, at);
            } catch (RuntimeException | Error e) {
                request.failed = failure(e);
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

    /** The exception a request gets for a failure on the search thread (which lives on). */
    private static RuntimeException failure(Throwable e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new IllegalStateException("the batched search failed", e);
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
                work.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
