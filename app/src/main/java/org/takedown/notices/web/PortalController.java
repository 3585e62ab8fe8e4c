package org.takedown.notices.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.notices.HosterView;
import org.takedown.notices.Notices;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.security.HosterAccess;
import org.takedown.shared.web.CompanyNames;
import org.takedown.shared.web.Flash;

/**
 * The hoster portal: a HOSTER sees the notices of their own hosting company (never another's), each URL with the
 * checks' status and history and the time left to the 24-hour norm, their figures, and answers per URL (removed,
 * dispute, not our customer) that go to the hotline for review.
 */
@Controller
class PortalController {

    private final HosterView view;
    private final List<CompanyNames> companyNames;
    private final Flash flash;

    PortalController(Flash flash, HosterView view, List<CompanyNames> companyNames) {
        this.flash = flash;
        this.companyNames = companyNames;
        this.view = view;
    }

    @GetMapping("/portal")
    String portal() {
        Long company = HosterAccess.currentCompany();
        if (company == null) {
            throw new AccessDeniedException("The portal is for accounts of a hosting company.");
        }
        return "redirect:/portal/companies/" + company;
    }

    @GetMapping("/portal/companies/{companyId}")
    String company(@PathVariable long companyId, Model model) {
        model.addAttribute("companyId", companyId);
        model.addAttribute("companyName", name(companyId));
        model.addAttribute("notices", view.notices(companyId, 100));
        model.addAttribute("figures", view.figures(companyId));
        model.addAttribute("responses", Notices.Response.values());
        return "portal";
    }

    @GetMapping("/portal/companies/{companyId}/notices/{noticeId}/urls/{urlId}")
    String checks(@PathVariable long companyId, @PathVariable long noticeId, @PathVariable long urlId, Model model) {
        model.addAttribute("companyId", companyId);
        model.addAttribute("companyName", name(companyId));
        model.addAttribute("noticeId", noticeId);
        model.addAttribute("urlId", urlId);
        model.addAttribute("checks", view.checks(companyId, noticeId, urlId));
        return "portal-checks";
    }

    @PostMapping("/portal/companies/{companyId}/notices/{noticeId}/urls/{urlId}/response")
    String respond(
            @PathVariable long companyId,
            @PathVariable long noticeId,
            @PathVariable long urlId,
            @RequestParam Notices.Response kind,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        try {
            view.respond(companyId, noticeId, urlId, kind, reason);
            flash.notice(redirect, "flash.portal.answered", urlId);
        } catch (InvalidRequestException | NotFoundException e) {
            flash.error(redirect, e);
        }
        return "redirect:/portal/companies/" + companyId;
    }

    /** The company's registered name (a HOSTER's own company; access is checked by the view). */
    private String name(long companyId) {
        HosterAccess.requireCompany(companyId);
        return CompanyNames.shown(companyNames, companyId);
    }
}
