package org.takedown.shared.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.takedown.shared.security.UserAccounts;

/**
 * Which language a page is shown in: the one chosen with {@code ?lang=} on any page (kept in a cookie, and for a
 * signed-in person on their account, so it follows them to other devices), else their account's, else the first
 * offered language the browser asks for ({@code Accept-Language}), else the default. Only the languages offered
 * ({@code takedown.ui.languages}) are ever chosen. Thread-safe.
 */
final class ViewerLanguage implements LocaleResolver {

    static final String COOKIE = "takedown-language";
    private static final String SESSION = ViewerLanguage.class.getName();

    private final List<String> offered;
    private final UserAccounts accounts;

    ViewerLanguage(List<String> offered, UserAccounts accounts) {
        this.offered = List.copyOf(offered);
        this.accounts = accounts;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String chosen = cookie(request);
        if (chosen == null) {
            chosen = accountLanguage(request);
        }
        if (chosen == null) {
            for (Locale wanted : Collections.list(request.getLocales())) {
                if (offered.contains(wanted.getLanguage())) {
                    chosen = wanted.getLanguage();
                    break;
                }
            }
        }
        return Locale.forLanguageTag(chosen != null ? chosen : offered.getFirst());
    }

    @Override
    public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
        if (locale == null || !offered.contains(locale.getLanguage())) {
            throw new IllegalArgumentException("offered languages are " + offered);
        }
        String language = locale.getLanguage();
        if (response != null) {
            Cookie cookie = new Cookie(COOKIE, language);
            cookie.setPath("/");
            cookie.setMaxAge(365 * 24 * 3600);
            cookie.setHttpOnly(true);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        request.setAttribute(COOKIE, language);
        String person = person();
        if (person != null) {
            accounts.setLanguage(person, language);
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(SESSION, language);
            }
        }
    }

    private @Nullable String cookie(HttpServletRequest request) {
        Object justChosen = request.getAttribute(COOKIE);
        if (justChosen instanceof String language) {
            return language;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (cookie.getName().equals(COOKIE) && offered.contains(cookie.getValue())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** The signed-in person's language, read once per session. */
    private @Nullable String accountLanguage(HttpServletRequest request) {
        String person = person();
        if (person == null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION) instanceof String known) {
            return offered.contains(known) ? known : null;
        }
        String language = accounts.language(person).filter(offered::contains).orElse("");
        if (session != null) {
            session.setAttribute(SESSION, language);
        }
        return language.isEmpty() ? null : language;
    }

    private static @Nullable String person() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return null;
        }
        // API keys act for a client, not a person; only form sign-ins have a language of their own
        return user.getPrincipal() instanceof org.springframework.security.core.userdetails.UserDetails
                ? user.getName()
                : null;
    }
}
