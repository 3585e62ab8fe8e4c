package org.takedown.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.takedown.intake.Channel;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.text.Texts;
import org.takedown.shared.web.PerAddressBudget;

/**
 * The public report form: anyone may report URLs without an account. No captcha; instead each client address may
 * send a few reports per hour (real time, not the application clock: it protects the server). The form shows what
 * was taken and what was refused, and keeps the text of a refused report.
 */
@Controller
class ReportFormController {

    /** Reports per client address per hour. */
    static final int PER_HOUR = 10;

    /** URLs in one form report at most. */
    static final int MAX_FORM_URLS = 100;

    private final Reports reports;
    private final PerAddressBudget perAddress = new PerAddressBudget(PER_HOUR, Duration.ofHours(1));
    private final Texts texts;

    ReportFormController(Texts texts, Reports reports) {
        this.texts = texts;
        this.reports = reports;
    }

    @GetMapping("/report")
    String form() {
        return "intake/report";
    }

    @PostMapping("/report")
    String submit(
            @RequestParam(defaultValue = "") String urls,
            @RequestParam(required = false) String note,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("urls", urls);
        model.addAttribute("note", note);
        if (perAddress.tryTake(request.getRemoteAddr()) > 0) {
            response.setStatus(429);
            model.addAttribute("error", texts.get("report-form.error.too-many"));
            return "intake/report";
        }
        List<String> lines = Arrays.stream(urls.split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        if (lines.size() > MAX_FORM_URLS) {
            model.addAttribute("error", texts.get("report-form.error.too-long", MAX_FORM_URLS));
            return "intake/report";
        }
        try {
            ReportReceipt receipt = reports.submit(Channel.FORM, "public", null, note, null, lines);
            model.addAttribute("receipt", receipt);
            return "intake/report-received";
        } catch (InvalidRequestException e) {
            model.addAttribute("error", texts.why(e));
            return "intake/report";
        }
    }
}
