package org.takedown.matching;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BITSTREAM;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_BUFFER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_CRCCHECK;
import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.jspecify.annotations.Nullable;
import org.takedown.pdq.PdqHasher;

/**
 * Decodes a JPEG with FFmpeg's JPEG decoder, which on this machine takes under half the time ImageIO's takes for a
 * 1080p photo, and scales a large image down by 2, 4 or 8 inside its inverse DCT, where ImageIO decodes every pixel
 * and then drops some. The colour conversion to RGB is done here with JFIF's formulas and libjpeg's rounding and
 * clamping: PDQ's luma is Y wherever no channel clamps, so only saturated pixels depend on it at all.
 *
 * <p>Only clean 8-bit YCbCr JPEGs take this path. A file that ends before its end-of-image marker (truncated), one
 * FFmpeg reports any error for (it is told to stop at the first), and one it decodes to anything else (grey, CMYK,
 * RGB, 12-bit) give null, and the caller decodes it with ImageIO as before. Bytes after the end-of-image marker (a
 * phone's second picture, a trailer) are left out. Nothing is written anywhere: FFmpeg gets the bytes as one packet
 * in memory.
 */
final class FfmpegJpeg {

    /** FFmpeg's frame flag for a picture it could only partly decode ({@code AV_FRAME_FLAG_CORRUPT}). */
    private static final int FRAME_CORRUPT = 1;

    /**
     * The YCbCr formats taken, by FFmpeg's number: how their chroma planes are subsampled, and whether they are full
     * range by name (the J formats) or only when the frame says its range is JPEG's.
     */
    private record Layout(int across, int down, boolean fullRange) {}

    private static final Map<Integer, Layout> LAYOUTS = Map.of(
            AV_PIX_FMT_YUVJ420P, new Layout(1, 1, true),
            AV_PIX_FMT_YUV420P, new Layout(1, 1, false),
            AV_PIX_FMT_YUVJ422P, new Layout(1, 0, true),
            AV_PIX_FMT_YUV422P, new Layout(1, 0, false),
            AV_PIX_FMT_YUVJ444P, new Layout(0, 0, true),
            AV_PIX_FMT_YUV444P, new Layout(0, 0, false),
            AV_PIX_FMT_YUVJ440P, new Layout(0, 1, true),
            AV_PIX_FMT_YUV440P, new Layout(0, 1, false),
            AV_PIX_FMT_YUVJ411P, new Layout(2, 0, true),
            AV_PIX_FMT_YUV411P, new Layout(2, 0, false));

    static {
        av_log_set_level(AV_LOG_QUIET); // a refusal is a null here, not a line on stderr
    }

    private FfmpegJpeg() {}

    /**
     * The smallest scale-down (0: none, 1: half, 2: a quarter, 3: an eighth) that brings the image to at most
     * {@code pixels} pixels; 3 when none does.
     */
    static int scaleDown(long width, long height, long pixels) {
        int lowres = 0;
        while (lowres < 3 && ceilShift(width, lowres) * ceilShift(height, lowres) > pixels) {
            lowres++;
        }
        return lowres;
    }

    /** {@code value / 2^shift}, rounded up: a side's length after a scale-down, or its chroma samples. */
    private static long ceilShift(long value, int shift) {
        return (value + (1L << shift) - 1) >> shift;
    }

