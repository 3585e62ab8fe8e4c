package org.takedown.shared.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key of a machine client; the secret token itself is never stored.
 *
 * @param prefix the public part of the token ({@code tdk_PREFIX_secret}), safe to show and log
 * @param hostingCompanyId the hosting company the key acts for (hoster keys), or null
 * @param ratePerMinute requests per minute the key may make
 * @param reportSources for scope {@code report}, the sources (e.g. {@code police}) its reports may claim
 */
public record ApiKey(
        long id,
        String name,
        String prefix,
        Set<ApiScope> scopes,
        @Nullable Long hostingCompanyId,
        int ratePerMinute,
        Instant createdAt,
        String createdBy,
        @Nullable Instant revokedAt,
        @Nullable String revokedBy,
        @Nullable Instant lastUsedAt,
        List<String> reportSources) {

    public ApiKey {
        reportSources = List.copyOf(reportSources);
    }

    /** True until the key is revoked. */
    public boolean active() {
        return revokedAt == null;
    }
}
