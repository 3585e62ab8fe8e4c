package org.takedown.matching;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.jspecify.annotations.Nullable;
import org.takedown.pdq.Dihedral;
import org.takedown.pdq.InterleavedRgb;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.PdqHasher;

/**
 * Hashes an image held in memory: decodes it (JPEG incl. CMYK, PNG, GIF first frame, WebP, BMP), refusing images
 * over the limits from their header before any pixel is decoded, and computes PDQ and the exact digests. The format
 * is read from the file's first bytes and only the five formats above are handed to a decoder (a TIFF, SVG or any
 * other file is "not an image", whatever decoders happen to be on the class path). A clean YCbCr JPEG, most of
 * them, is decoded by FFmpeg ({@link FfmpegJpeg}: over twice as fast); every other image, and a JPEG FFmpeg finds any
 * fault in, by ImageIO. Large images are decoded to about 4 megapixels (FFmpeg scales down inside its inverse DCT,
 * ImageIO subsamples), which PDQ's own smoothing makes invisible in the hash (the conformance test covers
 * 12-megapixel photos); with the side limit this bounds the memory of one decode (see {@link #memoryBound}), and the
 * limit on a JPEG's scans bounds its time ({@link #MAX_JPEG_SCANS}).
 * Nothing is written anywhere: the bytes are read through an in-memory stream, never ImageIO's file cache.
 * Thread-safe; it does not limit how many decodes run at once (the {@link Images} bean does).
 */
public final class ImageHasher {

    /** Images above this many pixels are decoded subsampled. */
    static final long DECODE_PIXELS = 4_000_000;

    /**
     * JPEGs with more scans are refused before decoding. A progressive decoder goes over the whole image once per
     * scan, and a scan that changes nothing takes about ten bytes, so a small file of thousands of scans is a
     * decoding-time bomb: measured here, a 0.7 MB greyscale JPEG of 16 megapixels with 3 000 empty scans kept ImageIO
     * busy for 56 s (18 ms a scan). Encoders write one scan per component group (baseline) or about ten (libjpeg's
     * progressive script; optimising encoders a few more), so 100 leaves a wide margin. At the limit, a 49-megapixel
     * greyscale JPEG of 100 scans took ImageIO about 6 s here, against 1.3 s for its own 6 scans.
     */
    public static final int MAX_JPEG_SCANS = 100;

    /** The default longest side: wider or taller images are refused (a decoder buffers whole rows). */
    public static final int MAX_SIDE = 30_000;

    /** The formats decoded, by the name ImageIO knows them by. */
    enum Format {
        JPEG("jpeg"),
        PNG("png"),
        GIF("gif"),
        WEBP("webp"),
        BMP("bmp");

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }

