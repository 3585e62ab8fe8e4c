package org.takedown.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.takedown.pdq.BatchMatches;
import org.takedown.pdq.HammingIndex;
import org.takedown.pdq.Matches;
import org.takedown.pdq.PdqHasher;

/**
 * Radius-31 queries on {@code size} hashes: the index against a brute-force scan of the same entries, each query timed
 * (mean, p50, p99). With {@code data=random} the hashes are uniformly random and queries are stored hashes with 0 to 31
 * random bits flipped, or (one in four) unrelated random hashes. With {@code data=images} the hashes are PDQ hashes of
 * generated images ({@link GeneratedImageHashes}; about two minutes per million on two cores) and queries are hashes of
 * re-rendered variants of stored images, or (one in four) of images not stored. Report the ratio
 * {@code bruteForce / index} from one run; {@code -prof gc} shows allocation per query. 100 M entries need about
 * 14 GB of heap: {@code -p size=100000000 -jvmArgsAppend "-Xms20g -Xmx20g"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms3g", "-Xmx3g"})
public class IndexQueryBenchmark {

    private static final int QUERIES = 16384;
    private static final long IMAGES_SEED = 17;

    @Param({"1000000", "10000000"})
    public int size;

    @Param({"random"})
    public String data;

    /**
     * Chunk lengths, longest first, for every segment; {@code auto} is the default index, which chooses each segment's
     * shape by its size.
     */
    @Param({"auto", "22x8+20x4", "24x3+23x8", "26x6+25x4"})
    public String chunks;

    /** Queries searched together by the batched benchmarks ({@link BatchMatches#DEFAULT_QUERIES_PER_PASS}). */
    @Param({"8192"})
    public int pass;

    private HammingIndex index;
    private BatchMatches batchMatches;
    private final long[] batch = new long[4 * 10_000];
    private final long[] queries = new long[4 * QUERIES];
    private final Matches matches = new Matches(1024);
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(31);
        long started = System.nanoTime();
        long[] words = switch (data) {
            case "random" -> randomWords(random, size);
            case "images" -> GeneratedImageHashes.hashes(size, IMAGES_SEED);
            default -> throw new IllegalArgumentException("data is random or images, not " + data);
        };
        long generated = System.nanoTime();
        index = chunks.equals("auto") ? new HammingIndex() : HammingIndex.withChunks(chunks);
        index.addAll(words, size);
        long built = System.nanoTime();
        batchMatches = new BatchMatches(pass);
        PdqHasher hasher = new PdqHasher();
        for (int q = 0; q < QUERIES; q++) {
            if (data.equals("images")) {
                int image = q % 4 == 3 ? size + q : random.nextInt(size);
                GeneratedImageHashes.variant(IMAGES_SEED, image, random, hasher, queries, 4 * q);
            } else if (q % 4 == 3) {
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
        System.out.printf(
                "%nindex of %d %s hashes, chunks %s: %.1f MB of arrays (%.1f bytes per entry), generated in %.1f s, built in %.1f s%n",
                size,
                data,
                chunks,
                index.bytes() / 1e6,
                (double) index.bytes() / size,
                (generated - started) / 1e9,
                (built - generated) / 1e9);
    }

    private static long[] randomWords(Random random, int size) {
        long[] words = new long[4 * size];
        for (int i = 0; i < words.length; i++) {
            words[i] = random.nextLong();
        }
        return words;
    }

    @Benchmark
    public void index(Blackhole blackhole) {
        int q = 4 * (next++ & (QUERIES - 1));
        index.query(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], 31, matches);
        blackhole.consume(matches.size());
    }

    /** A batch of 1 000 queries through {@link HammingIndex#queryAll}: time per query. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(1000)
    public void batchOf1000(Blackhole blackhole) {
        batched(1000, blackhole);
    }

    /** A batch of 10 000 queries through {@link HammingIndex#queryAll}: time per query. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(10_000)
    public void batchOf10000(Blackhole blackhole) {
        batched(10_000, blackhole);
    }

    private void batched(int count, Blackhole blackhole) {
        int first = next & (QUERIES - 1);
        next += count;
        for (int q = 0; q < count; q++) {
            System.arraycopy(queries, 4 * ((first + q) & (QUERIES - 1)), batch, 4 * q, 4);
        }
        index.queryAll(batch, count, 31, batchMatches);
        blackhole.consume(batchMatches.size());
    }

    @Benchmark
    public void bruteForce(Blackhole blackhole) {
        int q = 4 * (next++ & (QUERIES - 1));
        index.bruteForce(queries[q], queries[q + 1], queries[q + 2], queries[q + 3], 31, matches);
        blackhole.consume(matches.size());
    }
}
