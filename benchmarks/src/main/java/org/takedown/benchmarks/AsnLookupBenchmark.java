package org.takedown.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.takedown.attribution.asn.AsnDatabase;

/**
 * IPv4 to ASN look-ups on the full ip-location-db data set ({@code takedown data update} first; {@code -p dir=...}
 * names the directory): Takedown's sorted primitive arrays against a {@code TreeMap.floorEntry} baseline over the
 * same ranges, in the same run. One thread; results are look-ups per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AsnLookupBenchmark {

    private static final int BATCH = 4096;

    @Param("data/ip-location-db")
    public String dir;

    private AsnDatabase database;
    private final TreeMap<Long, long[]> baseline = new TreeMap<>();
    private final int[] addresses = new int[BATCH];

    @Setup
    public void setUp() throws Exception {
        long started = System.nanoTime();
        database = AsnDatabase.load(Path.of(dir));
        System.out.printf(
                "%nloaded %s ranges in %d ms%n",
                java.util.Arrays.toString(database.sizes()), (System.nanoTime() - started) / 1_000_000);
        for (String line : java.nio.file.Files.readAllLines(Path.of(dir, "asn-ipv4.csv"))) {
            String[] fields = line.split(",", 4);
            baseline.put(ipv4(fields[0]), new long[] {ipv4(fields[1]), Long.parseLong(fields[2])});
        }
        Random random = new Random(1);
        for (int i = 0; i < BATCH; i++) {
            addresses[i] = random.nextInt();
        }
    }

    private static long ipv4(String text) {
        long value = 0;
        for (String part : text.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sortedArrays() {
        long sum = 0;
        for (int address : addresses) {
            sum += database.asnOfV4(address);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long treeMapBaseline() {
        long sum = 0;
        for (int address : addresses) {
            long key = address & 0xFFFF_FFFFL;
            Map.Entry<Long, long[]> floor = baseline.floorEntry(key);
            if (floor != null && key <= floor.getValue()[0]) {
                sum += floor.getValue()[1];
            }
        }
        return sum;
    }
}
