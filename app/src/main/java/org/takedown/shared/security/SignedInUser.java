package org.takedown.shared.security;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The principal of a person signed in through the login form. Immutable but for erasing the password hash. */
public final class SignedInUser implements UserDetails, CredentialsContainer {

    private final String username;
    private @Nullable String passwordHash;
    private final Role role;
    private final @Nullable Long hostingCompanyId;
    private final boolean enabled;
    private final int sessionGeneration;

    SignedInUser(UserAccount account, String passwordHash) {
        this.username = account.username();
        this.passwordHash = passwordHash;
        this.role = account.role();
        this.hostingCompanyId = account.hostingCompanyId();
        this.enabled = account.enabled();
        this.sessionGeneration = account.sessionGeneration();
    }

    /** The account's session generation when this person signed in (see {@link SessionCheck}). */
    int sessionGeneration() {
        return sessionGeneration;
    }

    public Role role() {
        return role;
    }

    /** For a HOSTER, the hosting company they act for; otherwise null. */
    public @Nullable Long hostingCompanyId() {
        return hostingCompanyId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
