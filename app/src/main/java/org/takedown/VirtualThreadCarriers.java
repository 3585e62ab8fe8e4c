package org.takedown;

/**
 * Gives virtual threads more carriers than the JDK's one per processor, unless {@code
 * -Djdk.virtualThreadScheduler.parallelism} says otherwise; must run before the first virtual thread starts.
 *
 * <p>A virtual thread is never preempted: a request busy in a PDQ search (about 1 ms at 10 M entries), or running
 * code the JIT has not compiled yet, holds its carrier until it blocks. With one carrier per core, two such requests
 * held both carriers of a 2-core machine; every other request, and the monitors they hold (Tomcat's poller waited up
 * to 100 ms for one), queued behind them. With four carriers per core the operating system shares the cores between
 * them. Measured at 1 000 single-hash requests a second from readiness with 10 M + 10 M entries (label thread in
 * place): p99 over the first 10 s 1.1 s in one start with two carriers, 0.20–0.97 s in four with eight; warm p99
 * 143 ms against 83–155 ms (docs/benchmarks.md, "eighth stop").
 */
final class VirtualThreadCarriers {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    /** Carriers per processor. */
    static final int PER_PROCESSOR = 4;

    private VirtualThreadCarriers() {}

    /** Sets the number of carriers unless it is set already; returns the number in effect. */
    static int configure() {
        String set = System.getProperty(PARALLELISM);
        if (set != null && !set.isBlank()) {
            return Integer.parseInt(set.trim());
        }
        int carriers = carriers(Runtime.getRuntime().availableProcessors());
        System.setProperty(PARALLELISM, Integer.toString(carriers));
        return carriers;
    }

    /** The carriers for so many processors. */
    static int carriers(int processors) {
        return PER_PROCESSOR * Math.max(1, processors);
    }
}
