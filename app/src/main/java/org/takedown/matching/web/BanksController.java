package org.takedown.matching.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.matching.Bank;
import org.takedown.matching.BankStatistics;
import org.takedown.matching.Banks;
import org.takedown.matching.HashType;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.NotFoundException;
import org.takedown.shared.security.Role;
import org.takedown.shared.text.Texts;
import org.takedown.shared.web.Flash;

/**
 * Hash list pages: analysts see the lists and search them; supervisors and administrators also create, edit,
 * enable, disable, import and disable entries. A refused form is shown again with the reason and what was typed.
 */
@Controller
@RequestMapping("/matching")
class BanksController {

    private final Banks banks;
    private final ImportJobs imports;
    private final org.takedown.matching.Exchange exchange;
    private final Flash flash;
    private final Texts texts;

    BanksController(
            Texts texts, Flash flash, Banks banks, ImportJobs imports, org.takedown.matching.Exchange exchange) {
        this.texts = texts;
        this.flash = flash;
        this.banks = banks;
        this.imports = imports;
        this.exchange = exchange;
    }

    @GetMapping
    String list(Model model, Authentication user) {
        Map<String, BankStatistics> statistics =
                banks.statistics().stream().collect(Collectors.toMap(BankStatistics::bank, s -> s));
        model.addAttribute("banks", banks.list());
        model.addAttribute("statistics", statistics);
        model.addAttribute("curator", curator(user));
        model.addAttribute("types", HashType.values());
        return "matching/banks";
    }

    @PostMapping("/banks")
    String create(
            @RequestParam String name,
            @RequestParam String source,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable Integer pdqThreshold,
            Model model,
            Authentication user,
            RedirectAttributes redirect) {
        requireCurator(user);
        try {
            Bank bank = banks.create(name, source, description, pdqThreshold);
            flash.notice(redirect, "flash.bank.created", bank.name());
            return "redirect:/matching/banks/" + bank.name();
        } catch (InvalidRequestException e) {
            model.addAttribute("error", flash.why(e));
            model.addAttribute("form", new BankForm(name, source, description, pdqThreshold));
            return list(model, user);
        }
    }

    @GetMapping("/banks/{name}")
    String bank(@PathVariable String name, Model model, Authentication user) {
        Bank bank = banks.get(name);
        model.addAttribute("bank", bank);
        model.addAttribute(
                "statistics",
                banks.statistics().stream()
                        .filter(s -> s.bank().equals(bank.name()))
                        .findFirst()
                        .orElse(new BankStatistics(bank.name(), 0, 0, 0, 0)));
        model.addAttribute("curator", curator(user));
        model.addAttribute("supervisor", Role.HOTLINE_SUPERVISOR.heldBy(user));
        model.addAttribute("subscriptions", exchange.subscriptions(bank.name()));
        model.addAttribute("feedback", exchange.feedback(bank.name(), 50));
        return "matching/bank";
    }

    @PostMapping("/banks/{name}")
    String update(
            @PathVariable String name,
            @RequestParam String source,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam Integer pdqThreshold,
            @RequestParam(required = false) @Nullable Double vpdqQueryPercent,
            @RequestParam(required = false) @Nullable Double vpdqComparedPercent,
            Model model,
            Authentication user,
            RedirectAttributes redirect) {
        requireCurator(user);
        try {
            banks.update(name, source, description, pdqThreshold, null, vpdqQueryPercent, vpdqComparedPercent);
            flash.notice(redirect, "flash.bank.saved", name);
            return "redirect:/matching/banks/" + name;
        } catch (InvalidRequestException e) {
            model.addAttribute("error", flash.why(e));
            return bank(name, model, user);
        }
    }

    @PostMapping("/banks/{name}/enabled")
    String setEnabled(
            @PathVariable String name,
            @RequestParam boolean enabled,
            Authentication user,
            RedirectAttributes redirect) {
        requireCurator(user);
        banks.update(name, null, null, null, enabled);
        flash.notice(redirect, enabled ? "flash.bank.enabled" : "flash.bank.disabled", name);
        return "redirect:/matching/banks/" + name;
    }

    @PostMapping("/banks/{name}/shared")
    String setShared(
            @PathVariable String name, @RequestParam boolean shared, Authentication user, RedirectAttributes redirect) {
        requireCurator(user);
        banks.setShared(name, shared);
        flash.notice(redirect, shared ? "flash.bank.shared" : "flash.bank.unshared", name);
        return "redirect:/matching/banks/" + name;
    }

    @PostMapping("/banks/{name}/auto-confirm")
    String setAutoConfirm(
            @PathVariable String name,
            @RequestParam boolean autoConfirm,
            Authentication user,
            RedirectAttributes redirect) {
        if (!Role.HOTLINE_SUPERVISOR.heldBy(user)) {
            throw new AccessDeniedException("Only supervisors decide which hash lists confirm their matches.");
        }
        banks.setAutoConfirm(name, autoConfirm);
        flash.notice(redirect, autoConfirm ? "flash.bank.auto" : "flash.bank.manual", name);
        return "redirect:/matching/banks/" + name;
    }

    @PostMapping("/banks/{name}/imports")
    String startImport(
            @PathVariable String name,
            @RequestParam("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String provenance,
            Authentication user,
            RedirectAttributes redirect)
            throws IOException {
        requireCurator(user);
        banks.get(name);
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", texts.get("flash.import.no-file"));
            return "redirect:/matching/banks/" + name;
        }
        String filename = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        ImportJobs.Job job = imports.start(name, filename, file.getBytes(), provenance);
        return "redirect:/matching/imports/" + job.id;
    }

    @GetMapping("/imports/{id}")
    String importProgress(@PathVariable String id, Model model) {
        ImportJobs.Job job = imports.find(id);
        if (job == null) {
            throw new NotFoundException("no import " + id);
        }
        model.addAttribute("job", job);
        return "matching/import";
    }

    @GetMapping("/search")
    String search(@RequestParam String type, @RequestParam String value, Model model, Authentication user) {
        try {
            model.addAttribute("entries", banks.search(HashType.parse(type), value));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", flash.why(e));
            model.addAttribute("entries", List.of());
        }
        model.addAttribute("type", type);
        model.addAttribute("value", value);
        model.addAttribute("curator", curator(user));
        return "matching/search";
    }

    @PostMapping("/entries/{id}/disable")
    String disableEntry(
            @PathVariable long id,
            @RequestParam String type,
            @RequestParam String value,
            Authentication user,
            RedirectAttributes redirect) {
        requireCurator(user);
        try {
            banks.disableEntry(id);
            flash.notice(redirect, "flash.entry.disabled", id);
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
        }
        redirect.addAttribute("type", type);
        redirect.addAttribute("value", value);
        return "redirect:/matching/search";
    }

    static boolean curator(Authentication user) {
        return Role.HOTLINE_SUPERVISOR.heldBy(user) || Role.ADMIN.heldBy(user);
    }

    private static void requireCurator(Authentication user) {
        if (!curator(user)) {
            throw new AccessDeniedException("Only supervisors and administrators change hash lists.");
        }
    }

    /** What was typed into the new-list form. */
    record BankForm(
            String name,
            String source,
            @Nullable String description,
            @Nullable Integer pdqThreshold) {}
}
