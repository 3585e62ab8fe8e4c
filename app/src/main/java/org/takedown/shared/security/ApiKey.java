package org.takedown.shared.security;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key of a machine client; the secret token itself is never stored.
 *
 * @param prefix the public part of the token ({@code tdk_PREFIX_secret}), safe to show and log
 * @param hostingCompanyId the hosting company the key acts for (hoster keys), or null
 * @param ratePerMinute requests per minute the key may make
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
        @Nullable Instant lastUsedAt) {

    /** True until the key is revoked. */
    public boolean active() {
        return revokedAt == null;
    }
}
