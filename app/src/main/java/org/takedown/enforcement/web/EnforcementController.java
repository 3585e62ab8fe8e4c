package org.takedown.enforcement.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.attribution.HostingCompanies;
import org.takedown.enforcement.Decision;
import org.takedown.enforcement.DecisionDocument;
import org.takedown.enforcement.Enforcement;
import org.takedown.enforcement.EnforcementCase;
import org.takedown.enforcement.SanctionRegister;
import org.takedown.intake.UrlId;
import org.takedown.monitoring.Monitor;
import org.takedown.notices.Notices;
import org.takedown.probing.Probes;
import org.takedown.shared.documents.CsvCells;
import org.takedown.shared.errors.Choices;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.text.Text;
import org.takedown.shared.web.Flash;

/**
 * The authority's case management (OFFICER and AUTHORITY_SIGNATORY): candidates from missed deadlines, cases, the decisions of
 * a case with their forms (order, penalty payment, fine), sign-off, delivery, versions, objection and withdrawal, the
 * stored documents, and the statistics. Refusals come back as the message on the page.
 */
@Controller
@RequestMapping("/enforcement")
class EnforcementController {

    private final Enforcement enforcement;
    private final Flash flash;
    private final SanctionRegister register;
    private final HostingCompanies companies;
    private final Notices notices;
    private final Probes probes;
    private final Monitor monitor;
    private final Clock clock;

    EnforcementController(
            Enforcement enforcement,
            Flash flash,
            SanctionRegister register,
            HostingCompanies companies,
            Notices notices,
            Probes probes,
            Monitor monitor,
            Clock clock) {
        this.enforcement = enforcement;
        this.flash = flash;
        this.register = register;
        this.companies = companies;
        this.notices = notices;
        this.probes = probes;
        this.monitor = monitor;
        this.clock = clock;
    }

    @GetMapping
    String index(Model model) {
        model.addAttribute("candidates", enforcement.openCandidates());
        model.addAttribute("ownReports", enforcement.ownReports());
        model.addAttribute("origins", org.takedown.enforcement.OwnReport.Origin.values());
        model.addAttribute("cases", enforcement.cases());
        model.addAttribute("companies", companies.list());
        return "enforcement/index";
    }

    @PostMapping("/candidates/{id}/accept")
    String accept(@PathVariable long id, RedirectAttributes redirect) {
        try {
            long caseId = enforcement.accept(id);
            flash.notice(redirect, "flash.candidate.accepted", id, caseId);
            return "redirect:/enforcement/cases/" + caseId;
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
            return "redirect:/enforcement";
        }
    }

    @PostMapping("/candidates/{id}/dismiss")
    String dismiss(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        return flash.act(redirect, "/enforcement", () -> {
            enforcement.dismiss(id, reason);
            return Text.of("flash.candidate.dismissed", id);
        });
    }

    @PostMapping("/cases")
    String open(
            @RequestParam long companyId,
            @RequestParam(required = false) @Nullable String reason,
            RedirectAttributes redirect) {
        try {
            long caseId = enforcement.openCase(companyId, reason);
            return "redirect:/enforcement/cases/" + caseId;
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
            return "redirect:/enforcement";
        }
    }

    @GetMapping("/cases/{id}")
    String caseView(@PathVariable long id, Model model) {
        EnforcementCase c = enforcement.getCase(id);
        model.addAttribute("c", c);
        model.addAttribute("company", companies.get(c.companyId()));
        model.addAttribute("figures", notices.figures(c.companyId()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        model.addAttribute("monitor", monitor.report(today.minusDays(365), today, c.company(), null));
        List<Notices.CompanyUrl> urls = notices.urlsOf(c.companyId());
        model.addAttribute(
                "ownUrls",
                enforcement.ownReports().stream()
                        .filter(r -> r.companyId() != null && r.companyId() == c.companyId())
                        .toList());
        model.addAttribute("urls", urls);
        var statuses =
                probes.statuses(urls.stream().map(u -> new UrlId(u.urlId())).toList());
        model.addAttribute(
                "probeStates",
                urls.stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Notices.CompanyUrl::urlId,
                                u -> statuses.containsKey(u.urlId())
                                        ? statuses.get(u.urlId()).state()
                                        : "-",
                                (a, b) -> a)));
        List<Decision> decisions = enforcement.decisions(id);
        model.addAttribute("decisions", decisions);
        model.addAttribute("pending", enforcement.pendingChanges(c.id()));
        model.addAttribute(
                "orders", decisions.stream().filter(Decision::isSignedOrder).toList());
        model.addAttribute("channels", Decision.Channel.values());
        model.addAttribute("providers", companies.list());
        model.addAttribute("objectionStatuses", Decision.ObjectionStatus.values());
        return "enforcement/case";
    }

