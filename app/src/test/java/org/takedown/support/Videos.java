package org.takedown.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The benign test videos in {@code src/test/resources/video} (made by {@code make-videos.sh} there). */
public final class Videos {

    private Videos() {}

    /** The bytes of a test video. */
    public static byte[] bytes(String name) {
        try (InputStream in = Videos.class.getResourceAsStream("/video/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test video " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The vPDQ frames of a test video, hashed as Takedown hashes every video. */
    public static java.util.List<org.takedown.pdq.Vpdq.Frame> frames(String name) {
        return new org.takedown.matching.VideoHasher(org.takedown.matching.VideoHasher.Limits.DEFAULT)
                .hash(bytes(name))
                .frames();
    }

    /** The file of a test video. */
    public static Path path(String name) {
        try {
            return Path.of(Videos.class.getResource("/video/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
