package org.takedown.intake;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A reported URL as the triage workbench shows it; never any fetched content. */
public record QueuedUrl(
        long id,
        String normalized,
        String host,
        String hostUnicode,
        Instant firstReportedAt,
        int reportCount,
        List<String> sources,
        String triage,
        @Nullable String claimedBy,
        @Nullable String assessment,
        @Nullable String assessmentReason,
        @Nullable String siteType,
        @Nullable String assessedBy) {

    /** True when the host is an internationalised name (show both forms). */
    public boolean internationalised() {
        return !host.equals(hostUnicode);
    }
}