    @PostMapping("/cases/{id}/orders")
    String draftOrder(
            @PathVariable long id,
            @RequestParam(name = "url", required = false) @Nullable List<Long> urlIds,
            @RequestParam(defaultValue = "HOSTER") String addresseeKind,
            @RequestParam(required = false) @Nullable Long addresseeId,
            @RequestParam(required = false) @Nullable String legalBasis,
            @RequestParam(required = false) @Nullable String reasons,
            @RequestParam(required = false) @Nullable String deadlineHours,
            RedirectAttributes redirect) {
        return flash.act(
                redirect,
                "/enforcement/cases/" + id,
                () -> Text.of(
                        "flash.order.drafted",
                        enforcement.draftOrder(
                                id,
                                urlIds == null ? List.of() : urlIds,
                                Choices.of(
                                        Decision.AddresseeKind.class,
                                        addresseeKind,
                                        "the addressee",
                                        "an order names its addressee"),
                                addresseeId,
                                legalBasis,
                                reasons,
                                number(deadlineHours, "case.field.deadline"))));
    }

    @PostMapping("/cases/{id}/penalties")
    String draftPenalty(
            @PathVariable long id,
            @RequestParam long orderId,
            @RequestParam(required = false) @Nullable String amountPerUrl,
            @RequestParam(required = false) @Nullable Integer periodHours,
            @RequestParam(required = false) @Nullable String maxTotal,
            @RequestParam(required = false) @Nullable Integer termHours,
            @RequestParam(required = false) @Nullable String legalBasis,
            @RequestParam(required = false) @Nullable String reasons,
            RedirectAttributes redirect) {
        return flash.act(
                redirect,
                "/enforcement/cases/" + id,
                () -> Text.of(
                        "flash.penalty.drafted",
                        enforcement.draftPenalty(
                                id,
                                orderId,
                                number(amountPerUrl, "case.field.amount"),
                                periodHours,
                                number(maxTotal, "case.field.maximum"),
                                termHours,
                                legalBasis,
                                reasons)));
    }

    @PostMapping("/cases/{id}/fines")
    String draftFine(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable String breaches,
            @RequestParam(required = false) @Nullable String legalBasis,
            @RequestParam(required = false) @Nullable String reasons,
            @RequestParam(required = false) @Nullable String estimate,
            @RequestParam(required = false) @Nullable String estimateSource,
            RedirectAttributes redirect) {
        return flash.act(
                redirect,
                "/enforcement/cases/" + id,
                () -> Text.of(
                        "flash.fine.drafted",
                        enforcement.draftFine(
                                id,
                                number(amount, "case.field.amount"),
                                breaches,
                                legalBasis,
                                reasons,
                                number(estimate, "case.field.estimate"),
                                estimateSource)));
    }

    @PostMapping("/decisions/{id}/{action}")
    String decision(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        long caseId = enforcement.get(id).caseId();
        return flash.act(redirect, "/enforcement/cases/" + caseId, () -> switch (action) {
            case "sign" -> Text.of("flash.decision.signed", enforcement.sign(id).id());
            case "deliver" ->
                delivered(enforcement.deliver(
                        id,
                        Choices.of(
                                Decision.Channel.class,
                                form.get("channel"),
                                "the delivery channel",
                                "a delivery needs its channel"),
                        form.get("proof")));
            case "edit" -> {
                enforcement.edit(id, form.get("legalBasis"), form.get("reasons"));
                yield Text.of("flash.draft.changed", id);
            }
            case "version" -> Text.of("flash.version.drafted", enforcement.newVersion(id));
            case "objection" -> {
                enforcement.objection(
                        id,
                        Choices.of(
                                Decision.ObjectionStatus.class,
                                form.get("status"),
                                "the status",
                                "the status of objection or appeal"),
                        form.get("outcome"));
                yield Text.of("flash.objection.updated", id);
            }
            default -> changeOfSigned(id, action, form);
        });
    }

