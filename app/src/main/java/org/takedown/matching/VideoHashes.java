package org.takedown.matching;

import java.util.List;
import org.takedown.pdq.Vpdq;

/**
 * The hashes of one video: vPDQ (one PDQ hash a second) and the exact digests of the file's bytes, lower-case hex.
 *
 * @param frames the hashed frames, in order
 * @param seconds the time of the last frame decoded
 * @param decodedFrames how many frames were decoded in all
 */
public record VideoHashes(
        List<Vpdq.Frame> frames,
        String md5,
        String sha1,
        String sha256,
        int width,
        int height,
        double seconds,
        long decodedFrames) {

    /** The frames that take part in matching (see {@link Vpdq#usable}). */
    public List<Vpdq.Frame> usableFrames() {
        return Vpdq.usable(frames);
    }
}
