package org.takedown.shared.security;

import org.springframework.security.core.Authentication;

/** The roles of people who sign in. */
public enum Role {
    /** Hotline analyst: assesses reports, follows notices. */
    ANALYST,
    /** Hotline or authority supervisor: confirms assessments (four eyes) and signs off decisions. */
    SUPERVISOR,
    /** Officer of the authority: runs enforcement cases. */
    OFFICER,
    /** Employee of one hosting company: sees and answers only that company's notices. */
    HOSTER,
    /** Administrator: users, API keys, audit log, simulation. */
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** True when the signed-in user has this role. */
    public boolean heldBy(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority()));
    }
}
