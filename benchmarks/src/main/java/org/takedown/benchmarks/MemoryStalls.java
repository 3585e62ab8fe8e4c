package org.takedown.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether this machine stalls a process that reads a large memory at random, with no server, network or GC involved:
 * it fills {@code GB} gigabytes of {@code long} arrays, then for {@code SECONDS} reads them at random in steps of
 * 2 000 reads (0.1 to 0.2 ms on the development machine) and notes every step that took longer than
 * {@code THRESHOLD_MS}. It prints the
 * steps per second, the stalls, the longest, and the most common intervals between stalls: a stall that comes back
 * at a fixed period points at something periodic on the machine (for this project's machine, the kernel's DAMON
 * memory sampler; see {@code docs/benchmarks.md}). Run it with a heap above {@code GB}, on huge pages like the server:
 *
 * <pre>
 * java -Xmx12g -XX:+UseTransparentHugePages -cp benchmarks.jar org.takedown.benchmarks.MemoryStalls 10 90 5
 * </pre>
 */
public final class MemoryStalls {

    private static final int ARRAY_BITS = 24;
    private static final int READS_PER_STEP = 2_000;

    private MemoryStalls() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: MemoryStalls GB SECONDS THRESHOLD_MS");
            System.exit(2);
        }
        int arrays = Math.toIntExact(Math.round(Double.parseDouble(args[0]) * 8));
        long seconds = Long.parseLong(args[1]);
        if (arrays < 1 || seconds < 1) {
            System.err.println("GB must be at least 0.125 and SECONDS at least 1");
            System.exit(2);
        }
        Stalls stalls = new Stalls((long) (Double.parseDouble(args[2]) * 1_000_000));
        long[][] memory = new long[arrays][];
        for (int i = 0; i < arrays; i++) {
            memory[i] = new long[1 << ARRAY_BITS];
            Arrays.fill(memory[i], i);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long seed = 42;
        long sum = 0;
        stalls.step(System.nanoTime());
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            for (int r = 0; r < READS_PER_STEP; r++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                sum += memory[(int) ((seed >>> 33) % arrays)][(int) (seed & ((1 << ARRAY_BITS) - 1))];
            }
            stalls.step(System.nanoTime());
        }
        System.out.println(stalls.report(seconds) + " (checksum " + (sum & 0xff) + ")");
    }

    /** The steps of a loop and those of them slower than a threshold (times in nanoseconds). Not thread-safe. */
    static final class Stalls {

        private final long threshold;
        private final List<long[]> slow = new ArrayList<>();
        private long last = Long.MIN_VALUE;
        private long steps;
        private long longest;

        Stalls(long thresholdNanos) {
            threshold = thresholdNanos;
        }

        /** Notes the end of a step (the first call only starts the clock). */
        void step(long now) {
            if (last != Long.MIN_VALUE) {
                long took = now - last;
                steps++;
                longest = Math.max(longest, took);
                if (took > threshold) {
                    slow.add(new long[] {now - took, took});
                }
            }
            last = now;
        }

        /** Steps so far. */
        long steps() {
            return steps;
        }

        /** Steps slower than the threshold. */
        int stalls() {
            return slow.size();
        }

        /**
         * The intervals between the starts of consecutive stalls, rounded down to 10 ms, with how often each occurred,
         * most frequent first (at most {@code limit}).
         */
        List<Map.Entry<Long, Integer>> commonIntervals(int limit) {
            Map<Long, Integer> counts = new TreeMap<>();
            for (int i = 1; i < slow.size(); i++) {
                long ms = (slow.get(i)[0] - slow.get(i - 1)[0]) / 1_000_000;
                counts.merge(ms / 10 * 10, 1, Integer::sum);
            }
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed())
                    .limit(limit)
                    .toList();
        }

        String report(long seconds) {
            List<String> intervals = commonIntervals(3).stream()
                    .map(i -> String.format("%d-%d ms (%d times)", i.getKey(), i.getKey() + 9, i.getValue()))
                    .toList();
            return String.format(
                    "%d steps/s; %d steps over %.1f ms, the longest %.1f ms; most common intervals between them: %s",
                    steps / Math.max(1, seconds),
                    slow.size(),
                    threshold / 1e6,
                    longest / 1e6,
                    intervals.isEmpty() ? "none" : String.join(", ", intervals));
        }
    }
}
