package org.takedown.matching;

import static org.bytedeco.ffmpeg.avformat.AVFormatContext.AVFMT_FLAG_CUSTOM_IO;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avformat.Write_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.PdqHasher;
import org.takedown.pdq.Vpdq;

/**
 * One decode of one video, holding FFmpeg's native objects until closed: opens the container through the in-memory
 * {@link VideoHasher.Source}, picks the video stream, decodes every frame and hashes one a second. Used by one thread
 * once; not thread-safe.
 */
final class VideoDecode implements AutoCloseable {

    private final VideoHasher.Limits limits;
    private final VideoHasher.Source source;
    private AVFormatContext format;
    private AVIOContext io;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private AVFrame rgb;
    private SwsContext scaler;
    private int[] pixels = new int[0];

    VideoDecode(
            VideoHasher.Limits limits,
            VideoHasher.Source source,
            long id,
            Read_packet_Pointer_BytePointer_int reader,
            Seek_Pointer_long_int seeker) {
        this.limits = limits;
        this.source = source;
        this.io = avio_alloc_context(
                new BytePointer(av_malloc(VideoHasher.READ_BUFFER)),
                VideoHasher.READ_BUFFER,
                0,
                new org.bytedeco.javacpp.Pointer() {
                    {
                        address = id; // not memory: the key of the source, handed back to the callbacks
                    }
                },
                reader,
                (Write_packet_Pointer_BytePointer_int) null,
                seeker);
    }

