package org.takedown.benchmarks;

import java.util.Random;
import java.util.stream.IntStream;
import org.takedown.pdq.PdqHasher;

/**
 * PDQ hashes of generated benign images, for measuring the index on hashes distributed as real ones are rather than
 * uniformly: PDQ sets exactly the bits above the median and neighbouring frequencies are correlated, so chunk values
 * are not uniform. Each image is 64x64 pixels (the size PDQ samples down to): a two-colour gradient in a random
 * direction, a few soft discs of random colour and size, and a faint wave. Image {@code i} depends only on the seed
 * and {@code i}, so a set is the same on every run and can be built on all cores. Variants of an image (what a
 * re-upload looks like) are the same scene re-rendered with small changes: brightness and contrast, a shift of a pixel
 * or two, noise.
 */
final class GeneratedImageHashes {

    static final int SIDE = 64;

    private GeneratedImageHashes() {}

    /** The hashes of images {@code 0..count-1} of the seed, as four words each. */
    static long[] hashes(int count, long seed) {
        long[] words = new long[4 * count];
        int threads = Runtime.getRuntime().availableProcessors();
        IntStream.range(0, threads).parallel().forEach(t -> {
            PdqHasher hasher = new PdqHasher();
            int[] rgb = new int[SIDE * SIDE];
            for (int i = t; i < count; i += threads) {
                render(new Random(seed * 1_000_003L + i), null, rgb);
                hasher.hash(rgb, SIDE, SIDE).hash().copyWords(words, 4 * i);
            }
        });
        return words;
    }

    /** The hash of a variant of image {@code i} of the seed; {@code change} picks the variant. */
    static void variant(long seed, int i, Random change, PdqHasher hasher, long[] into, int offset) {
        int[] rgb = new int[SIDE * SIDE];
        render(new Random(seed * 1_000_003L + i), change, rgb);
        hasher.hash(rgb, SIDE, SIDE).hash().copyWords(into, offset);
    }

    /** Draws the scene {@code scene} picks; when {@code change} is given, a re-upload of it. */
    private static void render(Random scene, Random change, int[] rgb) {
        int[] from = color(scene);
        int[] to = color(scene);
        double angle = scene.nextDouble() * 2 * Math.PI;
        double dx = Math.cos(angle) / SIDE;
        double dy = Math.sin(angle) / SIDE;
        int discs = 2 + scene.nextInt(5);
        double[][] disc = new double[discs][];
        for (int d = 0; d < discs; d++) {
            int[] c = color(scene);
            disc[d] = new double[] {
                scene.nextDouble() * SIDE, scene.nextDouble() * SIDE, 4 + scene.nextDouble() * 20, c[0], c[1], c[2]
            };
        }
        double waveX = scene.nextGaussian() * 0.3;
        double waveY = scene.nextGaussian() * 0.3;
        double gain = 1;
        double offset = 0;
        int shiftX = 0;
        int shiftY = 0;
        double noise = 0;
        if (change != null) {
            gain = 0.85 + change.nextDouble() * 0.3;
            offset = change.nextGaussian() * 8;
            shiftX = change.nextInt(5) - 2;
            shiftY = change.nextInt(5) - 2;
            noise = change.nextDouble() * 12;
        }
        double[] sinX = new double[SIDE];
        double[] cosX = new double[SIDE];
        double[] sinY = new double[SIDE];
        double[] cosY = new double[SIDE];
        for (int i = 0; i < SIDE; i++) {
            sinX[i] = Math.sin((i + shiftX) * waveX);
            cosX[i] = Math.cos((i + shiftX) * waveX);
            sinY[i] = Math.sin((i + shiftY) * waveY);
            cosY[i] = Math.cos((i + shiftY) * waveY);
        }
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double sx = x + shiftX;
                double sy = y + shiftY;
                double t = Math.clamp(0.5 + (sx - SIDE / 2.0) * dx + (sy - SIDE / 2.0) * dy, 0, 1);
                double wave = 12 * (sinX[x] * cosY[y] + cosX[x] * sinY[y]); // sin(sx * waveX + sy * waveY)
                double r = from[0] + t * (to[0] - from[0]) + wave;
                double g = from[1] + t * (to[1] - from[1]) + wave;
                double b = from[2] + t * (to[2] - from[2]) + wave;
                for (double[] d : disc) {
                    double ex = sx - d[0];
                    double ey = sy - d[1];
                    double weight = Math.clamp((d[2] - Math.sqrt(ex * ex + ey * ey)) / 3, 0, 1);
                    r += weight * (d[3] - r);
                    g += weight * (d[4] - g);
                    b += weight * (d[5] - b);
                }
                double jitter = noise == 0 ? 0 : change.nextGaussian() * noise;
                rgb[y * SIDE + x] = channel(r * gain + offset + jitter) << 16
                        | channel(g * gain + offset + jitter) << 8
                        | channel(b * gain + offset + jitter);
            }
        }
    }

    private static int[] color(Random random) {
        return new int[] {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    }

    private static int channel(double value) {
        return (int) Math.clamp(Math.round(value), 0, 255);
    }
}
