package org.takedown.matching;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.PdqHasher;

/**
 * Hashes an image held in memory: decodes it (JPEG incl. CMYK, PNG, GIF first frame, WebP, BMP), refusing images
 * over the pixel limit from their header before any pixel is decoded, and computes PDQ and the exact digests. Large
 * images are decoded subsampled to about 4 megapixels, which PDQ's own smoothing makes invisible in the hash (the
 * conformance test covers 12-megapixel photos) and which bounds memory per image. Nothing is written anywhere.
 * Thread-safe.
 */
public final class ImageHasher {

    /** Images above this many pixels are decoded subsampled. */
    static final long DECODE_PIXELS = 4_000_000;

    private final long maxPixels;

    /** A hasher refusing images of more than {@code maxPixels} pixels. */
    public ImageHasher(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * Hashes the image in {@code bytes}.
     *
     * @throws ImageRejectedException for an empty file, a non-image, a truncated or corrupt image, or one over the
     *     pixel limit
     */
    public ImageHashes hash(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ImageRejectedException("the file is empty");
        }
        BufferedImage image = decode(bytes);
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        var variants = new PdqHasher().hashDihedral(pixels, width, height);
        return new ImageHashes(
                variants.get(org.takedown.pdq.Dihedral.ORIGINAL),
                variants,
                digest("MD5", bytes),
                digest("SHA-1", bytes),
                digest("SHA-256", bytes),
                width,
                height);
    }

    /**
     * Only the PDQ hash of the image in {@code bytes} (no rotations, no digests): for comparing two versions of one
     * picture.
     *
     * @throws ImageRejectedException as {@link #hash}
     */
    public PdqHash pdq(byte[] bytes) {
        if (bytes.length == 0) {
            throw new ImageRejectedException("the file is empty");
        }
        BufferedImage image = decode(bytes);
        int width = image.getWidth();
        int height = image.getHeight();
        return new PdqHasher().hash(image.getRGB(0, 0, width, height, null, 0, width), width, height);
    }

    private BufferedImage decode(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageRejectedException("not an image Takedown can read (JPEG, PNG, GIF, WebP or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw new ImageRejectedException("the image has no pixels");
                }
                if (width * height > maxPixels) {
                    throw new ImageRejectedException("the image has " + width + "x" + height + " = " + width * height
                            + " pixels, more than the " + maxPixels + " accepted");
                }
                StringBuilder damage = new StringBuilder();
                reader.addIIOReadWarningListener((source, warning) -> {
                    String lower = warning.toLowerCase(java.util.Locale.ROOT);
                    if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt")) {
                        damage.append(warning);
                    }
                });
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.sqrt((double) (width * height) / DECODE_PIXELS));
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                if (!damage.isEmpty()) {
                    throw new ImageRejectedException("the image is truncated or corrupt: " + damage);
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ImageRejectedException("the image is truncated or corrupt: " + reason);
        }
    }

    static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
