package org.takedown.enforcement;

import java.time.Duration;
import java.util.List;
import org.takedown.shared.text.Text;

/**
 * One provider on the authority's watch list: how it treated the URLs notified to it over the rolling window, and
 * the reasons it is flagged for structural non-compliance (none when it is not).
 *
 * @param judged URLs whose norm has passed or that were removed already: the share is of these
 * @param withinNorm URLs removed within the norm (24 hours) after their notice
 * @param breaches URLs still online when the norm had passed, as recorded with their checks
 * @param longestOnline the longest one URL stayed online after its notice (until now when it still is)
 * @param monthsInARow the longest run of consecutive calendar months with breaches, ending in the window
 */
public record ProviderStanding(
        long companyId,
        String company,
        long urls,
        long judged,
        long withinNorm,
        long stillOnline,
        long breaches,
        Duration longestOnline,
        int monthsInARow,
        List<Text> flags) {

    /** The share of its judged URLs removed within the norm, 0 to 1 (1 while none is judged). */
    public double withinNormShare() {
        return judged == 0 ? 1 : (double) withinNorm / judged;
    }

    /** The same standing with these flags. */
    public ProviderStanding withFlags(List<Text> reasons) {
        return new ProviderStanding(
                companyId,
                company,
                urls,
                judged,
                withinNorm,
                stillOnline,
                breaches,
                longestOnline,
                monthsInARow,
                List.copyOf(reasons));
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }
}