    private static Text delivered(Decision d) {
        return switch (d.kind()) {
            case ORDER ->
                d.deliveredAt() == null
                        ? Text.of("flash.order.queued", d.id())
                        : Text.of("flash.order.delivered", d.deadlineAt());
            case PENALTY, FINE ->
                d.deliveredAt() == null
                        ? Text.of("flash.decision.queued", d.id())
                        : Text.of("flash.decision.delivered", d.id(), d.deliveredAt());
        };
    }

    /** The changes of a signed decision: withdrawal, a penalty's end or collection, publication, court rulings. */
    private Text changeOfSigned(long id, String action, Map<String, String> form) {
        return switch (action) {
            case "withdraw" ->
                enforcement.withdraw(id, form.get("reason")) == Enforcement.Change.DONE
                        ? Text.of("flash.withdrawn", id)
                        : Text.of("flash.withdrawal.asked", id);
            case "collect" ->
                enforcement.collect(id) == Enforcement.Change.DONE
                        ? Text.of("flash.collected", id)
                        : Text.of("flash.collection.asked", id);
            case "end" ->
                enforcement.endPenalty(id) == Enforcement.Change.DONE
                        ? Text.of("flash.ended", id)
                        : Text.of("flash.end.asked", id);
            case "publication" -> {
                boolean publish = "yes".equals(form.get("publish"));
                enforcement.decidePublication(id, publish, form.get("reasons"));
                yield Text.of(publish ? "flash.publish" : "flash.publish.not", id);
            }
            case "suspend" -> {
                enforcement.suspendPublication(id, form.get("ruling"));
                yield Text.of("flash.suspended", id);
            }
            case "annul" -> {
                enforcement.annul(id, form.get("ruling"));
                yield Text.of("flash.annulled", id);
            }
            default -> throw new InvalidRequestException("no action '" + action + "'");
        };
    }

    @GetMapping("/decisions/{id}/document.{format}")
    ResponseEntity<byte[]> document(@PathVariable long id, @PathVariable String format) {
        DecisionDocument document = enforcement.document(id, format);
        return ResponseEntity.ok()
                .header("Content-Type", document.contentType())
                .header("X-Content-SHA256", document.sha256())
                .body(document.content());
    }

    @GetMapping("/statistics.json")
    @ResponseBody
    SanctionRegister.Statistics statistics(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return register.statistics(from, to);
    }

    @GetMapping("/statistics.csv")
    void statisticsCsv(@RequestParam LocalDate from, @RequestParam LocalDate to, HttpServletResponse response)
            throws IOException {
        SanctionRegister.Statistics s = register.statistics(from, to);
        response.setContentType("text/csv;charset=UTF-8");
        CSVPrinter csv = CSVFormat.DEFAULT
                .builder()
                .setHeader("figure", "value")
                .get()
                .print(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        CsvCells.print(csv, "figures_of", s.publisher());
        CsvCells.print(csv, "from", s.from());
        CsvCells.print(csv, "to", s.to());
        CsvCells.print(csv, "orders_issued", s.ordersIssued());
        CsvCells.print(csv, "orders_checked", s.ordersChecked());
        CsvCells.print(csv, "orders_complied_within_deadline", s.ordersComplied());
        CsvCells.print(csv, "complied_share", s.compliedShare());
        CsvCells.print(csv, "median_hours_to_comply", s.medianHoursToComply());
        CsvCells.print(csv, "penalty_payments_imposed", s.penaltiesImposed());
        CsvCells.print(csv, "penalty_payments_forfeited", s.penaltiesForfeited());
        CsvCells.print(csv, "forfeited_total_eur", s.forfeitedTotal());
        CsvCells.print(csv, "fines", s.fines());
        CsvCells.print(csv, "fines_total_eur", s.finesTotal());
        CsvCells.print(csv, "publications", s.publications());
        CsvCells.print(csv, "withdrawals", s.withdrawals());
        csv.flush();
    }

    /** A number typed in the field named by the message under {@code field}, or refused naming that field. */
    private static @Nullable BigDecimal number(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw InvalidRequestException.because("enforcement.refused.number", Text.of(field), text);
        }
    }
}
