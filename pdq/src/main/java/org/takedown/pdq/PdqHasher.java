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
    private float[] sums = new float[0];
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

    /** Hashes an image laid out as its decoder gave it: the same hash as from the pixels packed into ints. */
    public PdqHash hash(InterleavedRgb pixels) {
        toLuma(pixels);
        transform(pixels.width(), pixels.height());
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

    /** {@link #hashDihedral(int[], int, int)} of an image laid out as its decoder gave it. */
    public Map<Dihedral, PdqHash> hashDihedral(InterleavedRgb pixels) {
        toLuma(pixels);
        return dihedral(pixels.width(), pixels.height());
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
            luma[i] = LUMA_R * ((p >> 16) & 0xff) + LUMA_G * ((p >> 8) & 0xff) + LUMA_B * (p & 0xff);
        }
    }

    private void toLuma(InterleavedRgb image) {
        ensureCapacity(image.width() * image.height());
        byte[] samples = image.samples();
        int r = image.red();
        int g = image.green();
        int b = image.blue();
        int step = image.pixelStride();
        int i = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0, at = image.offset() + y * image.scanlineStride(); x < image.width(); x++, at += step) {
                luma[i++] = LUMA_R * (samples[at + r] & 0xff)
                        + LUMA_G * (samples[at + g] & 0xff)
                        + LUMA_B * (samples[at + b] & 0xff);
            }
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
            boxFilterRows(luma, scratch, width, height, windowAlongRows);
            boxFilterColumns(scratch, luma, width, height, windowAlongColumns);
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

    /**
     * Mean over a window of {@code window} samples around each sample (right-leaning when even), clipped at both ends
     * of the vector; {@code count} samples from {@code start}, {@code stride} apart.
     */
    static void boxFilter(float[] in, float[] out, int start, int stride, int count, int window) {
        int right = (window + 2) / 2 - 1; // samples after the current one
        int left = window - right - 1; // samples before it
        float sum = 0;
        int inWindow = 0;
        int lastAdded = -1;
        for (int i = 0; i < count; i++) {
            int newest = Math.min(count - 1, i + right);
            while (lastAdded < newest) {
                lastAdded++;
                sum += in[start + lastAdded * stride];
                inWindow++;
            }
            int oldest = i - left - 1;
            if (oldest >= 0) {
                sum -= in[start + oldest * stride];
                inWindow--;
            }
            out[start + i * stride] = sum / inWindow;
        }
    }

    /**
     * {@link #boxFilter} along every row, with the same result to the bit, four rows at a time: one row's running sum
     * is a chain of dependent additions, and four independent chains keep the processor busy. The window's growth at
     * the start of a row and shrinking at its end are loops of their own, so the middle of the row runs without
     * branches. Rows not longer than the window go through {@link #boxFilter}.
     */
    static void boxFilterRows(float[] in, float[] out, int width, int height, int window) {
        int row = 0;
        if (width > window) {
            for (; row + 4 <= height; row += 4) {
                boxFilterFourRows(in, out, row * width, width, window);
            }
        }
        for (; row < height; row++) {
            boxFilter(in, out, row * width, 1, width, window);
        }
    }

    /** {@link #boxFilter} of the four rows from {@code start}, each {@code width} long; needs width > window. */
    private static void boxFilterFourRows(float[] in, float[] out, int start, int width, int window) {
        int right = (window + 2) / 2 - 1;
        int left = window - right - 1;
        int r0 = start;
        int r1 = r0 + width;
        int r2 = r1 + width;
        int r3 = r2 + width;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int k = 0; k < right; k++) {
            s0 += in[r0 + k];
            s1 += in[r1 + k];
            s2 += in[r2 + k];
            s3 += in[r3 + k];
        }
        for (int i = 0; i <= left; i++) { // the window grows: add only
            float n = right + 1 + i;
            int add = i + right;
            s0 += in[r0 + add];
            s1 += in[r1 + add];
            s2 += in[r2 + add];
            s3 += in[r3 + add];
            out[r0 + i] = s0 / n;
            out[r1 + i] = s1 / n;
            out[r2 + i] = s2 / n;
            out[r3 + i] = s3 / n;
        }
        float full = window;
        for (int i = left + 1; i < width - right; i++) { // full window: add one, drop one
            int add = i + right;
            int drop = i - left - 1;
            s0 += in[r0 + add];
            s0 -= in[r0 + drop];
            s1 += in[r1 + add];
            s1 -= in[r1 + drop];
            s2 += in[r2 + add];
            s2 -= in[r2 + drop];
            s3 += in[r3 + add];
            s3 -= in[r3 + drop];
            out[r0 + i] = s0 / full;
            out[r1 + i] = s1 / full;
            out[r2 + i] = s2 / full;
            out[r3 + i] = s3 / full;
        }
        for (int i = width - right; i < width; i++) { // the window shrinks: drop only
            float n = window - (i - (width - right) + 1);
            int drop = i - left - 1;
            s0 -= in[r0 + drop];
            s1 -= in[r1 + drop];
            s2 -= in[r2 + drop];
            s3 -= in[r3 + drop];
            out[r0 + i] = s0 / n;
            out[r1 + i] = s1 / n;
            out[r2 + i] = s2 / n;
            out[r3 + i] = s3 / n;
        }
    }

    /**
     * {@link #boxFilter} down every column at once: keeps a running sum per column and moves the window one row at a
     * time, so memory is read row by row (a column at a time would jump a whole row between reads).
     */
    void boxFilterColumns(float[] in, float[] out, int width, int height, int window) {
        int right = (window + 2) / 2 - 1;
        int left = window - right - 1;
        if (sums.length < width) {
            sums = new float[width];
        }
        float[] sum = sums;
        java.util.Arrays.fill(sum, 0, width, 0f);
        int inWindow = 0;
        int lastAdded = -1;
        for (int row = 0; row < height; row++) {
            int newest = Math.min(height - 1, row + right);
            while (lastAdded < newest) {
                lastAdded++;
                int base = lastAdded * width;
                for (int x = 0; x < width; x++) {
                    sum[x] += in[base + x];
                }
                inWindow++;
            }
            int oldest = row - left - 1;
            if (oldest >= 0) {
                int base = oldest * width;
                for (int x = 0; x < width; x++) {
                    sum[x] -= in[base + x];
                }
                inWindow--;
            }
            float scale = 1f / inWindow;
            int base = row * width;
            for (int x = 0; x < width; x++) {
                out[base + x] = sum[x] * scale;
            }
        }
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
