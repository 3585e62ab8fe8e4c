package org.takedown.shared.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.takedown.shared.errors.DatabaseAway;
import org.takedown.shared.errors.ProblemResponses;

/**
 * Authenticates API requests by {@code Authorization: Bearer <token>} and applies the key's rate limit. A request
 * without a token goes on unauthenticated (and is refused with 401 where a key is needed); an unknown or revoked
 * token is refused at once with 401; a key over its rate gets 429 with {@code Retry-After}.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final ApiRateLimiter limiter;
    private final ProblemResponses problems;

    ApiKeyFilter(ApiKeys keys, ApiRateLimiter limiter, ProblemResponses problems) {
        this.keys = keys;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key;
        try {
            key = keys.authenticate(header.substring(BEARER.length()).strip());
        } catch (RuntimeException e) {
            if (!DatabaseAway.is(e)) {
                throw e;
            }
            // the database is away: say so, rather than "unknown key" or an error page
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseAway.RETRY_AFTER_SECONDS);
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    DatabaseAway.detail("the API key cannot be checked"));
            return;
        }
        if (key.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "The API key is unknown or was revoked.");
            return;
        }
        long wait = limiter.tryConsume(key.get());
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            problems.write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "This API key may make " + key.get().ratePerMinute() + " requests per minute. Retry after " + wait
                            + " s.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(key.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
