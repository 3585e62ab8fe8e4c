package org.takedown.matching;

import org.jspecify.annotations.Nullable;

/**
 * A hash list entry that a checked hash matched.
 *
 * @param bank name of the hash list
 * @param entryId the entry's id
 * @param type the entry's hash type
 * @param distance Hamming distance for PDQ, 0 for exact hashes
 * @param label the entry's label, if it has one
 */
public record Match(
        String bank,
        long entryId,
        String type,
        int distance,
        @Nullable String label) {}
