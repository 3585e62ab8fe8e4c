package org.takedown.matching;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.takedown.shared.errors.ServiceUnavailableException;

/**
 * Gives the labels of matched entries: those {@link EntryLabels} holds in memory at once; the others it reads from the
 * database for all requests at once, on a platform thread of its own ({@code labels}): requests hand it their entry
 * ids and wait, holding no connection; it reads the ids of every request that waits in one query and hands each
 * request its own labels.
 *
 * <p>Each request read its labels itself before, on its virtual thread. Under load the thread, having sent its query,
 * waited for a carrier behind the other requests' searches while it held the connection, so at 1 000 requests a
 * second the pool's ten connections were taken and requests queued for them: the labels took a matching request's
 * p99 to 360 ms while its search took 3 ms. A platform thread runs as soon as the answer is there, and one query
 * serves everyone waiting. Thread-safe.
 */
@Component
class LabelReader implements AutoCloseable {

    /** Entry ids read in one query at most (more requests wait for the next). */
    static final int IDS_PER_QUERY = 20_000;

    /** One request's ids and, once read, its labels. */
    private record Request(Set<Long> ids, CompletableFuture<Map<Long, String>> labels) {}

    private final Function<Collection<Long>, Map<Long, String>> source;
    private final EntryLabels held;
    private final LinkedBlockingQueue<Request> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong fromMemory = new AtomicLong();
    private volatile boolean closed;

    @Autowired
    LabelReader(BankStore store, EntryLabels held, MeterRegistry meters) {
        this(store::labels, held);
        FunctionCounter.builder("takedown.hashcheck.labels.queries", queries, AtomicLong::get)
                .description("database queries for the labels of matched entries")
                .register(meters);
        FunctionCounter.builder("takedown.hashcheck.labels.requests", requests, AtomicLong::get)
                .description("requests whose matches' labels were read from the database")
                .register(meters);
        FunctionCounter.builder("takedown.hashcheck.labels.memory.requests", fromMemory, AtomicLong::get)
                .description("requests whose matches' labels were all held in memory")
                .register(meters);
    }

    /**
     * A reader of the labels {@code held} in memory and, for entries not held, of those {@code source} gives for a set
     * of entry ids (those without a label may be missing).
     */
    LabelReader(Function<Collection<Long>, Map<Long, String>> source, EntryLabels held) {
        this.source = source;
        this.held = held;
        thread = Thread.ofPlatform().name("labels").daemon().start(this::run);
    }

    /**
     * The labels of these entries (an entry without one is missing from the map): those held in memory at once, the
     * others after waiting for the query that reads them. A failure of the database reaches every request of that
     * query as it was thrown.
     */
    Map<Long, String> labels(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> labels = new HashMap<>();
        Set<Long> notHeld = held.read(ids, labels);
        if (notHeld.isEmpty()) {
            fromMemory.incrementAndGet();
            return labels;
        }
        Request request = new Request(notHeld, new CompletableFuture<>());
        waiting.add(request);
        if (closed) {
            // closed meanwhile: the thread may be gone, so nothing would answer
            fail(List.of(request), new ServiceUnavailableException("the label reader is closed"));
        }
        try {
            labels.putAll(request.labels().join());
            return labels;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Queries and requests served from the database so far, and requests served from memory alone (for tests). */
    long[] queriesAndRequests() {
        return new long[] {queries.get(), requests.get(), fromMemory.get()};
    }

    /** True once {@link #close} began. */
    boolean closed() {
        return closed;
    }

    /** Requests waiting for a query (for tests and diagnostics). */
    int waiting() {
        return waiting.size();
    }

    private void run() {
        List<Request> taken = new ArrayList<>();
        while (!closed) {
            try {
                taken.add(waiting.take());
            } catch (InterruptedException e) {
                continue; // only close() interrupts, and it said so first
            }
            int ids = taken.getFirst().ids().size();
            for (Request next = waiting.peek(); next != null && ids + next.ids().size() <= IDS_PER_QUERY; ) {
                taken.add(waiting.poll());
                ids += next.ids().size();
                next = waiting.peek();
            }
            read(taken);
            taken.clear();
        }
        List<Request> left = new ArrayList<>(taken);
        waiting.drainTo(left);
        fail(left, new ServiceUnavailableException("the label reader is closed"));
    }

    /** One query for the ids of all {@code taken}; each gets the labels of its own ids. */
    private void read(List<Request> taken) {
        Set<Long> all = new HashSet<>();
        taken.forEach(request -> all.addAll(request.ids()));
        Map<Long, String> labels;
        try {
            labels = source.apply(all);
        } catch (RuntimeException e) {
            fail(taken, e);
            return;
        } catch (Error e) {
            // the thread must live on: requests that come later would wait for it forever
            fail(taken, new IllegalStateException("reading the labels failed: " + e, e));
            return;
        }
        queries.incrementAndGet();
        requests.addAndGet(taken.size());
        for (Request request : taken) {
            Map<Long, String> own = new HashMap<>();
            for (Long id : request.ids()) {
                String label = labels.get(id);
                if (label != null) {
                    own.put(id, label);
                }
            }
            request.labels().complete(own);
        }
    }

    private static void fail(List<Request> requests, RuntimeException e) {
        requests.forEach(request -> request.labels().completeExceptionally(e));
    }

    /** Stops the thread; requests waiting and coming fail with "the label reader is closed". */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join();
        List<Request> left = new ArrayList<>();
        waiting.drainTo(left);
        fail(left, new ServiceUnavailableException("the label reader is closed"));
    }
}
