package org.takedown.notices;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A URL in a queue, as handed over in a notice, referral or police export: no content, only what the hotline found.
 *
 * @param reason the analyst's reason, or null
 * @param country the hosting country, or null when unknown
 * @param company the hosting company (or AS organisation), or null
 * @param ips the addresses the host resolved to, comma-separated, or null
 */
public record RoutedUrl(
        long urlId,
        String url,
        String host,
        String assessment,
        @Nullable String reason,
        @Nullable Instant assessedAt,
        @Nullable String country,
        @Nullable String company,
        @Nullable String ips,
        Instant routedAt) {}
