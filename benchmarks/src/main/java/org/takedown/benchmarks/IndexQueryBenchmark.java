package org.takedown.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.takedown.pdq.HammingIndex;
import org.takedown.pdq.Matches;

/**
 * Radius-31 queries on {@code size} random 256-bit hashes: the index against a brute-force scan of the same
 * entries. Queries are stored hashes with 0 to 31 random bits flipped, or (one in four) unrelated random hashes.
 * Report the ratio {@code bruteForce / index} from one run; {@code -prof gc} shows allocation per query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms3g", "-Xmx3g"})
public class IndexQueryBenchmark {

    private static final int QUERIES = 4096;

    @Param({"1000000", "10000000"})
    public int size;

    private HammingIndex index;
    private final long[] queries = new long[4 * QUERIES];
    private final Matches matches = new Matches(1024);
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(31);
        long[] words = new long[4 * size];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        index = new HammingIndex();
        index.addAll(words, size);
        for (int q = 0; q < QUERIES; q++) {
            if (q % 4 == 3) {
                for (int w = 0; w < 4; w++) {
                    queries[4 * q + w] = random.nextLong();
                }
            } else {
                int stored = random.nextInt(size);
                System.arraycopy(words, 4 * stored, queries, 4 * q, 4);
                int flips = random.nextInt(32);
                for (int f = 0; f < flips; f++) {
                    int bit = random.nextInt(256);
                    queries[4 * q + (bit >>> 6)] ^= 1L << (bit & 63);
                }
            }
        }
        System.out.printf("%nindex of %d hashes: %.1f MB of arrays%n", size, index.bytes() / 1e6);
    }

    @Benchmark
    public void index(Blackhole blackhole) {
        int q = 4 * (next++ & (QUERIES - 1));
        index.query(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], 31, matches);
        blackhole.consume(matches.size());
    }

    @Benchmark
    public void bruteForce(Blackhole blackhole) {
        int q = 4 * (next++ & (QUERIES - 1));
        index.bruteForce(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], 31, matches);
        blackhole.consume(matches.size());
    }
}
