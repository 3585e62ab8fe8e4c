package org.takedown.matching;

import java.time.Instant;

/**
 * A hash list: hashes of known material from one source.
 *
 * @param source where the hashes come from: police, Interpol, hotline-confirmed, ...
 * @param enabled only enabled lists are checked against
 * @param pdqThreshold largest PDQ distance counted as a match for this list (conventionally 31)
 * @param autoConfirm whether a reported URL whose content matches this list is assessed BASELINE without an analyst
 * @param shared whether other Takedown instances may pull it (with a key of scope exchange)
 * @param vpdqQueryPercent a video matches an entry when at least this share of its frames match the entry's frames
 * @param vpdqComparedPercent ... and at least this share of the entry's frames are matched (Meta's defaults: 80, 0)
 */
public record Bank(
        long id,
        String name,
        String source,
        String description,
        boolean enabled,
        int pdqThreshold,
        boolean autoConfirm,
        boolean shared,
        double vpdqQueryPercent,
        double vpdqComparedPercent,
        Instant createdAt,
        Instant updatedAt) {}
