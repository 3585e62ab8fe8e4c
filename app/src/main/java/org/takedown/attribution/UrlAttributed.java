package org.takedown.attribution;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.takedown.intake.UrlId;

/**
 * A reported URL was attributed: its host resolved and each IP was traced to a network and hosting company. The
 * URL's hosting is summed up by one company and country: the first address hosted in the Netherlands, else the first
 * address. Published on every check; {@code moved} says whether that summary differs from the check before (always
 * true for the first one). Routing starts, and starts again, here.
 *
 * @param hostingCompanyId the registered company, or null when none is registered for the addresses
 * @param hostingCompany its name, else the AS organisation, else null
 * @param hostedIn the country code, or null when unknown
 * @param ips every address the host resolved to
 */
public record UrlAttributed(
        UrlId urlId,
        String host,
        @Nullable CompanyId hostingCompanyId,
        @Nullable String hostingCompany,
        @Nullable String abuseContact,
        @Nullable String hostedIn,
        List<String> ips,
        boolean moved) {

    /** True when hosted in the Netherlands. */
    public boolean inNetherlands() {
        return "NL".equals(hostedIn);
    }
}
