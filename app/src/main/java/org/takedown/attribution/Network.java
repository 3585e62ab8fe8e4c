package org.takedown.attribution;

import org.jspecify.annotations.Nullable;

/**
 * What the offline data says of one IP address.
 *
 * @param range the announced range holding it, {@code first-last}, or null when no range is known
 * @param asn the autonomous system announcing it, or 0 when unknown
 * @param asnOrg the organisation of that AS, or null
 * @param country the ISO country code of the range, or null when unknown
 */
public record Network(
        String ip,
        @Nullable String range,
        long asn,
        @Nullable String asnOrg,
        @Nullable String country) {}
