package org.takedown.pdq;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes PDQ hashes, the perceptual image hash published by Meta: the image's luma is smoothed with a tent filter
 * (two box-filter passes along each axis, window about 1/128 of the side), sampled down to 64x64, transformed by
 * the 16x16 lowest non-constant frequencies of a 2-D DCT, and each coefficient above the median sets its bit.
 * Quality is the sum of the 64x64 image's gradients, scaled to 0..100.
 *
 * <p>Written from the published description of the algorithm. An instance reuses its work buffers between calls,
 * so it allocates only when an image is larger than any before; it is <b>not thread-safe</b>: use one per thread.
 */
public final class PdqHasher {

    private static final int SIZE = 64;
    private static final int FREQUENCIES = 16;
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    /** DCT matrix, {@code FREQUENCIES x SIZE}, row u holding basis function u + 1 (the constant one is skipped). */
    private static final float[] DCT = dctMatrix();

    private float[] luma = new float[0];
    private float[] scratch = new float[0];
    private final BoxFilter boxFilter = new BoxFilter();
    private final float[] small = new float[SIZE * SIZE];
    private final float[] half = new float[FREQUENCIES * SIZE];
    private final float[] coefficients = new float[FREQUENCIES * FREQUENCIES];
    private final float[] variant = new float[FREQUENCIES * FREQUENCIES];
    private final float[] sorted = new float[FREQUENCIES * FREQUENCIES];

    /**
     * Hashes an image given as packed RGB pixels ({@code 0x??RRGGBB}, row by row; the top byte is ignored).
     *
     * @throws IllegalArgumentException when the dimensions do not match the array or are not positive
     */
    public PdqHash hash(int[] rgb, int width, int height) {
        toLuma(rgb, width, height);
        transform(width, height);
        return new PdqHash(bits(coefficients), quality());
    }

    /**
     * Hashes an image and returns the hashes of its eight rotations and mirror images, all from one transform; every
     * variant has the quality of the original.
     */
    public Map<Dihedral, PdqHash> hashDihedral(int[] rgb, int width, int height) {
        toLuma(rgb, width, height);
        return dihedral(width, height);
    }

    /**
     * {@link #hashDihedral(int[], int, int)} of an image laid out as its decoder gave it: the same hashes as from its
     * pixels packed into ints.
     */
    public Map<Dihedral, PdqHash> hashDihedral(InterleavedRgb pixels) {
        toLuma(pixels);
        return dihedral(pixels.width(), pixels.height());
    }