    /** Opens, decodes and hashes (or only scales, without {@code pdq}). */
    VideoHashes frames(boolean pdq, boolean skip, String md5, String sha1, String sha256) {
        int stream = open();
        AVStream video = format.streams(stream);
        AVCodecParameters parameters = video.codecpar();
        checkSize(parameters.width(), parameters.height());
        long declared = format.duration();
        if (declared != AV_NOPTS_VALUE && declared > 0 && declared / (double) AV_TIME_BASE > limits.maxSeconds()) {
            throw new VideoRejectedException("the video lasts " + Math.round(declared / (double) AV_TIME_BASE)
                    + " seconds; videos longer than " + Math.round(limits.maxSeconds()) + " seconds are refused");
        }
        openDecoder(parameters);
        double timeBase = video.time_base().num() / (double) video.time_base().den();
        long start = video.start_time() == AV_NOPTS_VALUE ? 0 : video.start_time();
        double frameRate = video.avg_frame_rate().den() == 0
                ? 25
                : video.avg_frame_rate().num() / (double) video.avg_frame_rate().den();
        Hashing hashing = new Hashing(pdq, skip, timeBase, start, frameRate > 0 ? frameRate : 25);
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        int read;
        while ((read = av_read_frame(format, packet)) >= 0) {
            try {
                if (packet.stream_index() == stream) {
                    send(packet, hashing);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        if (source.late()) {
            throw late();
        }
        if (read != AVERROR_EOF && hashing.decoded == 0) {
            throw new VideoRejectedException("the video is corrupt: " + VideoHasher.reason(read));
        }
        send(null, hashing);
        if (hashing.decoded == 0) {
            throw new VideoRejectedException("the video has no frame that could be decoded");
        }
        return new VideoHashes(
                List.copyOf(hashing.frames),
                md5,
                sha1,
                sha256,
                codec.width(),
                codec.height(),
                hashing.last,
                hashing.decoded);
    }

    /** Opens the container (only the allowed demuxers, no protocols) and returns the video stream's index. */
    private int open() {
        format = avformat_alloc_context();
        format.pb(io);
        format.flags(format.flags() | AVFMT_FLAG_CUSTOM_IO);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "format_whitelist", VideoHasher.DEMUXERS, 0);
        av_dict_set(options, "protocol_whitelist", "none", 0);
        av_dict_set(options, "probesize", "5000000", 0);
        av_dict_set(options, "analyzeduration", "10000000", 0);
        int opened = avformat_open_input(format, (String) null, null, options);
        av_dict_free(options);
        if (opened < 0) {
            format = null; // FFmpeg freed it
            throw source.late()
                    ? late()
                    : new VideoRejectedException("not a video Takedown can read: " + VideoHasher.reason(opened));
        }
        int found = avformat_find_stream_info(format, (PointerPointer<?>) null);
        if (found < 0) {
            throw source.late()
                    ? late()
                    : new VideoRejectedException("the video is corrupt: " + VideoHasher.reason(found));
        }
        int stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
        if (stream < 0) {
            throw new VideoRejectedException("the file has no video stream");
        }
        return stream;
    }

    private void openDecoder(AVCodecParameters parameters) {
        AVCodec decoder = VideoHasher.decoder(parameters.codec_id());
        if (decoder == null) {
            throw new VideoRejectedException("the video's codec is not one Takedown decodes (H.264, H.265, VP8, VP9,"
                    + " AV1, MPEG-1/2/4, MJPEG, Theora, WMV, ProRes)");
        }
        codec = avcodec_alloc_context3(decoder);
        if (avcodec_parameters_to_context(codec, parameters) < 0) {
            throw new VideoRejectedException("the video's codec parameters are corrupt");
        }
        codec.thread_count(1); // one core per video; the decode slots bound how many run
        int opened = avcodec_open2(codec, decoder, (AVDictionary) null);
        if (opened < 0) {
            throw new VideoRejectedException("the video's decoder refused it: " + VideoHasher.reason(opened));
        }
    }

    /** Sends a packet (null: the end) and takes every frame the decoder has ready. */
    private void send(AVPacket data, Hashing hashing) {
        int sent = avcodec_send_packet(codec, data);
        if (sent < 0 && sent != AVERROR_EOF) {
            return; // a damaged packet: decoders skip to the next key frame, as players do
        }
        while (avcodec_receive_frame(codec, frame) >= 0) {
            if (source.late()) {
                throw late();
            }
            checkSize(frame.width(), frame.height());
            hashing.decoded(frame);
        }
    }

    private void checkSize(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw new VideoRejectedException("the video has no picture size");
        }
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new VideoRejectedException("the video is " + width + "x" + height + " pixels; sides longer than "
                    + limits.maxSide() + " are refused");
        }
        if (width * height > limits.maxPixels()) {
            throw new VideoRejectedException("the video's frames have " + width * height + " pixels, more than the "
                    + limits.maxPixels() + " accepted");
        }
    }

    private VideoRejectedException late() {
        return new VideoRejectedException(
                "the video took longer than " + limits.deadline().toSeconds() + " seconds to decode");
    }

    /** How long before a second to hash every frame is decoded again. */
    static final double NEAR = 0.3;

    /** Picks one frame a second by its timestamp, scales it to packed RGB and hashes it. */
    private final class Hashing {
        final boolean pdq;
        final boolean skip;
        final double timeBase;
        final long start;
        final double frameRate;
        final PdqHasher hasher = new PdqHasher();
        final List<Vpdq.Frame> frames = new ArrayList<>();
        long decoded;
        double next;
        double last;

        Hashing(boolean pdq, boolean skip, double timeBase, long start, double frameRate) {
            this.pdq = pdq;
            this.skip = skip;
            this.timeBase = timeBase;
            this.start = start;
            this.frameRate = frameRate;
        }

