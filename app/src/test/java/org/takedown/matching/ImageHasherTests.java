package org.takedown.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.takedown.pdq.Hash256;
import org.takedown.pdq.PdqHasher;

/** Decoding and hashing of image files as uploads and the CLI see them. */
class ImageHasherTests {

    static final Path PDQ =
            Path.of(System.getProperty("takedown.testdata", "../testdata")).resolve("conformance/pdq");

    final ImageHasher hasher = new ImageHasher(50_000_000);

    static Hash256 expected(String path) throws IOException {
        return Files.readAllLines(PDQ.resolve("expected-cpp.csv")).stream()
                .filter(line -> line.endsWith("," + path))
                .map(line -> Hash256.fromHex(line.substring(0, 64)))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "images/dih/bridge-1-original.jpg",
                "images/exif-rotn/exif-rotn-6.jpg",
                "images/labelme-subset/q0291.jpg",
                "images/pen-and-coaster.png"
            })
    void matchesTheReferenceIncludingSubsampledLargePhotos(String path) throws IOException {
        byte[] bytes = Files.readAllBytes(PDQ.resolve(path));
        ImageHashes hashes = hasher.hash(bytes);
        assertThat(hashes.pdq().quality()).isGreaterThanOrEqualTo(80);
        assertThat(hashes.pdq().hash().distance(expected(path))).isLessThanOrEqualTo(10);
        assertThat(hashes.sha256())
                .isEqualTo(ImageHasher.digest("SHA-256", bytes))
                .hasSize(64);
        assertThat(hashes.md5()).hasSize(32);
        assertThat(hashes.sha1()).hasSize(40);
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_4BYTE_ABGR_PRE,
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_BYTE_INDEXED
            })
    void hashesEveryLayoutAsFromGetRgb(int type) {
        BufferedImage image = new BufferedImage(97, 61, type);
        java.util.Random random = new java.util.Random(type);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        assertThat(ImageHasher.interleaved(image) != null)
                .as("read from the decoder's array")
                .isEqualTo(type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_4BYTE_ABGR);
        assertHashedAsFromGetRgb(image);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "images/dih/bridge-1-original.jpg",
                "images/labelme-subset/q0291.jpg",
                "images/pen-and-coaster.png"
            })
    void hashesDecodedFilesAsFromGetRgb(String path) throws IOException {
        BufferedImage image = ImageIO.read(PDQ.resolve(path).toFile());
        assertThat(ImageHasher.interleaved(image)).isNotNull();
        assertHashedAsFromGetRgb(image);
    }

    @Test
    void hashesAChildRasterThroughGetRgb() {
        BufferedImage part = picture(BufferedImage.TYPE_3BYTE_BGR).getSubimage(30, 20, 200, 150);
        assertThat(ImageHasher.interleaved(part)).isNull();
        assertHashedAsFromGetRgb(part);
    }

    private static void assertHashedAsFromGetRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        var expected = new PdqHasher().hashDihedral(image.getRGB(0, 0, width, height, null, 0, width), width, height);
        PdqHasher reused = new PdqHasher();
        reused.hash(new int[400 * 300], 400, 300); // buffers larger than the image, with other pixels in them
        assertThat(ImageHasher.hashDihedral(image, reused)).isEqualTo(expected);
    }

    static BufferedImage picture(int type) {
        BufferedImage image = new BufferedImage(320, 240, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 320, 240, Color.BLUE));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.WHITE);
        g.fillOval(60, 40, 120, 90);
        g.setColor(Color.BLACK);
        g.fillRect(200, 120, 80, 100);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out))
                .as("a writer for %s", format)
                .isTrue();
        return out.toByteArray();
    }

    @Test
    void readsPngVariantsGifBmpAndJpegAlike() throws IOException {
        Hash256 reference = hasher.hash(encode(picture(BufferedImage.TYPE_INT_RGB), "png"))
                .pdq()
                .hash();
        for (int type : new int[] {
            BufferedImage.TYPE_BYTE_INDEXED, // palette
            BufferedImage.TYPE_BYTE_GRAY,
            BufferedImage.TYPE_INT_ARGB, // alpha
            BufferedImage.TYPE_USHORT_GRAY // 16-bit
        }) {
            Hash256 hash = hasher.hash(encode(picture(type), "png")).pdq().hash();
            assertThat(hash.distance(reference))
                    .as("PNG of image type %d", type)
                    .isLessThanOrEqualTo(31);
        }
        assertThat(hasher.hash(encode(picture(BufferedImage.TYPE_BYTE_INDEXED), "gif"))
                        .pdq()
                        .hash()
                        .distance(reference))
                .isLessThanOrEqualTo(31);
        assertThat(hasher.hash(encode(picture(BufferedImage.TYPE_INT_RGB), "bmp"))
                        .pdq()
                        .hash()
                        .distance(reference))
                .isLessThanOrEqualTo(31);
        assertThat(hasher.hash(encode(picture(BufferedImage.TYPE_INT_RGB), "jpg"))
                        .pdq()
                        .hash()
                        .distance(reference))
                .isLessThanOrEqualTo(31);
    }

    @Test
    void readsWebpAndCmykJpeg() throws IOException {
        Hash256 png = hasher.hash(fixture("blobs.png")).pdq().hash();
        for (String name : new String[] {"blobs.webp", "blobs-lossy.webp", "blobs-cmyk.jpg"}) {
            ImageHashes hashes = hasher.hash(fixture(name));
            assertThat(hashes.width()).as(name).isEqualTo(256);
            assertThat(hashes.pdq().hash().distance(png)).as(name).isLessThanOrEqualTo(31);
        }
        assertThat(hasher.hash(fixture("blobs.webp")).pdq().hash()).isEqualTo(png); // lossless: same pixels
    }

    static byte[] fixture(String name) throws IOException {
        try (var in = ImageHasherTests.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void refusesEmptyFilesAndNonImages() {
        assertThatThrownBy(() -> hasher.hash(new byte[0])).hasMessage("the file is empty");
        assertThatThrownBy(() -> hasher.hash("just some text, not a picture".getBytes()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("not an image");
    }

    @Test
    void refusesTruncatedImages() throws IOException {
        byte[] jpeg = Files.readAllBytes(PDQ.resolve("images/labelme-subset/q0291.jpg"));
        assertThatThrownBy(() -> hasher.hash(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("truncated or corrupt");
        byte[] png = encode(picture(BufferedImage.TYPE_INT_RGB), "png");
        assertThatThrownBy(() -> hasher.hash(Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void refusesDecompressionBombsFromTheHeader() throws IOException {
        // a PNG header claiming 100 000 x 100 000 pixels, with no pixel data at all
        byte[] bomb = pngHeader(100_000, 100_000);
        assertThatThrownBy(() -> hasher.hash(bomb))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("100000x100000 pixels; sides longer than 30000 are refused");
        assertThatThrownBy(() -> hasher.hash(pngHeader(20_000, 20_000)))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("20000x20000 = 400000000 pixels, more than the 50000000 accepted");
        assertThatThrownBy(() -> new ImageHasher(1000).hash(encode(picture(BufferedImage.TYPE_INT_RGB), "png")))
                .hasMessageContaining("more than the 1000 accepted");
    }

    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(chunk);
        ihdr.writeBytes("IHDR");
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
        byte[] data = chunk.toByteArray();
        out.writeInt(13);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        out.writeInt((int) crc.getValue());
        return bytes.toByteArray();
    }
}
