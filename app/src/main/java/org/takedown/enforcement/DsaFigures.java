package org.takedown.enforcement;

import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A provider's own figures for its DSA transparency report (article 15(1) of Regulation (EU) 2022/2065) on the
 * notices it received from the hotline and the orders it received from the authority in a period: counts by type of
 * illegal content and the median time to action. Computed from the checks, for the provider to use; they are the
 * provider's figures, not the authority's.
 */
public record DsaFigures(
        long companyId, String provider, LocalDate from, LocalDate to, NoticeFigures notices, OrderFigures orders) {

    /**
     * Article 15(1)(b): notices received.
     *
     * @param byType notices' URLs by type of alleged illegal content
     * @param fromTrustedFlaggers the URLs notified by a trusted flagger (the hotline is one)
     * @param actioned the URLs removed or disabled
     * @param medianHoursToAction from the notice to the removal the checks found, over the URLs removed
     */
    public record NoticeFigures(
            long received,
            Map<String, Long> byType,
            long fromTrustedFlaggers,
            long actioned,
            @Nullable Double medianHoursToAction) {}

    /**
     * Article 15(1)(a): orders received from the authority.
     *
     * @param urls the URLs the orders named
     * @param givenEffect the URLs made inaccessible by the order's deadline
     * @param medianHoursToGiveEffect from delivery to removal, over the URLs removed by the deadline
     */
    public record OrderFigures(
            long received,
            Map<String, Long> byType,
            Map<String, Long> byMemberState,
            long urls,
            long givenEffect,
            @Nullable Double medianHoursToGiveEffect) {}
}
