package org.takedown.triage;

import org.takedown.intake.UrlId;

/**
 * A URL's assessment is final (confirmed by a supervisor where the source asks for four eyes). Routing, notices
 * and referrals start here.
 *
 * @param reason the analyst's reason (always given for NOT_ILLEGAL and NEEDS_POLICE), or null
 */
public record UrlAssessed(
        UrlId urlId,
        String normalized,
        String host,
        Assessment assessment,
        @org.jspecify.annotations.Nullable String reason) {}
