package org.takedown.enforcement.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.attribution.HostingCompanies;
import org.takedown.enforcement.Addressee;
import org.takedown.enforcement.Enforcement;
import org.takedown.enforcement.EnforcementProperties;
import org.takedown.enforcement.ProviderStanding;
import org.takedown.notices.Notices;
import org.takedown.shared.errors.Choices;
import org.takedown.shared.text.Text;
import org.takedown.shared.web.Flash;

/**
 * The authority's watch list (every notified provider's standing over the rolling window, sortable, with the reasons
 * of each flag), the authority's own reports, and its view of one provider: what it needs of the hotline's work to enforce — the notified URLs,
 * notices with the provider's answers and removal times, and the breaches with their checks.
 */
@Controller
@RequestMapping("/enforcement")
class WatchListController {

    private static final Map<String, Comparator<ProviderStanding>> SORTS = Map.of(
            "company", Comparator.comparing(ProviderStanding::company, String.CASE_INSENSITIVE_ORDER),
            "urls", Comparator.comparingLong(ProviderStanding::urls),
            "share", Comparator.comparingDouble(ProviderStanding::withinNormShare),
            "breaches", Comparator.comparingLong(ProviderStanding::breaches),
            "longest", Comparator.comparing(ProviderStanding::longestOnline),
            "months", Comparator.comparingInt(ProviderStanding::monthsInARow),
            "flags", Comparator.comparingInt(s -> s.flags().size()));

    private final Enforcement enforcement;
    private final Flash flash;
    private final EnforcementProperties properties;
    private final HostingCompanies companies;
    private final Notices notices;
    private final org.takedown.probing.Probes probes;

    WatchListController(
            Enforcement enforcement,
            Flash flash,
            EnforcementProperties properties,
            HostingCompanies companies,
            Notices notices,
            org.takedown.probing.Probes probes) {
        this.probes = probes;
        this.enforcement = enforcement;
        this.flash = flash;
        this.properties = properties;
        this.companies = companies;
        this.notices = notices;
    }

    @GetMapping("/watch")
    String watch(
            @RequestParam(defaultValue = "flags") String sort,
            @RequestParam(defaultValue = "desc") String dir,
            Model model) {
        Comparator<ProviderStanding> order = SORTS.getOrDefault(sort, SORTS.get("flags"));
        boolean descending = !"asc".equals(dir);
        List<ProviderStanding> standings = enforcement.watchList().stream()
                .sorted(descending ? order.reversed() : order)
                .toList();
        model.addAttribute("standings", standings);
        model.addAttribute("sort", SORTS.containsKey(sort) ? sort : "flags");
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("watch", properties.watch());
        return "enforcement/watch";
    }

    @GetMapping("/providers/{companyId}")
    String provider(@PathVariable long companyId, Model model) {
        model.addAttribute("company", companies.get(companyId));
        model.addAttribute(
                "standing",
                enforcement.watchList().stream()
                        .filter(s -> s.companyId() == companyId)
                        .findFirst()
                        .orElse(null));
        model.addAttribute("breaches", enforcement.breaches(companyId, 500));
        model.addAttribute("notices", notices.forCompany(companyId, 50));
        model.addAttribute("figures", notices.figures(companyId));
        model.addAttribute("addressee", enforcement.addressee(companyId));
        model.addAttribute("serviceKinds", Addressee.ServiceKind.values());
        return "enforcement/provider";
    }

    /** The check history of one URL notified to the provider or in its breaches (others are not its to show). */
    @GetMapping("/providers/{companyId}/urls/{urlId}/checks")
    String checks(@PathVariable long companyId, @PathVariable long urlId, Model model) {
        boolean its = notices.urlsOf(companyId).stream().anyMatch(u -> u.urlId() == urlId)
                || enforcement.breaches(companyId, 10_000).stream().anyMatch(b -> b.urlId() == urlId);
        if (!its) {
            throw new org.takedown.shared.errors.NotFoundException(
                    "URL " + urlId + " was not notified to provider " + companyId);
        }
        model.addAttribute("company", companies.get(companyId));
        model.addAttribute("urlId", urlId);
        model.addAttribute("checks", probes.history(new org.takedown.intake.UrlId(urlId), 500));
        return "enforcement/checks";
    }

    @PostMapping("/providers/{companyId}/addressee")
    String registerAddressee(
            @PathVariable long companyId,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String serviceAddress,
            RedirectAttributes redirect) {
        return flash.act(redirect, "/enforcement/providers/" + companyId, () -> {
            enforcement.registerAddressee(
                    companyId,
                    Choices.of(Addressee.ServiceKind.class, kind, "the kind of service", "an addressee's kind"),
                    serviceAddress);
            return Text.of("flash.addressee.registered");
        });
    }

    @PostMapping("/own-reports")
    String registerOwnReport(
            @RequestParam(required = false) @Nullable String url,
            @RequestParam(required = false) @Nullable String origin,
            @RequestParam(required = false) @Nullable String reference,
            RedirectAttributes redirect) {
        return flash.act(
                redirect,
                "/enforcement",
                () -> Text.of(
                        "flash.own-report.registered",
                        enforcement.registerOwnReport(
                                url,
                                Choices.of(
                                        org.takedown.enforcement.OwnReport.Origin.class,
                                        origin,
                                        "the origin",
                                        "a report names where the URL came from"),
                                reference)));
    }
}
