package org.takedown.shared.security;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.takedown.shared.audit.AuditLog;

/**
 * Form sign-in: checks the password, refuses attempts while an account or client address is throttled, and audits
 * every success, and every failure for an existing account. Failures no account answers for (unknown names,
 * attempts while throttled) are summed up per network and window ({@link SignInFailures}). Thread-safe.
 */
class ThrottledLoginProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final UserAccounts accounts;
    private final SignInFailures failures;

    ThrottledLoginProvider(
            DaoAuthenticationProvider passwords,
            LoginThrottle throttle,
            AuditLog audit,
            UserAccounts accounts,
            SignInFailures failures) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.accounts = accounts;
        this.failures = failures;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = attempt.getName().strip().toLowerCase(Locale.ROOT);
        if (account.length() > 100) {
            account = account.substring(0, 100);
        }
        String address =
                attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        long blocked = throttle.secondsBlocked(account, address);
        if (blocked > 0) {
            failures.count(address, account, true);
            throw new TooManyAttemptsException(blocked);
        }
        try {
            Authentication result = passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(account, attempt.getCredentials()));
            UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                    result.getPrincipal(), null, result.getAuthorities());
            signedIn.setDetails(attempt.getDetails());
            throttle.succeeded(account);
            audit.record("user:" + account, "login.succeeded", "user:" + account, Map.of("address", address));
            return signedIn;
        } catch (AuthenticationException e) {
            throttle.failed(account, address);
            if (accounts.find(account).isPresent()) {
                record("login.failed", account, address, e.getClass().getSimpleName());
            } else {
                failures.count(address, account, false);
            }
            throw e;
        }
    }

    private void record(String action, String account, String address, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("address", address);
        details.put("reason", reason);
        audit.record("anonymous", action, "user:" + account, details);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Sign-in refused because of repeated failures; says how long to wait. */
    static final class TooManyAttemptsException extends AuthenticationException {
        TooManyAttemptsException(long seconds) {
            super("Too many failed sign-ins. Try again in " + Math.max(1, (seconds + 59) / 60) + " minute(s).");
        }
    }
}
