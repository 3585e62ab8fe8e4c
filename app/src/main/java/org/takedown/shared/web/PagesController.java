package org.takedown.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.takedown.shared.security.SignedInUser;

/** The home page, the login page and each role's dashboard. */
@Controller
class PagesController {

    private final java.util.List<Attention> attention;
    private final java.util.List<CompanyNames> companyNames;
    private final java.util.List<Trail> trails;
    private final org.springframework.context.MessageSource messages;

    PagesController(
            java.util.List<Attention> attention,
            java.util.List<CompanyNames> companyNames,
            java.util.List<Trail> trails,
            org.springframework.context.MessageSource messages) {
        this.trails = trails;
        this.messages = messages;
        this.companyNames = companyNames;
        this.attention = attention;
    }

    @GetMapping("/")
    String home(Model model) {
        trails.stream()
                .map(Trail::follow)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .ifPresent(followed -> model.addAttribute("trail", followed));
        return "home";
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        if (request.getParameter("error") != null && session != null) {
            Object error = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute(
                    "error", loginError(error, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "login";
    }

    @GetMapping("/dashboard")
    String dashboard(Authentication authentication, Model model) {
        if (authentication.getPrincipal() instanceof SignedInUser user) {
            model.addAttribute("user", user);
            model.addAttribute("role", user.role().name());
            if (user.hostingCompanyId() != null) {
                model.addAttribute("companyName", CompanyNames.shown(companyNames, user.hostingCompanyId()));
            }
            model.addAttribute(
                    "attention",
                    attention.stream()
                            .flatMap(a -> a.itemsFor(user).stream())
                            .filter(item -> item.count() > 0)
                            .toList());
        }
        return "dashboard";
    }

    private String loginError(Object error, java.util.Locale locale) {
        if (error instanceof BadCredentialsException || error == null) {
            return messages.getMessage("login.error.wrong", null, locale);
        }
        if (error instanceof DisabledException) {
            return messages.getMessage("login.error.disabled", null, locale);
        }
        return error instanceof AuthenticationException e
                ? e.getMessage()
                : messages.getMessage("login.error.failed", null, locale);
    }
}
