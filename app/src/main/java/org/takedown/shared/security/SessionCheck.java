package org.takedown.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.takedown.shared.audit.AuditLog;

/**
 * Ends a signed-in session as soon as its account may no longer use it: the account was disabled, removed, given a
 * new password or another role or company. Sessions live in each instance's memory, so every instance compares each
 * request's principal with the account's row (cached for {@link #RECHECK}); a session that no longer matches is
 * invalidated, audited and continues as anonymous (which sends it to the login page).
 */
final class SessionCheck extends OncePerRequestFilter {

    /** Longest time a change of an account takes to end its sessions on an instance. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    private final UserAccounts accounts;
    private final AuditLog audit;
    private final Cache<String, Optional<UserAccount>> recent =
            Caffeine.newBuilder().expireAfterWrite(RECHECK).maximumSize(10_000).build();

    SessionCheck(UserAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            Optional<UserAccount> account = recent.get(user.getUsername(), accounts::find);
            if (!stillValid(user, account)) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                audit.record(
                        "user:" + user.getUsername(),
                        "session.ended",
                        "user:" + user.getUsername(),
                        Map.of(
                                "reason",
                                account.map(a -> a.enabled() ? "account changed" : "account disabled")
                                        .orElse("account removed")));
            }
        }
        chain.doFilter(request, response);
    }

    static boolean stillValid(SignedInUser user, Optional<UserAccount> account) {
        return account.filter(a -> a.enabled()
                        && a.sessionGeneration() == user.sessionGeneration()
                        && a.role() == user.role()
                        && java.util.Objects.equals(a.hostingCompanyId(), user.hostingCompanyId()))
                .isPresent();
    }
}
