package org.takedown.triage;

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
        TriageState triage,
        @Nullable String claimedBy,
        @Nullable Assessment assessment,
        @Nullable String assessmentReason,
        @Nullable SiteType siteType,
        @Nullable String assessedBy,
        Hosting hosting,
        Content content) {

    /**
     * Where the URL is hosted, as attribution last found it; all null until it has been attributed.
     *
     * @param ips the addresses, comma-separated
     * @param problem why the host could not be attributed yet (it is retried)
     */
    public record Hosting(
            @Nullable String company,
            @Nullable String country,
            @Nullable String ips,
            @Nullable String problem) {

        /** True when hosted in the Netherlands. */
        public boolean inNetherlands() {
            return "NL".equals(country);
        }
    }

    /**
     * What a first look at the URL's content found, without showing it: a text summary, hash-list matches and the
     * assessment they propose.
     *
     * @param problem why the content could not be looked at (offline, refused, too large, ...)
     * @param proposedAssessment {@code BASELINE} when the content matched an enabled hash list, else null
     * @param proposal which list and entry matched
     */
    public record Content(
            @Nullable String summary,
            @Nullable String problem,
            @Nullable String proposedAssessment,
            @Nullable String proposal) {}

    /** True when the host is an internationalised name (show both forms). */
    public boolean internationalised() {
        return !host.equals(hostUnicode);
    }
}