        void decoded(AVFrame picture) {
            long pts = picture.best_effort_timestamp();
            double seconds = pts == AV_NOPTS_VALUE ? decoded / frameRate : Math.max(0, (pts - start) * timeBase);
            decoded++;
            last = Math.max(last, seconds);
            if (seconds > limits.maxSeconds()) {
                throw new VideoRejectedException("the video lasts longer than " + Math.round(limits.maxSeconds())
                        + " seconds; longer videos are refused");
            }
            if (seconds + 1e-6 < next) {
                skipUnlessNear(seconds);
                return;
            }
            next = Math.floor(seconds + 1e-6) + 1;
            if (frames.size() == Vpdq.MAX_FRAMES) {
                throw new VideoRejectedException("the video has more than " + Vpdq.MAX_FRAMES + " seconds to hash");
            }
            int[] size = scaled(picture.width(), picture.height());
            int[] rgbPixels = toRgb(picture, size[0], size[1]);
            PdqHash hash = pdq
                    ? hasher.hash(rgbPixels, size[0], size[1])
                    : new PdqHash(org.takedown.pdq.Hash256.ofWords(0, 0, 0, 0), 0);
            // the frame's place in the video at its frame rate (frames skipped unseen are not counted by the decoder)
            long number = pts == AV_NOPTS_VALUE ? decoded - 1 : Math.round(seconds * frameRate);
            frames.add(new Vpdq.Frame(
                    (int) Math.min(Integer.MAX_VALUE, number), hash.quality(), hash.hash(), round(seconds)));
            skipUnlessNear(seconds);
        }

        /**
         * Lets the decoder skip the frames no other frame refers to while the next second to hash is more than
         * {@link #NEAR} away (they are never shown to the hasher), and decode every frame near it. The margin covers the
         * decoder's reordering delay, so the frame at the second itself is always decoded.
         */
        private void skipUnlessNear(double seconds) {
            int wanted = skip && seconds + NEAR < next ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
            if (codec.skip_frame() != wanted) {
                codec.skip_frame(wanted);
            }
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static int[] scaled(int width, int height) {
        long pixels = (long) width * height;
        if (pixels <= VideoHasher.HASH_PIXELS) {
            return new int[] {width, height};
        }
        double factor = Math.sqrt((double) VideoHasher.HASH_PIXELS / pixels);
        return new int[] {Math.max(1, (int) (width * factor)), Math.max(1, (int) (height * factor))};
    }

    /** The frame as packed RGB ({@code 0xAARRGGBB}) at {@code width x height}, in a buffer reused between frames. */
    private int[] toRgb(AVFrame picture, int width, int height) {
        if (rgb == null || rgb.width() != width || rgb.height() != height) {
            if (rgb != null) {
                av_frame_free(rgb);
            }
            rgb = av_frame_alloc();
            rgb.format(AV_PIX_FMT_BGRA);
            rgb.width(width);
            rgb.height(height);
            if (av_frame_get_buffer(rgb, 32) < 0) {
                throw new VideoRejectedException("no memory for a " + width + "x" + height + " frame");
            }
            pixels = new int[width * height];
        }
        scaler = sws_getCachedContext(
                scaler,
                picture.width(),
                picture.height(),
                picture.format(),
                width,
                height,
                AV_PIX_FMT_BGRA,
                SWS_AREA,
                (SwsFilter) null,
                (SwsFilter) null,
                (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            throw new VideoRejectedException("the video's pixel format cannot be converted");
        }
        sws_scale(scaler, picture.data(), picture.linesize(), 0, picture.height(), rgb.data(), rgb.linesize());
        int stride = rgb.linesize(0);
        IntBuffer ints = rgb.data(0)
                .capacity((long) stride * height)
                .asByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        for (int y = 0; y < height; y++) {
            ints.get(y * (stride / 4), pixels, y * width, width);
        }
        return pixels;
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (rgb != null) {
            av_frame_free(rgb);
        }
        if (frame != null) {
            av_frame_free(frame);
        }
        if (packet != null) {
            av_packet_free(packet);
        }
        if (codec != null) {
            avcodec_free_context(codec);
        }
        if (format != null) {
            avformat_close_input(format);
        }
        if (io != null) {
            org.bytedeco.ffmpeg.global.avutil.av_free(io.buffer());
            avio_context_free(io);
        }
    }
}