    /**
     * {@link #hashDihedral(int[], int, int)} of an image whose luma the caller writes: for a decoder that has luma
     * at hand, without going through RGB samples.
     *
     * @throws IllegalArgumentException when the dimensions are not positive
     */
    public Map<Dihedral, PdqHash> hashDihedral(int width, int height, LumaSource source) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("an image needs positive dimensions, not " + width + "x" + height);
        }
        ensureCapacity(Math.multiplyExact(width, height));
        source.write(luma);
        return dihedral(width, height);
    }

    /** PDQ's luma of one pixel: {@code 0.299 R + 0.587 G + 0.114 B}, as every path into the hasher computes it. */
    public static float luma(int red, int green, int blue) {
        return LUMA_R * red + LUMA_G * green + LUMA_B * blue;
    }

    /** Writes an image's luma. */
    @FunctionalInterface
    public interface LumaSource {

        /**
         * Writes the luma of each pixel, {@code 0.299 R + 0.587 G + 0.114 B} from 0 to 255, row by row from index 0;
         * {@code luma} may be longer than the image.
         */
        void write(float[] luma);
    }

    private Map<Dihedral, PdqHash> dihedral(int width, int height) {
        transform(width, height);
        int quality = quality();
        Map<Dihedral, PdqHash> hashes = new EnumMap<>(Dihedral.class);
        for (Dihedral dihedral : Dihedral.values()) {
            arrange(coefficients, dihedral, variant);
            hashes.put(dihedral, new PdqHash(bits(variant), quality));
        }
        return hashes;
    }

    private void toLuma(int[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != rgb.length) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " needs "
                    + ((long) width * height) + " pixels, not " + rgb.length);
        }
        int pixels = rgb.length;
        ensureCapacity(pixels);
        for (int i = 0; i < pixels; i++) {
            int p = rgb[i];
            luma[i] = luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
    }

    private void toLuma(InterleavedRgb image) {
        int width = image.width();
        ensureCapacity(width * image.height());
        for (int y = 0; y < image.height(); y++) {
            int row = image.offset() + y * image.scanlineStride();
            switch (image.pixelStride()) { // a constant stride lets the compiler drop the bounds checks
                case 3 -> lumaRow(image, row, 3, y * width);
                case 4 -> lumaRow(image, row, 4, y * width);
                default -> lumaRow(image, row, image.pixelStride(), y * width);
            }
        }
    }

    private void lumaRow(InterleavedRgb image, int row, int step, int to) {
        byte[] samples = image.samples();
        int r = row + image.red();
        int g = row + image.green();
        int b = row + image.blue();
        float[] out = luma;
        for (int x = 0; x < image.width(); x++) {
            out[to + x] =
                    luma(samples[r + x * step] & 0xff, samples[g + x * step] & 0xff, samples[b + x * step] & 0xff);
        }
    }

    private void ensureCapacity(int pixels) {
        if (luma.length < pixels) {
            luma = new float[pixels];
            scratch = new float[pixels];
        }
    }

    /** Tent filter, decimation to 64x64 and DCT of {@link #luma} into {@link #coefficients}. */
    private void transform(int width, int height) {
        int windowAlongRows = windowSize(width);
        int windowAlongColumns = windowSize(height);
        for (int pass = 0; pass < 2; pass++) {
            BoxFilter.rows(luma, scratch, width, height, windowAlongRows);
            boxFilter.columns(scratch, luma, width, height, windowAlongColumns);
        }
        for (int i = 0; i < SIZE; i++) {
            int sourceRow = (int) (((i + 0.5) * height) / SIZE);
            for (int j = 0; j < SIZE; j++) {
                int sourceColumn = (int) (((j + 0.5) * width) / SIZE);
                small[i * SIZE + j] = luma[sourceRow * width + sourceColumn];
            }
        }
        // coefficients = DCT * small * DCT^T, in two steps through half = DCT * small
        for (int u = 0; u < FREQUENCIES; u++) {
            for (int j = 0; j < SIZE; j++) {
                float sum = 0;
                for (int k = 0; k < SIZE; k++) {
                    sum += DCT[u * SIZE + k] * small[k * SIZE + j];
                }
                half[u * SIZE + j] = sum;
            }
        }
        for (int u = 0; u < FREQUENCIES; u++) {
            for (int v = 0; v < FREQUENCIES; v++) {
                float sum = 0;
                for (int k = 0; k < SIZE; k++) {
                    sum += half[u * SIZE + k] * DCT[v * SIZE + k];
                }
                coefficients[u * FREQUENCIES + v] = sum;
            }
        }
    }

    /** Box filter window for one axis: about a 128th of its length, rounded. */
    static int windowSize(int length) {
        return (length + 2 * SIZE - 1) / (2 * SIZE);
    }

    private int quality() {
        int gradients = 0;
        for (int i = 0; i < SIZE - 1; i++) {
            for (int j = 0; j < SIZE; j++) {
                gradients += (int) Math.abs((small[i * SIZE + j] - small[(i + 1) * SIZE + j]) * 100 / 255);
            }
        }
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE - 1; j++) {
                gradients += (int) Math.abs((small[i * SIZE + j] - small[i * SIZE + j + 1]) * 100 / 255);
            }
        }
        return Math.min(100, gradients / 90);
    }

    /** Each coefficient above the median (the lower of the middle two) sets its bit, {@code u * 16 + v}. */
    private Hash256 bits(float[] values) {
        System.arraycopy(values, 0, sorted, 0, sorted.length);
        Arrays.sort(sorted);
        float median = sorted[sorted.length / 2 - 1];
        long[] words = new long[4];
        for (int bit = 0; bit < values.length; bit++) {
            if (values[bit] > median) {
                words[3 - (bit >> 6)] |= 1L << (bit & 63);
            }
        }
        return Hash256.ofWords(words[0], words[1], words[2], words[3]);
    }

    /**
     * The coefficients of a transformed image: transposing the image transposes them; reversing its rows (columns)
     * negates the coefficients of odd basis functions along that axis, i.e. even indices here as index 0 is
     * function 1.
     */
    static void arrange(float[] in, Dihedral dihedral, float[] out) {
        for (int u = 0; u < FREQUENCIES; u++) {
            for (int v = 0; v < FREQUENCIES; v++) {
                float value = dihedral.transpose ? in[v * FREQUENCIES + u] : in[u * FREQUENCIES + v];
                if (dihedral.flipRows && (u & 1) == 0) {
                    value = -value;
                }
                if (dihedral.flipColumns && (v & 1) == 0) {
                    value = -value;
                }
                out[u * FREQUENCIES + v] = value;
            }
        }
    }

    private static float[] dctMatrix() {
        float[] matrix = new float[FREQUENCIES * SIZE];
        double scale = Math.sqrt(2.0 / SIZE);
        for (int u = 0; u < FREQUENCIES; u++) {
            for (int k = 0; k < SIZE; k++) {
                matrix[u * SIZE + k] = (float) (scale * Math.cos((Math.PI / 2 / SIZE) * (u + 1) * (2 * k + 1)));
            }
        }
        return matrix;
    }
}
