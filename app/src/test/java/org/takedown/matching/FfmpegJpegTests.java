package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.pdq.PdqHash;
import org.takedown.pdq.PdqHasher;

/** FFmpeg's decoding of JPEGs for PDQ, and which JPEGs it leaves to ImageIO. */
class FfmpegJpegTests {

    static byte[] file(String path) throws IOException {
        return Files.readAllBytes(ImageHasherTests.PDQ.resolve(path));
    }

    /** Decodes as {@link ImageHasher} does: with the length its walk over the segments found. */
    static FfmpegJpeg.Picture decode(byte[] jpeg, int lowres) {
        return FfmpegJpeg.decode(jpeg, JpegSegments.of(jpeg).length(), lowres);
    }

    @Test
    void findsTheEndOfTheImageWhateverFollowsIt() throws IOException {
        byte[] jpeg = file("images/labelme-subset/q0291.jpg");
        assertThat(JpegSegments.of(jpeg).length()).isEqualTo(jpeg.length);
        byte[] trailed = Arrays.copyOf(jpeg, jpeg.length + 500);
        Arrays.fill(trailed, jpeg.length, trailed.length, (byte) 0xd9); // a trailer, even one full of markers
        assertThat(JpegSegments.of(trailed).length()).isEqualTo(jpeg.length);
        assertThat(JpegSegments.of(Arrays.copyOf(jpeg, jpeg.length - 2)).length())
                .isEqualTo(-1);
        assertThat(JpegSegments.of(Arrays.copyOf(jpeg, jpeg.length / 2)).length())
                .isEqualTo(-1);
        assertThat(JpegSegments.of(new byte[] {'G', 'I', 'F', '8', '9', 'a'}).length())
                .isEqualTo(-1);
    }

    @Test
    void anEndMarkerInsideASegmentIsNotTheEnd() throws IOException {
        byte[] jpeg = file("images/labelme-subset/q0291.jpg");
        // an APP1 segment (where EXIF keeps a thumbnail) holding a whole little JPEG, end marker included
        byte[] thumbnail = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9};
        byte[] withApp1 = new byte[jpeg.length + 4 + thumbnail.length];
        withApp1[0] = (byte) 0xff;
        withApp1[1] = (byte) 0xd8;
        withApp1[2] = (byte) 0xff;
        withApp1[3] = (byte) 0xe1;
        withApp1[4] = 0;
        withApp1[5] = (byte) (2 + thumbnail.length);
        System.arraycopy(thumbnail, 0, withApp1, 6, thumbnail.length);
        System.arraycopy(jpeg, 2, withApp1, 6 + thumbnail.length, jpeg.length - 2);
        assertThat(JpegSegments.of(withApp1).length()).isEqualTo(withApp1.length);
        assertThat(decode(withApp1, 0)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "images/labelme-subset/q0291.jpg",
                "images/labelme-subset/q0122.jpg",
                "images/labelme-subset/q0746.jpg",
                "images/dih/bridge-1-original.jpg"
            })
    void hashesWithinAFewBitsOfImageIo(String path) throws IOException {
        byte[] jpeg = file(path);
        FfmpegJpeg.Picture pixels = decode(jpeg, 0);
        assertThat(pixels).isNotNull();
        BufferedImage image = ImageIO.read(ImageHasherTests.PDQ.resolve(path).toFile());
        assertThat(pixels.width()).isEqualTo(image.getWidth());
        assertThat(pixels.height()).isEqualTo(image.getHeight());
        PdqHash ffmpeg = new PdqHasher()
                .hashDihedral(pixels.width(), pixels.height(), pixels)
                .get(org.takedown.pdq.Dihedral.ORIGINAL);
        PdqHash imageIo = new PdqHasher()
                .hash(
                        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()),
                        image.getWidth(),
                        image.getHeight());
        assertThat(ffmpeg.hash().distance(imageIo.hash())).isLessThanOrEqualTo(4);
        assertThat(ffmpeg.quality()).isEqualTo(imageIo.quality());
    }

    @Test
    void scalesDownInsideTheDecoder() throws IOException {
        byte[] jpeg = file("images/dih/bridge-1-original.jpg"); // 1600 x 1004
        FfmpegJpeg.Picture half = decode(jpeg, 1);
        assertThat(half).isNotNull();
        assertThat(half.width()).isEqualTo(800);
        assertThat(half.height()).isEqualTo(502);
        FfmpegJpeg.Picture eighth = decode(jpeg, 3);
        assertThat(eighth).isNotNull();
        assertThat(eighth.width()).isEqualTo(200);
        assertThat(eighth.height()).isEqualTo(126); // rounded up
        assertThat(FfmpegJpeg.scaleDown(1600, 1004, 4_000_000)).isZero();
        assertThat(FfmpegJpeg.scaleDown(4032, 3024, 4_000_000)).isEqualTo(1);
        assertThat(FfmpegJpeg.scaleDown(16_000, 12_000, 4_000_000)).isEqualTo(3);
        assertThat(FfmpegJpeg.scaleDown(30_000, 30_000, 4_000_000)).isEqualTo(3); // the most it can
    }

    @Test
    void leavesDamagedGreyAndCmykJpegsToImageIo() throws IOException {
        byte[] jpeg = file("images/dih/bridge-1-original.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2 + 2); // half the picture, then an end marker
        cut[cut.length - 2] = (byte) 0xff;
        cut[cut.length - 1] = (byte) 0xd9;
        assertThat(decode(cut, 0)).isNull();
        assertThat(decode(Arrays.copyOf(jpeg, jpeg.length / 2), 0)).isNull();
        BufferedImage grey = ImageHasherTests.picture(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(decode(ImageHasherTests.encode(grey, "jpeg"), 0)).isNull();
        assertThat(decode(ImageHasherTests.fixture("blobs-cmyk.jpg"), 0)).isNull();
    }

    @Test
    void aJpegWithBytesAfterItsEndHashesAsWithoutThem() throws IOException {
        byte[] jpeg = file("images/dih/bridge-1-original.jpg");
        byte[] trailed = Arrays.copyOf(jpeg, jpeg.length + 4096); // e.g. a phone's second picture, here zeros
        ImageHasher hasher = new ImageHasher(50_000_000);
        assertThat(hasher.hash(trailed).pdq()).isEqualTo(hasher.hash(jpeg).pdq());
    }
}
