package org.takedown.shared.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API request authenticated by its key; its authorities are the key's scopes. Immutable. */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(key.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority(scope.authority()))
                .toList());
        this.key = key;
        setAuthenticated(true);
    }

    /** The key of the current API request, if it was made with one. */
    public static java.util.Optional<ApiKey> current() {
        return org.springframework.security.core.context.SecurityContextHolder.getContext()
                                .getAuthentication()
                        instanceof ApiKeyAuthentication authentication
                ? java.util.Optional.of(authentication.key)
                : java.util.Optional.empty();
    }

    /** The key the request was made with. */
    public ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return key;
    }

    /** {@code apikey:ID}, the actor name in the audit log. */
    @Override
    public String getName() {
        return "apikey:" + key.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKeyAuthentication other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
