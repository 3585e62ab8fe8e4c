package org.takedown.monitoring.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.takedown.attribution.OfflineData;
import org.takedown.monitoring.Charts;
import org.takedown.monitoring.Monitor;
import org.takedown.monitoring.MonitorReport;
import org.takedown.monitoring.ReportWriter;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.errors.TooBusyException;
import org.takedown.shared.web.PerAddressBudget;

/**
 * The public hosting monitor (no login): headline figures, top 5, charts, the per-company table (search and sort on
 * the server, so it works without JavaScript), the method, and the report in every format for the chosen period.
 */
@Controller
@RequestMapping("/monitor")
class MonitorController {

    private static final CacheControl PUBLIC_MINUTE =
            CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic();

    /** URL lists written at once, process-wide (each streams a whole period's rows). */
    static final int URL_LISTS_AT_ONCE = 2;

    private final Monitor monitor;
    private final Charts charts;
    private final ReportWriter writer;
    private final Clock clock;
    private final PerAddressBudget perAddress;
    private final Semaphore urlLists = new Semaphore(URL_LISTS_AT_ONCE);

    /**
     * Rendered charts and documents per report. A report is the same object as long as the monitor's cached answer
     * to its question holds, so the keys compare by identity (weak keys) and a new answer renders anew.
     */
    private final Cache<MonitorReport, Map<String, byte[]>> rendered =
            Caffeine.newBuilder().weakKeys().maximumSize(64).build();

    MonitorController(
            Monitor monitor,
            Charts charts,
            ReportWriter writer,
            Clock clock,
            @Value("${takedown.monitor.requests-per-minute:120}") int requestsPerMinute) {
        this.monitor = monitor;
        this.charts = charts;
        this.writer = writer;
        this.clock = clock;
        this.perAddress = new PerAddressBudget(requestsPerMinute, Duration.ofMinutes(1));
    }

    /**
     * Every monitor request takes one from its address's budget: anyone may ask, but nobody may make the server
     * compute and render reports for other askers' share.
     */
    @ModelAttribute
    void budget(HttpServletRequest request) {
        long wait = perAddress.tryTake(request.getRemoteAddr());
        if (wait > 0) {
            throw new TooBusyException(
                    "You have asked the monitor many times in a short time. Please wait " + wait + " s.", (int) wait);
        }
    }

    @ExceptionHandler(TooBusyException.class)
    ResponseEntity<String> tooBusy(TooBusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(e.getMessage() + "\n");
    }

    private byte[] render(MonitorReport report, String what, Function<MonitorReport, byte[]> how) {
        return rendered.get(report, r -> new ConcurrentHashMap<>()).computeIfAbsent(what, w -> how.apply(report));
    }

    /** The question of a request: the period (default: this year to today) and the scope. */
    record Query(
            LocalDate from,
            LocalDate to,
            @Nullable String company,
            @Nullable String country) {

        String params() {
            UriComponentsBuilder b =
                    UriComponentsBuilder.newInstance().queryParam("from", from).queryParam("to", to);
            if (company != null) {
                b.queryParam("company", company);
            }
            if (country != null) {
                b.queryParam("country", country);
            }
            return b.encode().build().getQuery();
        }
    }

