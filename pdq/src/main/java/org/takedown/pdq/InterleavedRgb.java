package org.takedown.pdq;

/**
 * 8-bit RGB pixels as image decoders lay them out: row after row, each pixel's samples side by side, in whatever
 * order and with whatever extra samples (alpha, padding) the decoder chose. Hashing from this layout skips packing
 * every pixel into an {@code int} first.
 *
 * @param samples the decoder's sample array
 * @param offset index of the top left pixel's first sample
 * @param scanlineStride samples from one row to the next
 * @param pixelStride samples from one pixel to the next
 * @param red the red sample's index within a pixel
 * @param green the green sample's index within a pixel
 * @param blue the blue sample's index within a pixel
 */
public record InterleavedRgb(
        byte[] samples,
        int offset,
        int width,
        int height,
        int scanlineStride,
        int pixelStride,
        int red,
        int green,
        int blue) {

    /** @throws IllegalArgumentException when the layout does not fit in {@code samples} */
    public InterleavedRgb {
        if (width <= 0 || height <= 0 || pixelStride <= 0 || offset < 0) {
            throw new IllegalArgumentException("an image needs positive dimensions and strides");
        }
        if (Math.min(red, Math.min(green, blue)) < 0 || Math.max(red, Math.max(green, blue)) >= pixelStride) {
            throw new IllegalArgumentException("the colour samples must lie within a pixel's " + pixelStride);
        }
        if ((long) width * pixelStride > scanlineStride && height > 1) {
            throw new IllegalArgumentException("rows of " + width + " pixels overlap at a stride of " + scanlineStride);
        }
        long last = offset + (long) (height - 1) * scanlineStride + (long) (width - 1) * pixelStride + pixelStride;
        if (last > samples.length) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + " image needs " + last + " samples, not " + samples.length);
        }
    }
}
