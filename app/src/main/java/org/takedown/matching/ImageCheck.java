package org.takedown.matching;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hashes computed from an uploaded image and what they matched. A PDQ hash of quality below 50 is reported but
 * never matched ({@code pdqReliable} false, and {@code pdqNote} says why in words).
 */
public record ImageCheck(
        String pdq,
        int quality,
        boolean pdqReliable,
        @Nullable String pdqNote,
        String md5,
        String sha1,
        String sha256,
        List<Match> matches) {}
