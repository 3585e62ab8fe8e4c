package org.takedown.shared.web;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.shared.audit.AuditLog;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.security.ApiKeys;
import org.takedown.shared.security.ApiScope;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;

/**
 * Administration pages (ADMIN only): accounts, API keys and the audit log. A refused form is shown again with the
 * reason and what was typed; new passwords and tokens are shown once.
 */
@Controller
@RequestMapping("/admin")
class AdminController {

    private final UserAccounts users;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final Flash flash;

    AdminController(Flash flash, UserAccounts users, ApiKeys keys, AuditLog audit) {
        this.flash = flash;
        this.users = users;
        this.keys = keys;
        this.audit = audit;
    }

    @GetMapping
    String overview() {
        return "redirect:/admin/users";
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }

    @PostMapping("/users")
    String createUser(
            @RequestParam String username,
            @RequestParam Role role,
            @RequestParam(required = false) @Nullable Long hostingCompanyId,
            Model model,
            RedirectAttributes redirect) {
        try {
            UserAccounts.NewAccount created = users.create(username, role, hostingCompanyId, null);
            flash.notice(redirect, "flash.account.created", created.account().username(), created.password());
            return "redirect:/admin/users";
        } catch (InvalidRequestException e) {
            model.addAttribute("error", flash.why(e));
            model.addAttribute("form", new UserForm(username, role, hostingCompanyId));
            return users(model);
        }
    }

    @PostMapping("/users/{username}/enabled")
    String setEnabled(@PathVariable String username, @RequestParam boolean enabled, RedirectAttributes redirect) {
        users.setEnabled(username, enabled);
        flash.notice(redirect, enabled ? "flash.account.enabled" : "flash.account.disabled", username);
        return "redirect:/admin/users";
    }

    @PostMapping("/users/{username}/password")
    String resetPassword(@PathVariable String username, RedirectAttributes redirect) {
        String password = users.resetPassword(username, null);
        flash.notice(redirect, "flash.account.password", username, password);
        return "redirect:/admin/users";
    }

    @GetMapping("/apikeys")
    String apiKeys(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("scopes", ApiScope.values());
        return "admin/apikeys";
    }

    @PostMapping("/apikeys")
    String createApiKey(
            @RequestParam String name,
            @RequestParam(name = "scope", required = false) @Nullable List<String> scopes,
            @RequestParam(required = false) @Nullable Long hostingCompanyId,
            @RequestParam(required = false) @Nullable Integer ratePerMinute,
            @RequestParam(defaultValue = "") String reportSources,
            Model model,
            RedirectAttributes redirect) {
        List<String> chosen = scopes == null ? List.of() : scopes;
        List<String> sources = java.util.Arrays.stream(reportSources.split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .toList();
        try {
            List<ApiScope> parsed = new ArrayList<>();
            for (String scope : chosen) {
                parsed.add(ApiScope.parse(scope));
            }
            ApiKeys.IssuedApiKey issued = keys.create(name, parsed, hostingCompanyId, ratePerMinute, sources);
            flash.notice(redirect, "flash.key.created", issued.key().name());
            redirect.addFlashAttribute("token", issued.token());
            return "redirect:/admin/apikeys";
        } catch (IllegalArgumentException | InvalidRequestException e) {
            model.addAttribute("error", flash.why(e));
            model.addAttribute("form", new KeyForm(name, chosen, hostingCompanyId, ratePerMinute, reportSources));
            return apiKeys(model);
        }
    }

    @PostMapping("/apikeys/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        try {
            flash.notice(redirect, "flash.key.revoked", keys.revoke(id).name());
        } catch (InvalidRequestException | NotFoundException e) {
            flash.error(redirect, e);
        }
        return "redirect:/admin/apikeys";
    }

    @GetMapping("/audit")
    String audit(@RequestParam(defaultValue = "false") boolean verify, Model model) {
        model.addAttribute("entries", audit.latest(200));
        if (verify) {
            model.addAttribute("verification", audit.verify());
        }
        return "admin/audit";
    }

    /** What was typed into the account form, to show again after a refusal. */
    record UserForm(String username, Role role, @Nullable Long hostingCompanyId) {}

    /** What was typed into the API key form, to show again after a refusal. */
    record KeyForm(
            String name,
            List<String> scopes,
            @Nullable Long hostingCompanyId,
            @Nullable Integer ratePerMinute,
            String reportSources) {}
}
