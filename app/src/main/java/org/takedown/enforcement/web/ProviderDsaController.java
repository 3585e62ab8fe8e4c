package org.takedown.enforcement.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.takedown.enforcement.DsaFigures;
import org.takedown.enforcement.Enforcement;
import org.takedown.enforcement.StatementOfReasons;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.security.HosterAccess;
import tools.jackson.databind.json.JsonMapper;

/**
 * For a provider, in the portal and over the hoster API (scope {@code hoster}, bound to its company): its DSA
 * article 15(1) figures on the notices and orders it received in a period, and its statements of reasons for the URLs
 * it removed, as JSON lines or CSV in the EU Transparency Database's layout. Only ever the provider's own.
 */
@Controller
class ProviderDsaController {

    private final Enforcement enforcement;
    private final JsonMapper json;
    private final Clock clock;

    ProviderDsaController(Enforcement enforcement, JsonMapper json, Clock clock) {
        this.enforcement = enforcement;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/portal/companies/{companyId}/dsa")
    String page(
            @PathVariable long companyId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        HosterAccess.requireCompany(companyId);
        LocalDate end = date(to, today(), "to");
        LocalDate start = date(from, end.withDayOfYear(1), "from");
        model.addAttribute("figures", enforcement.dsaFigures(companyId, start, end));
        model.addAttribute(
                "statements",
                enforcement.statementsOfReasons(companyId, start, end).size());
        return "enforcement/provider-dsa";
    }

    @GetMapping("/portal/companies/{companyId}/dsa/statements.{format}")
    void download(
            @PathVariable long companyId,
            @PathVariable String format,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response)
            throws IOException {
        HosterAccess.requireCompany(companyId);
        write(companyId, format, from, to, response);
    }

    @GetMapping("/api/v1/hoster/dsa/figures")
    @ResponseBody
    DsaFigures apiFigures(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        LocalDate end = date(to, today(), "to");
        return enforcement.dsaFigures(company(), date(from, end.withDayOfYear(1), "from"), end);
    }

    @GetMapping("/api/v1/hoster/dsa/statements")
    void apiStatements(
            @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response)
            throws IOException {
        write(company(), format, from, to, response);
    }

    private void write(
            long companyId, String format, @Nullable String from, @Nullable String to, HttpServletResponse response)
            throws IOException {
        LocalDate end = date(to, today(), "to");
        LocalDate start = date(from, end.withDayOfYear(1), "from");
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw InvalidRequestException.because("dsa.refused.format", format);
        }
        List<StatementOfReasons> statements = enforcement.statementsOfReasons(companyId, start, end);
        String name = "statements-of-reasons-" + start + "-" + end + "." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setContentType(format.equals("csv") ? "text/csv;charset=UTF-8" : "application/jsonl;charset=UTF-8");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        if (format.equals("csv")) {
            CSVPrinter csv = CSVFormat.DEFAULT
                    .builder()
                    .setHeader(StatementOfReasons.COLUMNS.toArray(String[]::new))
                    .get()
                    .print(out);
            for (StatementOfReasons s : statements) {
                csv.printRecord(s.cells());
            }
            csv.flush();
            return;
        }
        for (StatementOfReasons s : statements) {
            out.write(json.writeValueAsString(s));
            out.write('\n');
        }
        out.flush();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static LocalDate date(@Nullable String text, LocalDate otherwise, String what) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRequestException.because("monitor.refused.date", what, text);
        }
    }

    private static long company() {
        Long company = HosterAccess.currentCompany();
        if (company == null) {
            throw new AccessDeniedException("This API key is not bound to a hosting company.");
        }
        return company;
    }
}
