package org.takedown.enforcement;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A provider a decision can be addressed to: a company of the registry, with the kind of service it provides and its
 * address for service as the authority registered them (the registry's abuse address until it did), and its annual
 * turnover from the registry.
 *
 * @param registered whether the authority registered its kind and address for service
 */
public record Addressee(
        long companyId,
        String name,
        ServiceKind kind,
        String serviceAddress,
        String email,
        @Nullable BigDecimal turnover,
        boolean registered) {

    /** What a provider provides, in the law's terms. */
    public enum ServiceKind {
        /** A hosting service: stores the material. */
        HOSTING,
        /** A communication service: the platform on which the material is shared. */
        COMMUNICATION
    }
}
