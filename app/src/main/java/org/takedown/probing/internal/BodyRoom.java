package org.takedown.probing.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.util.unit.DataSize;

/**
 * The memory all fetched bodies together may take, counted in KiB: a fetch reserves room as its body grows and keeps
 * it while the caller looks at the body, then gives it back. Thread-safe.
 */
final class BodyRoom {

    private final Semaphore room;
    private final int kib;

    BodyRoom(DataSize size) {
        this.kib = (int) Math.min(Integer.MAX_VALUE, size.toKilobytes());
        this.room = new Semaphore(kib, true);
    }

    /** Room left, in bytes. */
    long left() {
        return room.availablePermits() * 1024L;
    }

    /** A reservation for one fetch whose deadline is {@code deadline} from now. */
    Reservation reserve(Duration deadline) {
        return new Reservation(System.nanoTime() + deadline.toNanos() * 3 / 4);
    }

    /** The room one fetch holds; given back once, after which it takes no more (a late reader gets none). */
    final class Reservation implements AutoCloseable {
        /** Room is waited for until three quarters of the deadline, so that "busy" is told apart from "slow". */
        private final long waitUntil;

        private long held;
        private boolean closed;

        private Reservation(long waitUntil) {
            this.waitUntil = waitUntil;
        }

        /** Takes room for {@code bytes} more, waiting at most until three quarters of the deadline; false when none came. */
        boolean grow(long bytes) throws InterruptedException {
            int wanted = (int) Math.min(kib, (bytes + 1023) / 1024);
            synchronized (this) {
                if (closed) {
                    return false;
                }
            }
            if (!room.tryAcquire(wanted, Math.max(0, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            synchronized (this) {
                if (closed) {
                    room.release(wanted);
                    return false;
                }
                held += wanted;
            }
            return true;
        }

        /** Gives back room for {@code bytes} (a buffer replaced by a smaller copy). */
        synchronized void shrink(long bytes) {
            int back = (int) Math.min(held, bytes / 1024);
            held -= back;
            room.release(back);
        }

        @Override
        public synchronized void close() {
            closed = true;
            room.release((int) held);
            held = 0;
        }
    }
}
