package org.takedown.triage.web;

import java.util.List;
import java.util.Map;
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
import org.takedown.intake.Reports;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.Role;
import org.takedown.shared.text.Texts;
import org.takedown.shared.web.Flash;
import org.takedown.triage.Assessment;
import org.takedown.triage.SiteType;
import org.takedown.triage.Triage;
import org.takedown.triage.TriageState;

/**
 * The triage workbench (ANALYST, HOTLINE_SUPERVISOR): the queue with filters, a URL with its reports' notes and the
 * assessment form, bulk assessment of a selection, and the supervisors' confirmations under four eyes. No fetched
 * image is ever shown.
 */
@Controller
@RequestMapping("/intake")
class TriageController {

    static final int PAGE = 200;

    private final Triage triage;
    private final Reports reports;
    private final Flash flash;
    private final Texts texts;

    TriageController(Texts texts, Flash flash, Triage triage, Reports reports) {
        this.texts = texts;
        this.flash = flash;
        this.triage = triage;
        this.reports = reports;
    }

    @GetMapping
    String queue(
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable String domain,
            @RequestParam(required = false) @Nullable String hoster,
            @RequestParam(required = false) @Nullable String country,
            Model model,
            Authentication user) {
        model.addAttribute(
                "queue", triage.queue(TriageState.QUEUED, new Triage.Filter(source, domain, hoster, country), PAGE));
        model.addAttribute("hoster", hoster);
        model.addAttribute("country", country);
        model.addAttribute("awaiting", triage.queue(TriageState.AWAITING_CONFIRMATION, null, null, PAGE));
        model.addAttribute("sources", reports.sources());
        model.addAttribute("source", source);
        model.addAttribute("domain", domain);
        model.addAttribute("assessments", Assessment.values());
        model.addAttribute("siteTypes", SiteType.values());
        model.addAttribute("supervisor", isSupervisor(user));
        return "triage/queue";
    }

    @GetMapping("/urls/{id}")
    String url(@PathVariable long id, Model model) {
        model.addAttribute("url", triage.get(id));
        model.addAttribute("notes", triage.notes(id));
        model.addAttribute("assessments", Assessment.values());
        model.addAttribute("siteTypes", SiteType.values());
        return "triage/url";
    }

    @PostMapping("/urls/{id}/claim")
    String claim(@PathVariable long id, RedirectAttributes redirect) {
        try {
            triage.claim(id);
            flash.notice(redirect, "flash.triage.claimed", id);
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
        }
        return "redirect:/intake/urls/" + id;
    }

    @PostMapping("/urls/{id}/assessment")
    String assess(
            @PathVariable long id,
            @RequestParam Assessment assessment,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable SiteType siteType,
            RedirectAttributes redirect) {
        try {
            TriageState state = triage.assess(id, assessment, reason, siteType);
            flash.notice(
                    redirect,
                    state == TriageState.AWAITING_CONFIRMATION
                            ? "flash.triage.assessed.confirm"
                            : "flash.triage.assessed",
                    id,
                    assessment.name());
            return "redirect:/intake";
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
            return "redirect:/intake/urls/" + id;
        }
    }

    @PostMapping("/assessments")
    String assessSelection(
            @RequestParam(name = "url", required = false) @Nullable List<Long> urls,
            @RequestParam Assessment assessment,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable SiteType siteType,
            RedirectAttributes redirect) {
        if (urls == null || urls.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("flash.triage.select"));
            return "redirect:/intake";
        }
        Map<Long, String> results = triage.assessAll(urls, assessment, reason, siteType);
        long refused =
                results.values().stream().filter(r -> r.startsWith("refused")).count();
        flash.notice(redirect, "flash.triage.assessed.many", results.size() - refused, assessment.name());
        if (refused > 0) {
            redirect.addFlashAttribute(
                    "error",
                    texts.get("flash.triage.refused", refused)
                            + results.entrySet().stream()
                                    .filter(e -> e.getValue().startsWith("refused"))
                                    .map(e -> e.getKey() + " (" + e.getValue().substring("refused: ".length()) + ")")
                                    .toList());
        }
        return "redirect:/intake";
    }

    @PostMapping("/urls/{id}/confirmation")
    String confirm(@PathVariable long id, Authentication user, RedirectAttributes redirect) {
        if (!isSupervisor(user)) {
            throw new AccessDeniedException("Only supervisors confirm assessments.");
        }
        try {
            triage.confirm(id);
            flash.notice(redirect, "flash.triage.confirmed", id);
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
        }
        return "redirect:/intake";
    }

    private static boolean isSupervisor(Authentication user) {
        return Role.HOTLINE_SUPERVISOR.heldBy(user);
    }
}
