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
}