    /**
     * The pixels of {@code jpeg} decoded at 1/2^{@code lowres} of its size, or null when this JPEG must go through
     * ImageIO (see the class comment). {@code length} is the image's length ({@link JpegSegments#length}).
     */
    static @Nullable Picture decode(byte[] jpeg, int length, int lowres) {
        if (length < 0) {
            return null;
        }
        AVCodec decoder = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
        if (decoder == null) {
            return null;
        }
        AVCodecContext codec = avcodec_alloc_context3(decoder);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            codec.thread_count(1);
            codec.lowres(lowres);
            codec.err_recognition(AV_EF_CRCCHECK | AV_EF_BITSTREAM | AV_EF_BUFFER | AV_EF_EXPLODE);
            if (avcodec_open2(codec, decoder, (AVDictionary) null) < 0 || av_new_packet(packet, length) < 0) {
                return null;
            }
            packet.data().capacity(length).put(jpeg, 0, length);
            if (avcodec_send_packet(codec, packet) < 0 || avcodec_receive_frame(codec, frame) < 0) {
                return null;
            }
            return picture(frame);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(codec);
        }
    }

    private static @Nullable Picture picture(AVFrame frame) {
        Layout layout = LAYOUTS.get(frame.format());
        if (layout == null
                || !layout.fullRange() && frame.color_range() != AVCOL_RANGE_JPEG
                || frame.decode_error_flags() != 0
                || (frame.flags() & FRAME_CORRUPT) != 0
                || frame.width() <= 0
                || frame.height() <= 0) {
            return null;
        }
        int width = frame.width();
        int height = frame.height();
        int chromaWidth = Picture.chroma(width, layout.across());
        int chromaHeight = Picture.chroma(height, layout.down());
        return new Picture(
                plane(frame, 0, width, height),
                plane(frame, 1, chromaWidth, chromaHeight),
                plane(frame, 2, chromaWidth, chromaHeight),
                width,
                height,
                layout.across(),
                layout.down());
    }

    /**
     * A decoded JPEG: its luma (Y) plane and two chroma planes, subsampled by 2^{@code across} and 2^{@code down}.
     * It writes PDQ's luma by converting each pixel to RGB as libjpeg does (JFIF's formulas in 16-bit fixed point,
     * rounded, each channel clamped to 0..255) and weighting the channels: the same value as from the RGB pixels an
     * RGB decode gives, without those pixels.
     */
    record Picture(byte[] y, byte[] cb, byte[] cr, int width, int height, int across, int down)
            implements PdqHasher.LumaSource {

        private static final int HALF = 1 << 15;
        private static final int RED_CR = 91881; // 1.40200
        private static final int GREEN_CB = -22554; // -0.34414
        private static final int GREEN_CR = -46802; // -0.71414
        private static final int BLUE_CB = 116130; // 1.77200

        /** Each channel's weighted share of luma, by the channel's unclamped value plus {@link #OFFSET}. */
        private static final int OFFSET = 256;

        private static final float[] RED_SHARE = share(0);
        private static final float[] GREEN_SHARE = share(1);
        private static final float[] BLUE_SHARE = share(2);

        /**
         * {@code PdqHasher.luma} of the channel alone, clamped: the three shares add up, in the same order, to the
         * exact float {@code PdqHasher.luma(r, g, b)} gives, with two table reads in place of a clamp and a multiply.
         */
        private static float[] share(int channel) {
            float[] share = new float[3 * OFFSET];
            for (int i = 0; i < share.length; i++) {
                int value = clamp(i - OFFSET);
                share[i] = PdqHasher.luma(channel == 0 ? value : 0, channel == 1 ? value : 0, channel == 2 ? value : 0);
            }
            return share;
        }

        /** The chroma samples along a side of {@code pixels} subsampled by 2^{@code shift}: rounded up. */
        static int chroma(int pixels, int shift) {
            return (int) ceilShift(pixels, shift);
        }

        @Override
        public void write(float[] luma) {
            int chromaWidth = chroma(width, across);
            // each pixel's shift of red, green and blue from its chroma sample (plus OFFSET), for the rows of one
            // chroma row: one entry per pixel, so the loop over a row reads all its arrays at the same index
            int[] redTerm = new int[width];
            int[] greenTerm = new int[width];
            int[] blueTerm = new int[width];
            for (int row = 0; row < height; row++) {
                if ((row & ((1 << down) - 1)) == 0) {
                    int from = (row >> down) * chromaWidth;
                    for (int x = 0; x < width; x++) {
                        int blue = (cb[from + (x >> across)] & 0xff) - 128;
                        int red = (cr[from + (x >> across)] & 0xff) - 128;
                        redTerm[x] = OFFSET + ((RED_CR * red + HALF) >> 16);
                        greenTerm[x] = OFFSET + ((GREEN_CB * blue + GREEN_CR * red + HALF) >> 16);
                        blueTerm[x] = OFFSET + ((BLUE_CB * blue + HALF) >> 16);
                    }
                }
                int start = row * width;
                for (int x = 0; x < width; x++) {
                    int value = y[start + x] & 0xff;
                    luma[start + x] = RED_SHARE[value + redTerm[x]]
                            + GREEN_SHARE[value + greenTerm[x]]
                            + BLUE_SHARE[value + blueTerm[x]];
                }
            }
        }

        private static int clamp(int value) {
            return Math.max(0, Math.min(255, value));
        }
    }

    /** Plane {@code index} of the frame, {@code width} samples a row, without the row padding. */
    private static byte[] plane(AVFrame frame, int index, int width, int height) {
        int stride = frame.linesize(index);
        byte[] samples = new byte[width * height];
        BytePointer plane = frame.data(index);
        for (int row = 0; row < height; row++) {
            plane.position((long) row * stride).get(samples, row * width, width);
        }
        return samples;
    }
}
