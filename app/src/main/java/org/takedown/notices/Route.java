package org.takedown.notices;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a URL is routed: a queue, and the country (referrals) or hosting company (notices) within it.
 *
 * @param country the hosting country, or null when unknown (police only)
 * @param companyId the registered hosting company, or null
 * @param company its name (or the AS organisation), or null
 */
public record Route(
        Queue queue,
        @Nullable String country,
        @Nullable Long companyId,
        @Nullable String company) {

    /**
     * Decides the route of a URL from its assessment and hosting; null when it goes nowhere (not assessed, not
     * illegal, or illegal but not attributed yet).
     */
    public static @Nullable Route of(
            @Nullable String assessment,
            @Nullable String hostedIn,
            @Nullable Long companyId,
            @Nullable String company) {
        if (assessment == null) {
            return null;
        }
        return switch (assessment) {
            case "NEEDS_POLICE" -> new Route(Queue.POLICE, hostedIn, companyId, company);
            case "BASELINE", "NATIONAL" -> {
                if (hostedIn == null) {
                    yield null;
                }
                yield "NL".equals(hostedIn)
                        ? new Route(Queue.NOTICE, hostedIn, companyId, company)
                        : new Route(Queue.REFERRAL, hostedIn, companyId, company);
            }
            default -> null;
        };
    }

    /** True when both send the URL to the same place (the company's name may have been edited meanwhile). */
    public boolean samePlace(Route other) {
        return queue == other.queue
                && Objects.equals(country, other.country)
                && Objects.equals(companyId, other.companyId)
                && (companyId != null || Objects.equals(company, other.company));
    }
}
