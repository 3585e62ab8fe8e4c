package org.takedown.pdq;

/**
 * PDQ's box filter (one pass of the Jarosz tent filter): each sample becomes the mean of the {@code window} samples
 * around it, along rows or down columns. One instance keeps the column sums' buffer; not thread-safe.
 */
final class BoxFilter {

    private float[] sums = new float[0];

    /**
     * Mean over a window of {@code window} samples around each sample (right-leaning when even), clipped at both ends
     * of the vector; {@code count} samples from {@code start}, {@code stride} apart.
     */
    static void filter(float[] in, float[] out, int start, int stride, int count, int window) {
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
     * {@link #filter} along every row, with the same result to the bit, four rows at a time: one row's running sum
     * is a chain of dependent additions, and four independent chains keep the processor busy. The window's growth at
     * the start of a row and shrinking at its end are loops of their own, so the middle of the row runs without
     * branches. Rows not longer than the window go through {@link #filter}.
     */
    static void rows(float[] in, float[] out, int width, int height, int window) {
        int row = 0;
        if (width > window) {
            for (; row + 4 <= height; row += 4) {
                fourRows(in, out, row * width, width, window);
            }
        }
        for (; row < height; row++) {
            filter(in, out, row * width, 1, width, window);
        }
    }

    /** {@link #filter} of the four rows from {@code start}, each {@code width} long; needs width > window. */
    private static void fourRows(float[] in, float[] out, int start, int width, int window) {
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
     * {@link #filter} down every column at once: keeps a running sum per column and moves the window one row at a
     * time, so memory is read row by row (a column at a time would jump a whole row between reads).
     */
    void columns(float[] in, float[] out, int width, int height, int window) {
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
            int oldest = row - left - 1;
            if (lastAdded + 1 == newest && oldest >= 0) { // the window slides: add a row and drop one in one pass
                lastAdded = newest;
                int add = newest * width;
                int drop = oldest * width;
                int base = row * width;
                float scale = 1f / inWindow;
                for (int x = 0; x < width; x++) {
                    float v = sum[x] + in[add + x];
                    v -= in[drop + x];
                    sum[x] = v;
                    out[base + x] = v * scale;
                }
                continue;
            }
            while (lastAdded < newest) {
                lastAdded++;
                int base = lastAdded * width;
                for (int x = 0; x < width; x++) {
                    sum[x] += in[base + x];
                }
                inWindow++;
            }
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
}
