package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.takedown.shared.errors.TooBusyException;
import org.takedown.support.HostileWeb;

/**
 * Decompression bombs and files that only pretend to be images: each is refused from its header, before a pixel is
 * decoded, with a reason; and uploads waiting for a decode slot are bounded.
 */
class ImageBombTests {

    final ImageHasher hasher = new ImageHasher(50_000_000, 30_000);

    @Test
    void aPngOf33MillionByOnePixelsIsRefusedByItsWidth() {
        byte[] bomb = HostileWeb.png(33_000_000, 1);
        assertThat(bomb.length).as("a small file").isLessThan(300_000);
        assertThatThrownBy(() -> hasher.hash(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("33000000x1")
                .hasMessageContaining("longer than 30000");
    }

    @Test
    void aPngOverThePixelLimitIsRefused() {
        assertThatThrownBy(() -> hasher.pdq(HostileWeb.png(16_000, 4_000)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("64000000 pixels");
    }

    @Test
    void aWebpHeaderClaimingAHugePictureIsRefused() {
        assertThatThrownBy(() -> hasher.hash(HostileWeb.webpHeader(16_383, 16_383)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("pixels");
    }

    @Test
    void aProgressiveJpegOfHundredsOfEmptyScansIsRefusedBeforeDecoding() {
        byte[] bomb = HostileWeb.jpegScanBomb(1_000, 500);
        int scans = JpegSegments.of(HostileWeb.jpegScanBomb(1_000, 0)).scans();
        assertThat(JpegSegments.of(bomb).scans()).isEqualTo(scans + 500);
        assertThatThrownBy(() -> hasher.hash(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessage("the JPEG has " + (scans + 500) + " scans, more than the 100 accepted"
                        + " (an image needs about ten)");
    }

    @Test
    void strayBytesBeforeTheScansDoNotHideThem() {
        byte[] plain = HostileWeb.jpegScanBomb(1_000, 0);
        byte[] bomb = HostileWeb.jpegScanBomb(1_000, 500);
        // one byte between the Huffman table the bomb adds and its first scan: decoders skip it and go on
        int afterTable = plain.length - 2; // all but the end-of-image marker of the file without extra scans
        byte[] stray = new byte[bomb.length + 1];
        System.arraycopy(bomb, 0, stray, 0, afterTable);
        System.arraycopy(bomb, afterTable, stray, afterTable + 1, bomb.length - afterTable);
        assertThat(JpegSegments.of(stray))
                .isEqualTo(new JpegSegments(-1, JpegSegments.of(bomb).scans()));
        assertThatThrownBy(() -> hasher.hash(stray))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("scans, more than the 100 accepted");
    }

    @Test
    void aProgressiveJpegWithinTheScanLimitHashesAsWithoutItsEmptyScans() {
        byte[] plain = HostileWeb.jpegScanBomb(1_000, 0);
        int scans = JpegSegments.of(plain).scans();
        assertThat(scans).as("a progressive file").isBetween(2, 20);
        byte[] atTheLimit = HostileWeb.jpegScanBomb(1_000, ImageHasher.MAX_JPEG_SCANS - scans);
        assertThat(hasher.hash(atTheLimit).pdq()).isEqualTo(hasher.hash(plain).pdq());
        assertThatThrownBy(() -> hasher.hash(HostileWeb.jpegScanBomb(1_000, ImageHasher.MAX_JPEG_SCANS - scans + 1)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("101 scans");
    }

    @Test
    void formatsOutsideTheListAreNotImagesWhateverDecodersExist() {
        byte[] tiff = {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> hasher.hash(tiff))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("not an image");
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes();
        assertThat(ImageHasher.looksLikeImage(svg)).isFalse();
        assertThat(ImageHasher.looksLikeImage(HostileWeb.png(2, 2))).isTrue();
    }

    @Test
    void theMemoryOfOneDecodeIsBoundedAndStated() {
        // 8 MP decoded twice at 4 bytes, two 16-bit RGBA rows, progressive JPEG coefficients of 50 MP
        assertThat(hasher.memoryBound()).isLessThan(400L * 1024 * 1024);
    }

    @Test
    void uploadsBeyondTheQueueAreAnswered429() throws Exception {
        Images images = new Images(
                new MatchingProperties(
                        50_000_000,
                        30_000,
                        1,
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        null,
                        new MatchingProperties.Video(4096, 8_294_400, Duration.ofHours(4), Duration.ofMinutes(1)),
                        null,
                        null,
                        null),
                new SimpleMeterRegistry());
        byte[] png = HostileWeb.png(64, 64);
        images.slots().acquire(); // the only decode slot is busy
        CompletableFuture<ImageHashes> waiting = CompletableFuture.supplyAsync(() -> images.hashUpload(png));
        await().atMost(Duration.ofSeconds(10)).until(() -> images.slots().getQueueLength() == 1);
        assertThatThrownBy(() -> images.hashUpload(png))
                .isInstanceOf(TooBusyException.class)
                .hasMessageContaining("retry");
        images.slots().release();
        assertThat(waiting.get().width()).isEqualTo(64);
        assertThat(images.hashUpload(png).height())
                .as("the queue is free again")
                .isEqualTo(64);
    }
}
