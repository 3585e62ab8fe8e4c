package org.takedown.attribution.web;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.attribution.OfflineData;
import org.takedown.attribution.asn.AsnDatabase;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.Role;
import org.takedown.shared.text.Text;
import org.takedown.shared.web.Flash;

/**
 * The hosting company registry: everyone in the area sees it and can check where an address is hosted; supervisors
 * register companies, their ASNs, IP ranges and domain overrides.
 */
@Controller
@RequestMapping("/attribution")
class CompaniesController {

    private final HostingCompanies companies;
    private final Flash flash;

    CompaniesController(Flash flash, HostingCompanies companies) {
        this.flash = flash;
        this.companies = companies;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) @Nullable String host,
            @RequestParam(required = false) @Nullable String ip,
            Model model,
            Authentication user) {
        model.addAttribute("companies", companies.list());
        model.addAttribute("channels", HostingCompanies.CHANNELS);
        model.addAttribute("supervisor", supervisor(user));
        model.addAttribute("dataAttribution", OfflineData.ATTRIBUTION);
        if (ip != null && !ip.isBlank()) {
            model.addAttribute("host", host);
            model.addAttribute("ip", ip);
            try {
                model.addAttribute(
                        "attribution",
                        companies.attribute(
                                host == null || host.isBlank()
                                        ? ip.strip()
                                        : host.strip().toLowerCase(java.util.Locale.ROOT),
                                AsnDatabase.address(ip)));
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", flash.why(e));
            }
        }
        return "attribution/companies";
    }

    @PostMapping("/companies")
    String create(
            @RequestParam String name,
            @RequestParam String country,
            @RequestParam String abuseEmail,
            @RequestParam String noticeChannel,
            @RequestParam(defaultValue = "false") boolean ntdSignatory,
            @RequestParam(required = false) @Nullable BigDecimal annualTurnoverEur,
            Model model,
            Authentication user,
            RedirectAttributes redirect) {
        requireSupervisor(user);
        try {
            HostingCompany company =
                    companies.create(name, country, abuseEmail, noticeChannel, ntdSignatory, annualTurnoverEur);
            flash.notice(redirect, "flash.company.registered", company.name());
            return "redirect:/attribution/companies/" + company.id();
        } catch (InvalidRequestException e) {
            model.addAttribute("error", flash.why(e));
            model.addAttribute("form", new CompanyForm(name, country, abuseEmail, noticeChannel, ntdSignatory));
            return list(null, null, model, user);
        }
    }

    @GetMapping("/companies/{id}")
    String company(@PathVariable long id, Model model, Authentication user) {
        model.addAttribute("company", companies.get(id));
        model.addAttribute("supervisor", supervisor(user));
        if (supervisor(user)) {
            companies.webhook(id).ifPresent(hook -> model.addAttribute("webhookSecret", hook.secret()));
        }
        return "attribution/company";
    }

    @PostMapping("/companies/{id}/webhook")
    String setWebhook(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String url,
            Authentication user,
            RedirectAttributes redirect) {
        requireSupervisor(user);
        return change(
                id,
                redirect,
                () -> companies.setWebhook(id, url).webhookUrl() == null
                        ? Text.of("flash.webhook.removed")
                        : Text.of("flash.webhook.set"));
    }

    @PostMapping("/companies/{id}/webhook/key")
    String rotateWebhookKey(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        requireSupervisor(user);
        return change(id, redirect, () -> {
            companies.rotateWebhookSecret(id);
            return Text.of("flash.webhook.key");
        });
    }

    @PostMapping("/companies/{id}/asns")
    String addAsn(@PathVariable long id, @RequestParam String asn, Authentication user, RedirectAttributes redirect) {
        requireSupervisor(user);
        return change(id, redirect, () -> {
            long number;
            try {
                number = Long.parseLong(asn.strip().replaceFirst("(?i)^AS", ""));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("'" + asn + "' is not an AS number");
            }
            companies.addAsn(id, number);
            return Text.of("flash.asn.added", number);
        });
    }

    @PostMapping("/companies/{id}/ranges")
    String addRange(
            @PathVariable long id,
            @RequestParam String first,
            @RequestParam String last,
            @RequestParam(required = false) @Nullable String note,
            Authentication user,
            RedirectAttributes redirect) {
        requireSupervisor(user);
        return change(id, redirect, () -> {
            companies.addRange(id, first, last, note);
            return Text.of("flash.range.added", first.strip(), last.strip());
        });
    }

    @PostMapping("/companies/{id}/domains")
    String addDomain(
            @PathVariable long id,
            @RequestParam String domain,
            @RequestParam(required = false) @Nullable String note,
            Authentication user,
            RedirectAttributes redirect) {
        requireSupervisor(user);
        return change(id, redirect, () -> {
            companies.addDomainOverride(id, domain, note);
            return Text.of("flash.domain.added", domain.strip());
        });
    }

    private String change(long id, RedirectAttributes redirect, java.util.function.Supplier<Text> action) {
        return flash.act(redirect, "/attribution/companies/" + id, action);
    }

    private static boolean supervisor(Authentication user) {
        return Role.HOTLINE_SUPERVISOR.heldBy(user);
    }

    private static void requireSupervisor(Authentication user) {
        if (!supervisor(user)) {
            throw new AccessDeniedException("Only supervisors change the registry.");
        }
    }

    /** What was typed into the registration form. */
    record CompanyForm(String name, String country, String abuseEmail, String noticeChannel, boolean ntdSignatory) {}
}
