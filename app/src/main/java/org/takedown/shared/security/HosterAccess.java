package org.takedown.shared.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Binds HOSTER users and hoster API keys to their one hosting company: every page or API call that shows or changes
 * a company's data asks here first. Stateless and thread-safe.
 */
public final class HosterAccess {

    private HosterAccess() {}

    /** The hosting company the current user or API key acts for, or null when it acts for none. */
    public static @Nullable Long currentCompany() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return null;
        }
        if (authentication.getPrincipal() instanceof SignedInUser user) {
            return user.hostingCompanyId();
        }
        if (authentication instanceof ApiKeyAuthentication key) {
            return key.key().hostingCompanyId();
        }
        return null;
    }

    /** Refuses (403) unless the current user or API key acts for {@code hostingCompanyId}. */
    public static void requireCompany(long hostingCompanyId) {
        Long own = currentCompany();
        if (own == null || own != hostingCompanyId) {
            throw new AccessDeniedException("You may only see the data of your own hosting company.");
        }
    }
}
