package org.takedown.benchmarks;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.takedown.pdq.Hash256;

/**
 * Hamming distance between 256-bit hashes: {@link Hash256} (four words, {@code Long.bitCount}) against the naive
 * baseline of {@link BigInteger#xor} and {@link BigInteger#bitCount}. Report the ratio of the two, measured in one
 * run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HammingDistanceBenchmark {

    private static final int COUNT = 1024;

    private final Hash256[] hashes = new Hash256[COUNT];
    private final BigInteger[] bigIntegers = new BigInteger[COUNT];

    @Setup
    public void setUp() {
        Random random = new Random(7);
        for (int i = 0; i < COUNT; i++) {
            hashes[i] = Hash256.ofWords(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
            bigIntegers[i] = new BigInteger(hashes[i].toHex(), 16);
        }
    }

    @Benchmark
    public int hash256() {
        int sum = 0;
        Hash256 query = hashes[0];
        for (int i = 0; i < COUNT; i++) {
            sum += query.distance(hashes[i]);
        }
        return sum;
    }

    @Benchmark
    public int bigIntegerBaseline() {
        int sum = 0;
        BigInteger query = bigIntegers[0];
        for (int i = 0; i < COUNT; i++) {
            sum += query.xor(bigIntegers[i]).bitCount();
        }
        return sum;
    }
}
