package org.takedown.notices.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.takedown.notices.Notices;
import org.takedown.notices.Queue;
import org.takedown.notices.RoutedUrl;
import org.takedown.notices.Routing;
import org.takedown.shared.documents.CsvCells;
import org.takedown.shared.errors.InvalidRequestException;
import org.takedown.shared.web.Flash;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queues after triage: URLs waiting for a notice per hosting company, referrals per country and the police
 * queue, with the hand-over of referrals and police reports as CSV or JSON (marked sent when exported).
 */
@Controller
@RequestMapping("/notices")
class RoutingController {

    static final List<String> CSV_HEADER = List.of(
            "url_id",
            "url",
            "host",
            "assessment",
            "reason",
            "assessed_at",
            "country",
            "hosting_company",
            "ips",
            "routed_at");

    private final Routing routing;
    private final Notices notices;
    private final JsonMapper json;
    private final Flash flash;

    RoutingController(Flash flash, Routing routing, Notices notices, JsonMapper json) {
        this.flash = flash;
        this.routing = routing;
        this.notices = notices;
        this.json = json;
    }

    @GetMapping
    String queues(
            @RequestParam(required = false) @Nullable Queue queue,
            @RequestParam(required = false) @Nullable String country,
            Model model) {
        model.addAttribute("counts", routing.counts());
        model.addAttribute("awaitingAttribution", routing.awaitingAttribution());
        model.addAttribute("exports", routing.exports(50));
        model.addAttribute("notices", notices.recent(50, false));
        model.addAttribute("breached", notices.recent(20, true));
        model.addAttribute("answers", notices.responsesToReview(50));
        if (queue != null) {
            model.addAttribute("queue", queue);
            model.addAttribute("country", country);
            model.addAttribute("urls", routing.open(queue, country == null || country.isBlank() ? null : country, 500));
        }
        return "notices/queues";
    }

    @PostMapping("/answers/{id}/reviewed")
    String reviewed(@PathVariable long id, RedirectAttributes redirect) {
        try {
            notices.reviewed(id);
            flash.notice(redirect, "flash.answer.reviewed", id);
        } catch (org.takedown.shared.errors.NotFoundException e) {
            flash.error(redirect, e);
        }
        return "redirect:/notices";
    }

    @PostMapping("/exports")
    String export(
            @RequestParam Queue queue,
            @RequestParam(required = false) @Nullable String country,
            RedirectAttributes redirect) {
        try {
            Routing.Export export = routing.export(queue, country);
            flash.notice(redirect, "flash.export.made", export.id(), export.urls());
        } catch (InvalidRequestException e) {
            flash.error(redirect, e);
        }
        return "redirect:/notices";
    }

    @GetMapping(value = "/exports/{id}.csv")
    ResponseEntity<byte[]> csv(@PathVariable long id) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = CSVFormat.RFC4180
                .builder()
                .setHeader(CSV_HEADER.toArray(String[]::new))
                .get()
                .print(out)) {
            for (RoutedUrl url : routing.contents(id)) {
                CsvCells.print(
                        csv,
                        url.urlId(),
                        url.url(),
                        url.host(),
                        url.assessment(),
                        url.reason(),
                        url.assessedAt(),
                        url.country(),
                        url.company(),
                        url.ips(),
                        url.routedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return download(id, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8), out.toString());
    }

    @GetMapping(value = "/exports/{id}.json")
    ResponseEntity<byte[]> json(@PathVariable long id) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("export", routing.export(id));
        document.put("urls", routing.contents(id));
        return download(id, "json", MediaType.APPLICATION_JSON, json.writeValueAsString(document));
    }

    private static ResponseEntity<byte[]> download(long id, String extension, MediaType type, String body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("takedown-export-" + id + "." + extension)
                                .build()
                                .toString())
                .body(body.getBytes(StandardCharsets.UTF_8));
    }
}
