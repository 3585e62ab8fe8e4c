package org.takedown.matching;

import java.util.List;

/**
 * The hashes computed from an uploaded video and what they matched. Frames of quality below 50 are reported but never
 * matched.
 *
 * @param vpdq the frames in HMA's form (a JSON array of {@code "pdq,quality,seconds"} strings)
 * @param frames frames hashed (one a second)
 * @param usableFrames frames that took part in matching (quality 50 or more, each distinct hash once)
 * @param seconds the length of the video
 */
public record VideoCheck(
        String vpdq,
        int frames,
        int usableFrames,
        double seconds,
        String md5,
        String sha1,
        String sha256,
        List<Match> matches) {}
