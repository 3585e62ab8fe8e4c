package org.takedown.shared.web;

import java.util.Optional;

/**
 * A hosting company's name by its id, for the pages of the shared shell (the dashboard), which may not ask the
 * attribution module itself: attribution keeps the registry and provides this.
 */
public interface CompanyNames {

    /** The registered name of the company, or empty when no company has this id. */
    Optional<String> name(long companyId);

    /** The name to show: the registered one, or the id said in words. */
    static String shown(java.util.List<CompanyNames> names, long companyId) {
        return names.stream()
                .map(n -> n.name(companyId))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse("hosting company " + companyId + " (not in the registry)");
    }
}
