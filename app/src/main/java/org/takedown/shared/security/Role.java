package org.takedown.shared.security;

import org.springframework.security.core.Authentication;

/**
 * The roles of people who sign in, each of one organisation: the hotline (a private foundation that assesses reports
 * and sends notices), the authority (a government body that enforces), a provider of hosting or communication
 * services, or the operator of this installation. No role spans two organisations: a hotline supervisor never signs
 * an authority decision, an authority officer never assesses a report.
 */
public enum Role {
    /** Hotline analyst: assesses reports, follows notices. */
    ANALYST(Organisation.HOTLINE),
    /** Hotline supervisor: confirms assessments (four eyes), curates hash lists, edits the company registry. */
    HOTLINE_SUPERVISOR(Organisation.HOTLINE),
    /** Officer of the authority: watch list, cases, drafts of decisions. */
    OFFICER(Organisation.AUTHORITY),
    /** Of the authority: signs decisions and confirms changes of signed ones (four eyes, never their own drafts). */
    AUTHORITY_SIGNATORY(Organisation.AUTHORITY),
    /** Employee of one provider of hosting or communication services: sees and answers only its notices. */
    HOSTER(Organisation.PROVIDER),
    /** Administrator: users, API keys, audit log, simulation. */
    ADMIN(Organisation.OPERATOR);

    /** Who a role works for. */
    public enum Organisation {
        HOTLINE,
        AUTHORITY,
        PROVIDER,
        OPERATOR
    }

    private final Organisation organisation;

    Role(Organisation organisation) {
        this.organisation = organisation;
    }

    public Organisation organisation() {
        return organisation;
    }

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** True when the signed-in user has this role. */
    public boolean heldBy(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority()));
    }
}
