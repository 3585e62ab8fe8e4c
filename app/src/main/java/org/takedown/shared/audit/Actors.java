package org.takedown.shared.audit;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Names the actor of the current thread for the audit log: {@code user:NAME} for a signed-in user, the
 * authentication's name for API keys ({@code apikey:ID}) and command-line runs ({@code cli:NAME}), {@code anonymous}
 * for a visitor without login and {@code system} for background work. Stateless and thread-safe.
 */
public final class Actors {

    private Actors() {}

    /** The actor of the current thread; never null. */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return "system";
        }
        if (authentication instanceof AnonymousAuthenticationToken) {
            return "anonymous";
        }
        if (authentication.getPrincipal() instanceof UserDetails user) {
            return "user:" + user.getUsername();
        }
        return authentication.getName();
    }
}
