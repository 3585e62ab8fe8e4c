package org.takedown.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.PdqHasher;

/**
 * PDQ hashing of decoded images (packed RGB) of 1600x1004 and 512x512 pixels: images per second on one thread.
 * The baseline is converting the same pixels to luma alone, the part of the work no hasher can skip.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PdqHashingBenchmark {

    @Param({"1600x1004", "512x512"})
    public String dimensions;

    private int width;
    private int height;
    private int[] pixels;
    private float[] luma;
    private final PdqHasher hasher = new PdqHasher();

    @Setup
    public void setUp() {
        String[] parts = dimensions.split("x");
        width = Integer.parseInt(parts[0]);
        height = Integer.parseInt(parts[1]);
        pixels = new int[width * height];
        luma = new float[width * height];
        Random random = new Random(5);
        // smooth gradients with noise: closer to a photo than white noise
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255 / width + random.nextInt(16)) & 0xff;
                int g = (y * 255 / height + random.nextInt(16)) & 0xff;
                int b = ((x + y) * 127 / (width + height) + random.nextInt(16)) & 0xff;
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
    }

    @Benchmark
    public PdqHash pdq() {
        return hasher.hash(pixels, width, height);
    }

    @Benchmark
    public float lumaOnly() {
        float sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            float y = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            luma[i] = y;
            sum += y;
        }
        return sum;
    }
}
