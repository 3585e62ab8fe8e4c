package org.takedown.pdq;

/**
 * A PDQ hash with its quality.
 *
 * @param hash the 256-bit perceptual hash
 * @param quality 0 to 100, from the image's gradients; below {@link #MIN_RELIABLE_QUALITY} the hash says too little
 *     about the image to be matched
 */
public record PdqHash(Hash256 hash, int quality) {

    /** Quality below which a hash must never produce a match. */
    public static final int MIN_RELIABLE_QUALITY = 50;

    /** True when the hash may be matched. */
    public boolean reliable() {
        return quality >= MIN_RELIABLE_QUALITY;
    }
}