    private Query query(
            @Nullable String from, @Nullable String to, @Nullable String company, @Nullable String country) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = day(to, today, "to");
        LocalDate start = day(from, end.withDayOfYear(1), "from");
        String cleanCountry =
                country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
        if (cleanCountry != null && !cleanCountry.matches("[A-Z]{2}")) {
            throw InvalidRequestException.because("monitor.refused.country", country);
        }
        return new Query(start, end, company == null || company.isBlank() ? null : company.strip(), cleanCountry);
    }

    private static LocalDate day(@Nullable String text, LocalDate otherwise, String what) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.because("monitor.refused.date", what, text);
        }
    }

    private MonitorReport report(Query q) {
        return monitor.report(q.from(), q.to(), q.company(), q.country());
    }

    @GetMapping
    String page(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String country,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "urls") String sort,
            Model model) {
        Query query;
        MonitorReport report;
        try {
            query = query(from, to, company, country);
            report = report(query);
        } catch (InvalidRequestException e) {
            model.addAttribute("error", e.getMessage());
            query = query(null, null, null, null);
            report = report(query);
        }
        String params = query.params();
        model.addAttribute("r", report);
        model.addAttribute("query", query);
        model.addAttribute("params", params);
        model.addAttribute("search", q == null ? "" : q.strip());
        model.addAttribute("sort", sort);
        model.addAttribute("companies", sorted(report.companies(), q, sort));
        model.addAttribute("removalChart", "/monitor/charts/removal.png?" + params);
        model.addAttribute("concentrationChart", "/monitor/charts/concentration.png?" + params);
        model.addAttribute("attribution", OfflineData.ATTRIBUTION);
        return "monitoring/monitor";
    }

    static List<MonitorReport.Company> sorted(
            List<MonitorReport.Company> companies, @Nullable String search, String sort) {
        Comparator<MonitorReport.Company> order = switch (sort) {
            case "name" -> Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT));
            case "within24h" -> Comparator.comparingDouble(MonitorReport.Company::within24hShare);
            case "median" ->
                Comparator.comparing(
                        MonitorReport.Company::medianRemovalHours, Comparator.nullsLast(Comparator.reverseOrder()));
            case "per1000" ->
                Comparator.comparing(
                        MonitorReport.Company::urlsPer1000Ips, Comparator.nullsLast(Comparator.reverseOrder()));
            default -> Comparator.comparingLong(MonitorReport.Company::urls).reversed();
        };
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        return companies.stream()
                .filter(c ->
                        needle.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(order)
                .toList();
    }

    @GetMapping(value = "/charts/{chart}.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> chart(
            @org.springframework.web.bind.annotation.PathVariable String chart,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String country) {
        MonitorReport report = report(query(from, to, company, country));
        Locale language = LocaleContextHolder.getLocale();
        return switch (chart) {
            case "removal" -> png(render(report, "removal.png:" + language, r -> charts.removalPng(r, language)));
            case "concentration" ->
                png(render(report, "concentration.png:" + language, r -> charts.concentrationPng(r, language)));
            default -> throw new org.takedown.shared.errors.NotFoundException("no chart '" + chart + "'");
        };
    }

    private static ResponseEntity<byte[]> png(byte[] image) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(PUBLIC_MINUTE)
                .body(image);
    }

    @GetMapping("/report.{format}")
    void download(
            @org.springframework.web.bind.annotation.PathVariable String format,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String country,
            HttpServletResponse response)
            throws IOException {
        Query query = query(from, to, company, country);
        MonitorReport report = report(query);
        String name = "takedown-monitor-" + query.from() + "-" + query.to();
        response.setHeader("Cache-Control", "public, max-age=60");
        Locale language = LocaleContextHolder.getLocale();
        byte[] body;
        switch (format) {
            case "json" -> {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                body = render(report, "json", r -> bytes(out -> writer.json(r, out)));
            }
            case "html" -> {
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader(HttpHeaders.VARY, "Accept-Language, Cookie");
                body = render(
                        report,
                        "html:" + language,
                        r -> writer.html(r, language).getBytes(StandardCharsets.UTF_8));
            }
            case "pdf" -> {
                response.setContentType(MediaType.APPLICATION_PDF_VALUE);
                response.setHeader("Content-Disposition", "inline; filename=\"" + name + ".pdf\"");
                response.setHeader(HttpHeaders.VARY, "Accept-Language, Cookie");
                body = render(report, "pdf:" + language, r -> bytes(out -> writer.pdf(r, language, out)));
            }
            case "csv" -> {
                response.setContentType("text/csv;charset=UTF-8");
                response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-companies.csv\"");
                body = render(report, "csv", r -> bytes(out -> writer.companiesCsv(r, out)));
            }
            default -> throw new InvalidRequestException("a report is .json, .html, .pdf or .csv, not ." + format);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static byte[] bytes(Consumer<OutputStream> write) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write.accept(out);
        return out.toByteArray();
    }

    @GetMapping("/urls.csv")
    void urls(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String company,
            @RequestParam(required = false) @Nullable String country,
            HttpServletResponse response)
            throws IOException {
        Query query = query(from, to, company, country);
        Monitor.checkUrlListPeriod(query.from(), query.to());
        if (!urlLists.tryAcquire()) {
            throw new TooBusyException(
                    "Other URL lists are being written right now. Please try again in a minute.", 60);
        }
        try {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(
                    "Content-Disposition",
                    "attachment; filename=\"takedown-monitor-urls-" + query.from() + "-" + query.to() + ".csv\"");
            writer.urlsCsv(
                    monitor, query.from(), query.to(), query.company(), query.country(), response.getOutputStream());
        } finally {
            urlLists.release();
        }
    }
}
