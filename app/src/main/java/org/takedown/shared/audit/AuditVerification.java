package org.takedown.shared.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Outcome of recomputing the audit log's hash chain.
 *
 * @param entries how many entries were checked
 * @param lastHash hash of the last intact entry (64 zeros for an empty log)
 * @param firstBrokenId id of the first entry that does not match, or null when the chain is intact
 * @param problem what is wrong with that entry, or null
 */
public record AuditVerification(
        long entries,
        String lastHash,
        @Nullable Long firstBrokenId,
        @Nullable String problem) {

    /** True when every entry matches its hash and links to its predecessor. */
    @JsonProperty("intact")
    public boolean intact() {
        return firstBrokenId == null;
    }
}
