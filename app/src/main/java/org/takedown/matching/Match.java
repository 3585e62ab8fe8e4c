package org.takedown.matching;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A hash list entry that a checked hash matched.
 *
 * @param bank name of the hash list
 * @param entryId the entry's id
 * @param type the entry's hash type
 * @param distance Hamming distance for PDQ, the closest frame distance for vPDQ, 0 for exact hashes
 * @param label the entry's label, if it has one
 * @param queryMatchPercent for vPDQ only: the share of the checked video's frames that matched the listed video
 * @param comparedMatchPercent for vPDQ only: the share of the listed video's frames that the checked video matched
 */
public record Match(
        String bank,
        long entryId,
        String type,
        int distance,
        @Nullable String label,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double queryMatchPercent,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double comparedMatchPercent) {

    /** A match of a PDQ or exact hash. */
    public Match(String bank, long entryId, String type, int distance, @Nullable String label) {
        this(bank, entryId, type, distance, label, null, null);
    }
}
