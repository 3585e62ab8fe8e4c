package org.takedown.matching;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Hashes a video held in memory with vPDQ: FFmpeg (the {@code org.bytedeco} build, natives in the jar) demuxes and
 * decodes it through an in-memory reader, one frame per second of the video's own timestamps is scaled to packed RGB
 * (at most about a megapixel) and PDQ-hashed, and every other frame is decoded and dropped, so memory does not grow
 * with the length. Hostile files are refused with a reason: only common video containers and codecs are opened (no
 * playlists or other demuxers that would open further files or URLs, and FFmpeg is given no protocol at all), a
 * picture wider, taller or larger than the limits is refused from its header and again per frame, a video longer than
 * the limit is refused, and the whole decode has a hard deadline (checked at every read and every frame). Nothing is
 * written anywhere. Thread-safe; it does not limit how many decodes run at once (the {@link Images} bean does).
 */
public final class VideoHasher {

    /**
     * How far a decode may go.
     *
     * @param maxSide the longest side accepted
     * @param maxPixels the most pixels a frame may have
     * @param maxSeconds the longest video accepted
     * @param deadline the most one decode may take, wall-clock
     */
    public record Limits(int maxSide, long maxPixels, double maxSeconds, Duration deadline) {

        /** The defaults: 4096 px a side, 4K UHD frames, four hours, ten minutes. */
        public static final Limits DEFAULT = new Limits(4096, 3840L * 2160, 4 * 3600, Duration.ofMinutes(10));
    }

    /** Demuxers opened, by FFmpeg's names: common containers only, nothing that reads other files. */
    static final String DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpegts,mpeg,ogg";

    /** Decoders used, by FFmpeg's names. */
    static final Set<String> DECODERS = Set.of(
            "h264",
            "hevc",
            "vp8",
            "vp9",
            "av1",
            "libdav1d",
            "libaom-av1",
            "mpeg4",
            "mpeg2video",
            "mpeg1video",
            "mjpeg",
            "theora",
            "msmpeg4",
            "msmpeg4v2",
            "h263",
            "flv",
            "vc1",
            "wmv3",
            "prores");

    /** Frames are scaled to about this many pixels before hashing when larger (PDQ's own smoothing hides it). */
    static final long HASH_PIXELS = 1 << 20;

    static final int READ_BUFFER = 64 * 1024;

    private static final ConcurrentHashMap<Long, Source> SOURCES = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();
    private static final Read_packet_Pointer_BytePointer_int READER;
    private static final Seek_Pointer_long_int SEEKER;

    static {
        av_log_set_level(AV_LOG_QUIET); // reasons are reported through the exception, not FFmpeg's stderr
        READER = new Read_packet_Pointer_BytePointer_int() {
            @Override
            public int call(Pointer opaque, BytePointer buffer, int size) {
                Source source = SOURCES.get(opaque.address());
                return source == null ? AVERROR_EXIT : source.read(buffer, size);
            }
        };
        SEEKER = new Seek_Pointer_long_int() {
            @Override
            public long call(Pointer opaque, long offset, int whence) {
                Source source = SOURCES.get(opaque.address());
                return source == null ? -1 : source.seek(offset, whence);
            }
        };
    }

    private final Limits limits;

    public VideoHasher(Limits limits) {
        if (limits.maxSide() <= 0 || limits.maxPixels() <= 0 || limits.maxSeconds() <= 0) {
            throw new IllegalArgumentException("the video limits must be positive");
        }
        this.limits = limits;
    }

