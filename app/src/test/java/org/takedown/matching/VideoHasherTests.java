package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.pdq.Vpdq;
import org.takedown.support.Videos;

/**
 * vPDQ of benign generated videos (see {@code video/make-videos.sh}): the same video re-encoded, trimmed or with frames
 * dropped matches the original with Meta's default thresholds, an unrelated one does not; and hostile files are refused
 * with a reason, within the limits.
 */
class VideoHasherTests {

    final VideoHasher hasher = new VideoHasher(VideoHasher.Limits.DEFAULT);

    @Test
    void hashesOneFrameASecondWithTheFilesDigests() {
        byte[] bytes = Videos.bytes("original.mp4");
        VideoHashes hashes = hasher.hash(bytes);
        assertThat(hashes.frames()).hasSize(10);
        assertThat(hashes.frames())
                .extracting(Vpdq.Frame::seconds)
                .containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(hashes.frames()).extracting(Vpdq.Frame::number).startsWith(0, 25, 50);
        assertThat(hashes.frames())
                .allSatisfy(frame -> assertThat(frame.quality()).isGreaterThanOrEqualTo(50));
        // frames no other frame refers to are skipped between the seconds hashed; all near them are decoded
        assertThat(hashes.decodedFrames()).isBetween(100L, 250L);
        assertThat(hashes.width()).isEqualTo(256);
        assertThat(hashes.sha256()).isEqualTo(ImageHasher.digest("SHA-256", bytes));
        // the same bytes always give the same hash
        assertThat(hasher.hash(bytes).frames()).isEqualTo(hashes.frames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reencoded.webm", "trimmed.mp4", "dropped.avi"})
    void theSameVideoChangedStillMatches(String variant) {
        var original = hasher.hash(Videos.bytes("original.mp4")).frames();
        var changed = hasher.hash(Videos.bytes(variant)).frames();
        Vpdq.Comparison comparison = Vpdq.compare(changed, original, 31);
        assertThat(comparison.matches(Vpdq.DEFAULT_QUERY_PERCENT, Vpdq.DEFAULT_COMPARED_PERCENT))
                .as("%s against the original: %s", variant, comparison)
                .isTrue();
    }

    @Test
    void anUnrelatedVideoDoesNotMatch() {
        var original = hasher.hash(Videos.bytes("original.mp4")).frames();
        var other = hasher.hash(Videos.bytes("unrelated.mp4")).frames();
        Vpdq.Comparison comparison = Vpdq.compare(other, original, 31);
        assertThat(comparison.queryPercent()).isLessThan(20);
        assertThat(comparison.matches(Vpdq.DEFAULT_QUERY_PERCENT, Vpdq.DEFAULT_COMPARED_PERCENT))
                .isFalse();
    }

    @Test
    void decodesRunConcurrentlyEachWithItsOwnBytes() throws Exception {
        java.util.List<String> names =
                java.util.List.of("original.mp4", "reencoded.webm", "trimmed.mp4", "dropped.avi");
        java.util.Map<String, java.util.List<Vpdq.Frame>> alone = new java.util.HashMap<>();
        for (String name : names) {
            alone.put(name, hasher.hash(Videos.bytes(name)).frames());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String name : names) {
                    same.add(pool.submit(
                            () -> hasher.hash(Videos.bytes(name)).frames().equals(alone.get(name))));
                }
            }
            for (var result : same) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHoursAreStreamedNotHeld() {
        VideoHashes hashes = hasher.hash(Videos.bytes("long.mp4"));
        assertThat(hashes.frames()).hasSize(7200);
        assertThat(hashes.seconds()).isEqualTo(7199.0);
        // a grey picture says nothing: every frame is below the quality that is matched
        assertThat(hashes.usableFrames()).isEmpty();
    }

    @Test
    void refusesVideosOverTheLimitsWithTheReason() {
        var small = new VideoHasher(new VideoHasher.Limits(200, 1_000_000, 3600, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> small.hash(Videos.bytes("original.mp4")))
                .isInstanceOf(VideoRejectedException.class)
                .hasMessageContaining("256x192")
                .hasMessageContaining("longer than 200");
        var few = new VideoHasher(new VideoHasher.Limits(4096, 40_000, 3600, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> few.hash(Videos.bytes("original.mp4"))).hasMessageContaining("49152 pixels");
        var brief = new VideoHasher(new VideoHasher.Limits(4096, 1_000_000, 3600, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> brief.hash(Videos.bytes("long.mp4"))).hasMessageContaining("longer than 3600 seconds");
        var hurried = new VideoHasher(new VideoHasher.Limits(4096, 1_000_000, 14_400, Duration.ofMillis(50)));
        assertThatThrownBy(() -> hurried.hash(Videos.bytes("long.mp4"))).hasMessageContaining("took longer than");
    }

    @Test
    void refusesBrokenAndForeignFilesWithAReason() {
        byte[] original = Videos.bytes("original.mp4");
        assertThatThrownBy(() -> hasher.hash(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> hasher.hash("hello".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a video");
        // an MP4 cut off after its first kilobytes: the index at the end is missing
        assertThatThrownBy(() -> hasher.hash(Arrays.copyOf(original, 4096))).isInstanceOf(VideoRejectedException.class);
        // a header that promises an MP4 and then noise
        byte[] noise = new byte[100_000];
        new java.util.Random(3).nextBytes(noise);
        System.arraycopy(original, 0, noise, 0, 32);
        assertThatThrownBy(() -> hasher.hash(noise)).isInstanceOf(VideoRejectedException.class);
    }

    @Test
    void aPlaylistNeverMakesItFetchAnything() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // an HLS playlist, then the same behind an MPEG-TS signature, pointing at an internal address
            String playlist =
                    "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n" + base + "/segment.ts\n#EXT-X-ENDLIST\n";
            assertThatThrownBy(() -> hasher.hash(playlist.getBytes(StandardCharsets.US_ASCII)))
                    .hasMessageContaining("not a video");
            byte[] disguised = new byte[1024];
            disguised[0] = 0x47;
            disguised[188] = 0x47;
            disguised[376] = 0x47;
            byte[] text = playlist.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, disguised, 1, text.length);
            assertThatThrownBy(() -> hasher.hash(disguised)).isInstanceOf(VideoRejectedException.class);
            // a QuickTime reference movie naming the URL (data reference): the demuxer must not follow it
            byte[] reference = referenceMovie(base + "/movie.mp4");
            assertThatThrownBy(() -> hasher.hash(reference)).isInstanceOf(VideoRejectedException.class);
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    /** An ISO file whose only content is a data reference (url box) to another address. */
    static byte[] referenceMovie(String url) {
        byte[] link = (url + "\0").getBytes(StandardCharsets.US_ASCII);
        var out = new java.io.ByteArrayOutputStream();
        var data = new java.io.DataOutputStream(out);
        try {
            data.writeInt(20);
            data.writeBytes("ftypqt  ");
            data.writeInt(0);
            data.writeBytes("qt  ");
            int urlBox = 12 + link.length;
            int dref = 16 + urlBox;
            int dinf = 8 + dref;
            int minf = 8 + dinf;
            int mdia = 8 + minf;
            int trak = 8 + mdia;
            data.writeInt(8 + trak);
            data.writeBytes("moov");
            data.writeInt(trak);
            data.writeBytes("trak");
            data.writeInt(mdia);
            data.writeBytes("mdia");
            data.writeInt(minf);
            data.writeBytes("minf");
            data.writeInt(dinf);
            data.writeBytes("dinf");
            data.writeInt(dref);
            data.writeBytes("dref");
            data.writeInt(0);
            data.writeInt(1);
            data.writeInt(urlBox);
            data.writeBytes("url ");
            data.writeInt(0);
            data.write(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
