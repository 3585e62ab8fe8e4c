package org.takedown.attribution;

import org.jspecify.annotations.Nullable;

/**
 * Where one IP address of a URL is hosted: the network from the offline data, the hosting company from the registry
 * (matched by domain override, then IP range, then AS), and the country that decides NL or abroad.
 *
 * @param matchedBy how the company was found: {@code domain}, {@code range}, {@code asn}, or null when unknown
 * @param hostedIn the company's country, else the network's, else null
 */
public record Attribution(
        Network network,
        @Nullable Long hostingCompanyId,
        @Nullable String hostingCompany,
        @Nullable String abuseContact,
        @Nullable String matchedBy,
        @Nullable String hostedIn) {

    /** True when hosted in the Netherlands. */
    public boolean inNetherlands() {
        return "NL".equals(hostedIn);
    }
}
