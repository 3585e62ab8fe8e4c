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

    PagesController(
            java.util.List<Attention> attention,
            java.util.List<CompanyNames> companyNames,
            java.util.List<Trail> trails) {
        this.trails = trails;
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
            model.addAttribute("error", loginError(error));
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

    private static String loginError(Object error) {
        if (error instanceof BadCredentialsException || error == null) {
            return "Wrong username or password.";
        }
        if (error instanceof DisabledException) {
            return "This account is disabled. Ask an administrator.";
        }
        return error instanceof AuthenticationException e ? e.getMessage() : "Sign-in failed.";
    }
}
