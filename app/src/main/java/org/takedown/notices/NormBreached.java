package org.takedown.notices;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.takedown.attribution.CompanyId;
import org.takedown.intake.UrlId;

/**
 * URLs of a notice were still online when the removal norm (24 hours after the notice) had passed: one breach per
 * URL, each with what the checks had found. The authority's enforcement listens.
 */
public record NormBreached(
        NoticeId noticeId,
        @Nullable CompanyId companyId,
        String company,
        Instant sentAt,
        Instant breachedAt,
        List<Breach> urls) {

    /**
     * One URL still online at the norm.
     *
     * @param checks the checks of the URL since the notice
     * @param lastOnlineAt the last check that found it online (null when no check had reached it yet)
     * @param lastResult the result of the last check
     */
    public record Breach(
            UrlId urlId,
            String url,
            int checks,
            @Nullable Instant lastOnlineAt,
            @Nullable String lastResult) {}
}
