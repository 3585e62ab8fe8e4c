package org.takedown.pdq;

/**
 * The eight rotations and mirror images of a square image, by which a PDQ hash can be matched against rotated or
 * flipped copies without hashing them again. Names follow the image: {@code ROTATE_90} turns it a quarter anticlockwise (as the reference's test images do),
 * {@code FLIP_X} mirrors it across the horizontal axis (top-bottom), {@code FLIP_Y}
 * across the vertical axis (left-right), {@code FLIP_PLUS_1} across the main diagonal
 * (transpose), {@code FLIP_MINUS_1} across the other diagonal.
 */
public enum Dihedral {
    ORIGINAL(false, false, false),
    ROTATE_90(true, true, false),
    ROTATE_180(false, true, true),
    ROTATE_270(true, false, true),
    FLIP_X(false, true, false),
    FLIP_Y(false, false, true),
    FLIP_PLUS_1(true, false, false),
    FLIP_MINUS_1(true, true, true);

    /** Transpose the image first. */
    final boolean transpose;

    /** Then reverse the order of its rows. */
    final boolean flipRows;

    /** Then reverse the order of its columns. */
    final boolean flipColumns;

    Dihedral(boolean transpose, boolean flipRows, boolean flipColumns) {
        this.transpose = transpose;
        this.flipRows = flipRows;
        this.flipColumns = flipColumns;
    }

    /**
     * The hash of this transform of an image, estimated from the image's hash alone: transposing moves bit
     * {@code (u, v)} to {@code (v, u)}; a flip negates some DCT coefficients, which inverts their bits. Exact but for
     * coefficients next to the median, so a few bits may differ from hashing the transformed image; use
     * {@link PdqHasher#hashDihedral} when the image is at hand.
     */
    public Hash256 apply(Hash256 hash) {
        long[] out = new long[4];
        for (int u = 0; u < 16; u++) {
            for (int v = 0; v < 16; v++) {
                int source = transpose ? v * 16 + u : u * 16 + v;
                boolean bit = (hash.word(3 - (source >> 6)) & (1L << (source & 63))) != 0;
                boolean invert = (flipRows && (u & 1) == 0) ^ (flipColumns && (v & 1) == 0);
                if (bit ^ invert) {
                    int target = u * 16 + v;
                    out[3 - (target >> 6)] |= 1L << (target & 63);
                }
            }
        }
        return Hash256.ofWords(out[0], out[1], out[2], out[3]);
    }
}