        /** The format whose signature {@code bytes} start with, or null. */
        static @org.jspecify.annotations.Nullable Format sniff(byte[] b) {
            if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
                return JPEG;
            }
            if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
                return PNG;
            }
            if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
                return GIF;
            }
            if (b.length >= 12
                    && b[0] == 'R'
                    && b[1] == 'I'
                    && b[2] == 'F'
                    && b[3] == 'F'
                    && b[8] == 'W'
                    && b[9] == 'E'
                    && b[10] == 'B'
                    && b[11] == 'P') {
                return WEBP;
            }
            if (b.length >= 14 && b[0] == 'B' && b[1] == 'M') {
                return BMP;
            }
            return null;
        }
    }

    private final long maxPixels;
    private final int maxSide;

    /** True when {@code bytes} start like one of the decoded formats (whether or not they decode). */
    public static boolean looksLikeImage(byte[] bytes) {
        return Format.sniff(bytes) != null;
    }

    /** A hasher refusing images of more than {@code maxPixels} pixels or a side over {@link #MAX_SIDE}. */
    public ImageHasher(long maxPixels) {
        this(maxPixels, MAX_SIDE);
    }

    /** A hasher refusing images of more than {@code maxPixels} pixels or a side over {@code maxSide}. */
    public ImageHasher(long maxPixels, int maxSide) {
        if (maxPixels <= 0 || maxSide <= 0) {
            throw new IllegalArgumentException("the image limits must be positive");
        }
        this.maxPixels = maxPixels;
        this.maxSide = maxSide;
    }

    /**
     * The most memory one decode of an accepted image can take, in bytes, as stated in README: the subsampled
     * picture (4 bytes a pixel, twice: the decoded image and its pixel array; FFmpeg's planes and their copies take
     * at most 6 bytes a pixel of a picture at most half as large), two rows of 16-bit RGBA at the longest side, and
     * a progressive JPEG's coefficient buffer (up to 6 bytes a pixel of the full image, in either decoder).
     */
    public long memoryBound() {
        long decoded = Math.min(maxPixels, 2 * DECODE_PIXELS);
        return decoded * 4 * 2 + 2L * maxSide * 8 + maxPixels * 6;
    }

    /**
     * Hashes the image in {@code bytes}.
     *
     * @throws ImageRejectedException for an empty file, a non-image, a truncated or corrupt image, or one over the
     *     pixel limit
     */
    public ImageHashes hash(byte[] bytes) {
        return hash(bytes, new PdqHasher());
    }

    /**
     * {@link #hash(byte[])} in the buffers of {@code hasher}, for a thread hashing image after image: a hasher's
     * buffers grow to the largest image it has seen, where a new hasher allocates two arrays of the image's size.
     * A hasher is for one thread at a time.
     *
     * @throws ImageRejectedException as {@link #hash(byte[])}
     */
    public ImageHashes hash(byte[] bytes, PdqHasher hasher) {
        return hash(bytes, hasher, new Costs());
    }

    /** {@link #hash(byte[], PdqHasher)}, adding the time each step took to {@code costs}. */
    public ImageHashes hash(byte[] bytes, PdqHasher hasher, Costs costs) {
        if (bytes.length == 0) {
            throw new ImageRejectedException("the file is empty");
        }
        long start = System.nanoTime();
        Decoded image;
        try {
            image = decode(bytes);
        } finally {
            costs.decoding.add(System.nanoTime() - start);
        }
        long decoded = System.nanoTime();
        var variants = image.hashDihedral(hasher);
        long hashed = System.nanoTime();
        costs.pdq.add(hashed - decoded);
        String md5 = digest("MD5", bytes);
        String sha1 = digest("SHA-1", bytes);
        String sha256 = digest("SHA-256", bytes);
        costs.digests.add(System.nanoTime() - hashed);
        return new ImageHashes(
                variants.get(Dihedral.ORIGINAL), variants, md5, sha1, sha256, image.width(), image.height());
    }

    /** The time spent in each step of hashing, summed over the images hashed with it; thread-safe. */
    public static final class Costs {
        private final LongAdder decoding = new LongAdder();
        private final LongAdder pdq = new LongAdder();
        private final LongAdder digests = new LongAdder();

        /** Decoding, including refusals. */
        public Duration decoding() {
            return Duration.ofNanos(decoding.sum());
        }

        /** PDQ, all eight variants, from the decoded image (for a JPEG FFmpeg decoded: from its planes to luma). */
        public Duration pdq() {
            return Duration.ofNanos(pdq.sum());
        }

        /** MD5, SHA-1 and SHA-256 of the file. */
        public Duration digests() {
            return Duration.ofNanos(digests.sum());
        }
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
        return decode(bytes).hashDihedral(new PdqHasher()).get(Dihedral.ORIGINAL);
    }

    /**
     * A decoded image and the size its header gives: the picture, or for most JPEGs its pixels as FFmpeg decoded them
     * (see {@link FfmpegJpeg}).
     */
    private record Decoded(@Nullable BufferedImage image, FfmpegJpeg.@Nullable Picture jpeg, int width, int height) {

        Map<Dihedral, PdqHash> hashDihedral(PdqHasher hasher) {
            return jpeg != null
                    ? hasher.hashDihedral(jpeg.width(), jpeg.height(), jpeg)
                    : ImageHasher.hashDihedral(java.util.Objects.requireNonNull(image), hasher);
        }
    }

    /**
     * The PDQ hashes of the image and of its rotations and mirror images, computed in {@code hasher}'s buffers. An
     * 8-bit sRGB image with its samples side by side (what the decoders give for almost every JPEG and PNG) is
     * hashed straight from the decoder's array; any other (grey, indexed, 16-bit, another colour space) through
     * {@link BufferedImage#getRGB}, which converts it. Both give the same hash for the same pixels.
     */
    static Map<Dihedral, PdqHash> hashDihedral(BufferedImage image, PdqHasher hasher) {
        InterleavedRgb pixels = interleaved(image);
        if (pixels != null) {
            return hasher.hashDihedral(pixels);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        return hasher.hashDihedral(image.getRGB(0, 0, width, height, null, 0, width), width, height);
    }

    /**
     * The decoder's own array of 8-bit sRGB samples laid side by side, or null for any other image. ({@code getRGB}
     * converts one pixel at a time through the colour model: 40 % of a scan's time.)
     */
    static @Nullable InterleavedRgb interleaved(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        if (!(image.getColorModel() instanceof ComponentColorModel model)
                || !model.getColorSpace().isCS_sRGB()
                || model.getComponentSize(0) != 8
                || !(bands == 3 && !model.hasAlpha() || bands == 4 && model.hasAlpha() && !model.isAlphaPremultiplied())
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel layout)
                || raster.getSampleModelTranslateX() != 0
                || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        for (int bank : layout.getBankIndices()) {
            if (bank != 0) {
                return null;
            }
        }
        int[] at = layout.getBandOffsets(); // band i is the colour model's component i: red, green, blue (, alpha)
        return new InterleavedRgb(
                buffer.getData(),
                buffer.getOffset(),
                image.getWidth(),
                image.getHeight(),
                layout.getScanlineStride(),
                layout.getPixelStride(),
                at[0],
                at[1],
                at[2]);
    }

    private Decoded decode(byte[] bytes) {
        Format format = Format.sniff(bytes);
        if (format == null) {
            throw new ImageRejectedException("not an image Takedown can read (JPEG, PNG, GIF, WebP or BMP)");
        }
        // an in-memory stream: never the file-cached one ImageIO.createImageInputStream may pick
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
            if (!readers.hasNext()) {
                throw new ImageRejectedException("no decoder for " + format + " images is installed");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                checkSize(width, height);
                if (format == Format.JPEG) {
                    JpegSegments segments = JpegSegments.of(bytes);
                    if (segments.scans() > MAX_JPEG_SCANS) {
                        throw new ImageRejectedException("the JPEG has " + segments.scans() + " scans, more than the "
                                + MAX_JPEG_SCANS + " accepted (an image needs about ten)");
                    }
                    FfmpegJpeg.Picture jpeg = FfmpegJpeg.decode(
                            bytes, segments.length(), FfmpegJpeg.scaleDown(width, height, DECODE_PIXELS));
                    if (jpeg != null) {
                        return new Decoded(null, jpeg, (int) width, (int) height);
                    }
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
                return new Decoded(image, null, (int) width, (int) height);
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

    /** Refuses, from the header's size, an image without pixels or over the limits. */
    private void checkSize(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new ImageRejectedException("the image has no pixels");
        }
        if (width > maxSide || height > maxSide) {
            throw new ImageRejectedException(
                    "the image is " + width + "x" + height + " pixels; sides longer than " + maxSide + " are refused");
        }
        if (width * height > maxPixels) {
            throw new ImageRejectedException("the image has " + width + "x" + height + " = " + width * height
                    + " pixels, more than the " + maxPixels + " accepted");
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
