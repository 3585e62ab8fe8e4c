package org.takedown.matching;

import java.util.List;

/**
 * The hashes computed from an uploaded image and what they matched. A PDQ hash of quality below 50 is reported but
 * never matched ({@code pdqReliable} false).
 */
public record ImageCheck(
        String pdq, int quality, boolean pdqReliable, String md5, String sha1, String sha256, List<Match> matches) {}
