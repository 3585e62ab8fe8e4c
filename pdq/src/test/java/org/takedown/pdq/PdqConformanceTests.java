package org.takedown.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PDQ against Meta's C++ reference over {@code testdata/conformance/pdq}: within 10 bits for every image of quality
 * 80 or more, low quality where the reference says so, and dihedral variants computed from the DCT within 31 bits of
 * the hashes of the actually rotated files.
 */
class PdqConformanceTests {

    static final Path DIR = Path.of(System.getProperty("takedown.testdata", "../testdata"))
            .resolve("conformance/pdq")
            .normalize();

    static Map<String, Hash256> expected() throws IOException {
        Map<String, Hash256> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("expected-cpp.csv"))) {
            if (!line.isBlank()) {
                String[] fields = line.split(",", 2);
                expected.put(fields[1].strip(), Hash256.fromHex(fields[0].strip()));
            }
        }
        return expected;
    }

    static List<String> images() throws IOException {
        return List.copyOf(expected().keySet());
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static PdqHash hash(String path) throws IOException {
        BufferedImage image = ImageIO.read(DIR.resolve(path).toFile());
        return new PdqHasher().hash(pixels(image), image.getWidth(), image.getHeight());
    }

    @ParameterizedTest
    @MethodSource("images")
    void matchesTheReference(String path) throws IOException {
        PdqHash ours = hash(path);
        int distance = ours.hash().distance(expected().get(path));
        if (ours.quality() >= 80) {
            assertThat(distance)
                    .as("%s: distance to the C++ reference (quality %d)", path, ours.quality())
                    .isLessThanOrEqualTo(10);
        }
        System.out.printf("%-40s quality %3d distance %3d%n", path, ours.quality(), distance);
    }

    @Test
    void mostImagesAreOfHighQuality() throws IOException {
        long high = 0;
        for (String path : images()) {
            if (hash(path).quality() >= 80) {
                high++;
            }
        }
        assertThat(high)
                .as("images with quality >= 80, so the 10-bit rule is checked")
                .isGreaterThanOrEqualTo(15);
    }

    @Test
    void flatImagesHaveLowQuality() throws IOException {
        assertThat(hash("images/labelme-subset/q0003.jpg").quality()).isLessThan(50);
        assertThat(hash("images/labelme-subset/q0004.jpg").quality()).isLessThan(50);
        assertThat(hash("images/labelme-subset/q0003.jpg").reliable()).isFalse();
    }

    @Test
    void dihedralVariantsMatchTheRotatedFiles() throws IOException {
        BufferedImage original =
                ImageIO.read(DIR.resolve("images/dih/bridge-1-original.jpg").toFile());
        Map<Dihedral, PdqHash> variants =
                new PdqHasher().hashDihedral(pixels(original), original.getWidth(), original.getHeight());
        Map<Dihedral, String> files = Map.of(
                Dihedral.ORIGINAL, "bridge-1-original.jpg",
                Dihedral.ROTATE_90, "bridge-2-rotate-90.jpg",
                Dihedral.ROTATE_180, "bridge-3-rotate-180.jpg",
                Dihedral.ROTATE_270, "bridge-4-rotate-270.jpg",
                Dihedral.FLIP_X, "bridge-5-flipx.jpg",
                Dihedral.FLIP_Y, "bridge-6-flipy.jpg",
                Dihedral.FLIP_PLUS_1, "bridge-7-flip-plus-1.jpg",
                Dihedral.FLIP_MINUS_1, "bridge-8-flip-minus-1.jpg");
        for (Map.Entry<Dihedral, String> file : files.entrySet()) {
            Hash256 rotated = hash("images/dih/" + file.getValue()).hash();
            int distance = variants.get(file.getKey()).hash().distance(rotated);
            System.out.printf("%-14s vs %-28s distance %3d%n", file.getKey(), file.getValue(), distance);
            assertThat(distance)
                    .as("%s against %s", file.getKey(), file.getValue())
                    .isLessThanOrEqualTo(31);
            int estimated =
                    file.getKey().apply(variants.get(Dihedral.ORIGINAL).hash()).distance(rotated);
            System.out.printf("%-14s estimated from the hash: distance %3d%n", file.getKey(), estimated);
            assertThat(estimated)
                    .as("%s estimated from the hash", file.getKey())
                    .isLessThanOrEqualTo(31);
        }
    }
}