    /** True when {@code bytes} start like one of the containers opened (whether or not they decode). */
    public static boolean looksLikeVideo(byte[] b) {
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return true; // ISO base media: MP4, MOV, 3GP
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf) {
            return (b[3] & 0xff) == 0xa3; // Matroska, WebM
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F') {
            return b[8] == 'A' && b[9] == 'V' && b[10] == 'I';
        }
        if (b.length >= 4 && b[0] == 'F' && b[1] == 'L' && b[2] == 'V' && b[3] == 1) {
            return true;
        }
        if (b.length >= 4 && b[0] == 'O' && b[1] == 'g' && b[2] == 'g' && b[3] == 'S') {
            return true;
        }
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 1 && (b[3] & 0xff) == 0xba) {
            return true; // MPEG program stream
        }
        return b.length > 376 && b[0] == 0x47 && b[188] == 0x47 && b[376] == 0x47; // MPEG transport stream
    }

    /**
     * Hashes the video in {@code bytes}.
     *
     * @throws VideoRejectedException for an empty, unknown, corrupt, too large or too long video, or one that takes
     *     longer than the deadline
     */
    public VideoHashes hash(byte[] bytes) {
        return run(bytes, true, true);
    }

    /** Decodes the video and scales its frames as {@link #hash} does, without hashing them (a benchmark baseline). */
    public VideoHashes decodeOnly(byte[] bytes) {
        return run(bytes, false, true);
    }

    /**
     * Decodes every frame of the video, skipping none, and scales one a second without hashing it: what a plain
     * decoder must do (a benchmark baseline).
     */
    public VideoHashes decodeEveryFrame(byte[] bytes) {
        return run(bytes, false, false);
    }

    private VideoHashes run(byte[] bytes, boolean pdq, boolean skip) {
        if (bytes.length == 0) {
            throw new VideoRejectedException("the file is empty");
        }
        if (!looksLikeVideo(bytes)) {
            throw new VideoRejectedException(
                    "not a video Takedown can read (MP4/MOV, Matroska/WebM, AVI, FLV, MPEG-PS/TS or Ogg)");
        }
        long id = IDS.incrementAndGet();
        Source source = new Source(bytes, System.nanoTime() + limits.deadline().toNanos());
        SOURCES.put(id, source);
        try (VideoDecode decode = new VideoDecode(limits, source, id, READER, SEEKER)) {
            return decode.frames(
                    pdq,
                    skip,
                    ImageHasher.digest("MD5", bytes),
                    ImageHasher.digest("SHA-1", bytes),
                    ImageHasher.digest("SHA-256", bytes));
        } finally {
            SOURCES.remove(id);
        }
    }

    /** FFmpeg's text for an error code. */
    static String reason(int code) {
        if (code == AVERROR_EOF) {
            return "the file ends too early";
        }
        BytePointer text = new BytePointer(256);
        try {
            av_strerror(code, text, 256);
            return text.getString();
        } finally {
            text.close();
        }
    }

    /** The bytes FFmpeg reads, with the read position and the deadline; used by one decode on one thread. */
    static final class Source {
        private final byte[] bytes;
        private final long deadline;
        private int position;
        private boolean late;

        Source(byte[] bytes, long deadline) {
            this.bytes = bytes;
            this.deadline = deadline;
        }

        int read(BytePointer buffer, int size) {
            if (late()) {
                return AVERROR_EXIT;
            }
            int n = Math.min(size, bytes.length - position);
            if (n <= 0) {
                return AVERROR_EOF;
            }
            buffer.position(0).put(bytes, position, n);
            position += n;
            return n;
        }

        long seek(long offset, int whence) {
            if ((whence & AVSEEK_SIZE) != 0) {
                return bytes.length;
            }
            long target = switch (whence & 3) {
                case 0 -> offset;
                case 1 -> position + offset;
                case 2 -> bytes.length + offset;
                default -> -1;
            };
            if (target < 0 || target > bytes.length) {
                return -1;
            }
            position = (int) target;
            return target;
        }

        /** True once the deadline has passed (and from then on). */
        boolean late() {
            late = late || System.nanoTime() - deadline > 0;
            return late;
        }
    }

    /** FFmpeg's decoder for a codec id, or null when it is not one of {@link #DECODERS}. */
    static org.bytedeco.ffmpeg.avcodec.@org.jspecify.annotations.Nullable AVCodec decoder(int codecId) {
        org.bytedeco.ffmpeg.avcodec.AVCodec codec = avcodec_find_decoder(codecId);
        return codec == null
                        || codec.isNull()
                        || !DECODERS.contains(codec.name().getString())
                ? null
                : codec;
    }
}
