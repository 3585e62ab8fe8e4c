package org.takedown.shared.net;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs blocking I/O with one deadline from start to end, kept in real time (never the domain clock, which the
 * simulation runs fast): the work runs on its own virtual thread and the caller waits at most {@code limit}. At the
 * deadline the caller gets a {@link TimeoutException} at once; the work is interrupted (a virtual thread blocked on a
 * socket has that socket closed) and {@code abort} runs, e.g. to cancel an HTTP request. So a server that trickles a
 * byte every few seconds, or a resolver that never answers, holds nobody past the deadline. Thread-safe.
 */
public final class HardDeadline {

    private static final ExecutorService THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("deadline-", 0).factory());

    private HardDeadline() {}

    /**
     * The result of {@code work}, finished within {@code limit}.
     *
     * @param abort run when the deadline passes (or the caller is interrupted), besides interrupting the work
     * @throws TimeoutException when the deadline passed; the work is being stopped
     * @throws ExecutionException when the work threw (the cause is its exception)
     * @throws InterruptedException when the calling thread was interrupted while waiting; the work is stopped too
     */
    public static <T> T within(Duration limit, Callable<T> work, Runnable abort)
            throws TimeoutException, ExecutionException, InterruptedException {
        Future<T> running = THREADS.submit(work);
        try {
            return running.get(Math.max(1, limit.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            running.cancel(true);
            abort.run();
            throw e;
        }
    }

    /** Whether a deadline taken from {@link System#nanoTime()} plus a limit has passed. */
    public static boolean passed(long deadlineNanos) {
        return System.nanoTime() - deadlineNanos > 0;
    }
}
