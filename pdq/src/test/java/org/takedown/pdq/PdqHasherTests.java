package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PdqHasherTests {

    @Test
    void boxFilterIsTheMeanOverTheClippedWindow() {
        Random random = new Random(11);
        for (int window = 1; window <= 9; window++) {
            int count = 37;
            float[] in = new float[count * 3];
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextFloat() * 255;
            }
            float[] out = new float[in.length];
            // every third sample, starting at 1: exercises start and stride
            BoxFilter.filter(in, out, 1, 3, count, window);
            int right = (window + 2) / 2 - 1;
            int left = window - right - 1;
            for (int i = 0; i < count; i++) {
                double sum = 0;
                int n = 0;
                for (int k = Math.max(0, i - left); k <= Math.min(count - 1, i + right); k++) {
                    sum += in[1 + 3 * k];
                    n++;
                }
                assertThat(out[1 + 3 * i])
                        .as("window %d sample %d", window, i)
                        .isCloseTo((float) (sum / n), within(1e-3f));
            }
        }
    }

    @Test
    void columnFilterEqualsTheFilterOfEachColumn() {
        Random random = new Random(12);
        int width = 23;
        int height = 41;
        float[] in = new float[width * height];
        for (int i = 0; i < in.length; i++) {
            in[i] = random.nextFloat() * 255;
        }
        for (int window = 1; window <= 7; window++) {
            float[] expected = new float[in.length];
            for (int column = 0; column < width; column++) {
                BoxFilter.filter(in, expected, column, width, height, window);
            }
            float[] actual = new float[in.length];
            new BoxFilter().columns(in, actual, width, height, window);
            for (int i = 0; i < in.length; i++) {
                assertThat(actual[i]).as("window %d pixel %d", window, i).isCloseTo(expected[i], within(1e-3f));
            }
        }
    }

    @Test
    void rowFilterEqualsTheFilterOfEachRowToTheBit() {
        Random random = new Random(13);
        for (int width : new int[] {1, 2, 5, 8, 9, 31, 64, 257}) {
            for (int height : new int[] {1, 3, 4, 7, 13}) {
                float[] in = new float[width * height];
                for (int i = 0; i < in.length; i++) {
                    in[i] = random.nextFloat() * 255;
                }
                for (int window = 1; window <= 10; window++) {
                    float[] expected = new float[in.length];
                    for (int row = 0; row < height; row++) {
                        BoxFilter.filter(in, expected, row * width, 1, width, window);
                    }
                    float[] actual = new float[in.length];
                    BoxFilter.rows(in, actual, width, height, window);
                    assertThat(actual)
                            .as("%dx%d, window %d", width, height, window)
                            .containsExactly(expected);
                }
            }
        }
    }

    @Test
    void interleavedSamplesHashAsPackedPixelsForEveryStrideAndOrder() {
        int width = 131;
        int height = 77;
        int[] packed = randomPixels(14, width * height);
        var expected = new PdqHasher().hashDihedral(packed, width, height);
        int[][] layouts = {{3, 2, 1, 0}, {3, 0, 1, 2}, {4, 3, 2, 1}, {4, 0, 1, 2}, {5, 4, 0, 2}};
        for (int[] layout : layouts) {
            int step = layout[0];
            int scanline = width * step + 7; // rows padded, and the image starting 5 samples in
            byte[] samples = new byte[5 + scanline * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int p = packed[y * width + x];
                    int at = 5 + y * scanline + x * step;
                    samples[at + layout[1]] = (byte) (p >> 16);
                    samples[at + layout[2]] = (byte) (p >> 8);
                    samples[at + layout[3]] = (byte) p;
                }
            }
            var pixels = new InterleavedRgb(samples, 5, width, height, scanline, step, layout[1], layout[2], layout[3]);
            assertThat(new PdqHasher().hashDihedral(pixels))
                    .as("stride %d", step)
                    .isEqualTo(expected);
        }
    }

    @Test
    void lumaWrittenByTheCallerHashesAsPackedPixels() {
        int width = 90;
        int height = 70;
        int[] packed = randomPixels(15, width * height);
        PdqHasher hasher = new PdqHasher();
        hasher.hash(new int[200 * 200], 200, 200); // a buffer longer than the image, with other values in it
        var fromLuma = hasher.hashDihedral(width, height, luma -> {
            for (int i = 0; i < packed.length; i++) {
                int p = packed[i];
                luma[i] = PdqHasher.luma((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
            }
        });
        assertThat(fromLuma).isEqualTo(new PdqHasher().hashDihedral(packed, width, height));
        assertThatThrownBy(() -> hasher.hashDihedral(0, 5, luma -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interleavedLayoutsThatDoNotFitAreRefused() {
        byte[] samples = new byte[30];
        assertThatThrownBy(() -> new InterleavedRgb(samples, 0, 4, 3, 12, 3, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 36 samples, not 30");
        assertThatThrownBy(() -> new InterleavedRgb(samples, 0, 2, 2, 6, 3, 3, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within a pixel");
        assertThatThrownBy(() -> new InterleavedRgb(samples, 0, 4, 2, 6, 3, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new InterleavedRgb(samples, 0, 0, 2, 6, 3, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void windowIsAbout1128thOfTheSide() {
        assertThat(PdqHasher.windowSize(64)).isEqualTo(1);
        assertThat(PdqHasher.windowSize(1600)).isEqualTo(13);
        assertThat(PdqHasher.windowSize(4032)).isEqualTo(32);
    }

    @Test
    void sameImageSameHashAndAboutHalfTheBitsSet() {
        int[] pixels = randomPixels(5, 300 * 200);
        PdqHasher hasher = new PdqHasher();
        PdqHash first = hasher.hash(pixels, 300, 200);
        hasher.hash(new int[1000 * 1000], 1000, 1000); // a larger image in between reuses and grows the buffers
        assertThat(hasher.hash(pixels, 300, 200)).isEqualTo(first);
        assertThat(first.hash().bitCount()).isEqualTo(128);
    }

    @Test
    void flatImageHasQualityZero() {
        assertThat(new PdqHasher().hash(new int[64 * 64], 64, 64).quality()).isZero();
    }

    @Test
    void refusesPixelsThatDoNotFitTheDimensions() {
        assertThatThrownBy(() -> new PdqHasher().hash(new int[10], 4, 4)).hasMessageContaining("4x4 needs 16 pixels");
        assertThatThrownBy(() -> new PdqHasher().hash(new int[0], 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code count} packed RGB pixels of random colour, the same for the same seed. */
    static int[] randomPixels(long seed, int count) {
        Random random = new Random(seed);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return pixels;
    }
}
