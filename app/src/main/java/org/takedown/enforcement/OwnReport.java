package org.takedown.enforcement;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A URL the authority received or found itself, registered through the same intake: attributed and checked like any
 * other, never in the hotline's triage, and it can be named in an order without a hotline notice.
 *
 * @param companyId the provider the attribution found, null until it did
 */
public record OwnReport(
        long urlId,
        String url,
        Origin origin,
        @Nullable String reference,
        String registeredBy,
        Instant registeredAt,
        @Nullable Long companyId,
        @Nullable String company) {

    /** Where the authority got the URL from. */
    public enum Origin {
        POLICE,
        OTHER_AUTHORITY,
        OWN_SEARCH
    }
}
