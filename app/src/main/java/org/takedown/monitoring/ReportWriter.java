package org.takedown.monitoring;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import org.takedown.attribution.OfflineData;
import org.takedown.shared.documents.CsvCells;
import org.takedown.shared.documents.Pdf;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the monitor's report in its four formats: JSON ({@code docs/report-format.md}), HTML (one self-contained
 * file with the charts inside), PDF (the same HTML laid out by openhtmltopdf) and CSV (one row per company, and the
 * open data of one row per URL). Thread-safe.
 */
@Component
public class ReportWriter {

    /** The formats of {@code takedown report}. */
    public enum Format {
        HTML,
        PDF,
        CSV,
        JSON
    }

    private final ITemplateEngine templates;
    private final Charts charts;
    private final JsonMapper json;

    ReportWriter(ITemplateEngine templates, Charts charts, JsonMapper json) {
        this.templates = templates;
        this.charts = charts;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    public void json(MonitorReport report, OutputStream out) {
        json.writeValue(out, report);
    }

    /** The report as one HTML document in this language; charts as data URIs, so the file stands alone. */
    public String html(MonitorReport report, Locale language) {
        Context context = new Context(language);
        context.setVariable("r", report);
        context.setVariable("removalChart", dataUri(charts.removalPng(report, language)));
        context.setVariable("concentrationChart", dataUri(charts.concentrationPng(report, language)));
        context.setVariable("attribution", OfflineData.ATTRIBUTION);
        return templates.process("monitoring/report", context);
    }

    public void pdf(MonitorReport report, Locale language, OutputStream out) {
        Pdf.write(html(report, language), out);
    }

    /** One row per hosting company. */
    public void companiesCsv(MonitorReport report, OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = CSVFormat.DEFAULT
                    .builder()
                    .setHeader(
                            "company",
                            "country",
                            "urls",
                            "share_of_all",
                            "removed_within_24h",
                            "within_24h_share",
                            "median_removal_hours",
                            "still_online",
                            "announced_ipv4",
                            "urls_per_1000_ipv4")
                    .get()
                    .print(writer);
            long all = report.counts().urlsNotified();
            for (MonitorReport.Company c : report.companies()) {
                CsvCells.print(
                        csv,
                        c.name(),
                        c.country(),
                        c.urls(),
                        all == 0 ? 0 : Math.round(c.urls() * 10_000.0 / all) / 10_000.0,
                        c.removedWithin24h(),
                        c.within24hShare(),
                        c.medianRemovalHours(),
                        c.stillOnline(),
                        c.announcedIpv4(),
                        c.urlsPer1000Ips());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV report", e);
        }
    }

    /** One row per notified URL, open data: no URL, host or address. */
    public void urlsCsv(
            Monitor monitor,
            java.time.LocalDate from,
            java.time.LocalDate to,
            @org.jspecify.annotations.Nullable String company,
            @org.jspecify.annotations.Nullable String country,
            OutputStream out) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = CSVFormat.DEFAULT
                    .builder()
                    .setHeader(
                            "url_number",
                            "company",
                            "country",
                            "notified_at",
                            "removed_at",
                            "removal_hours",
                            "bucket",
                            "moved_abroad")
                    .get()
                    .print(writer);
            UncheckedIOException[] failure = new UncheckedIOException[1];
            monitor.urls(from, to, company, country, row -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    CsvCells.print(
                            csv,
                            row.urlId(),
                            row.company(),
                            row.country(),
                            row.notifiedAt(),
                            row.removedAt(),
                            row.removalHours(),
                            bucket(row.removalHours()),
                            row.movedAbroad());
                } catch (IOException e) {
                    failure[0] = new UncheckedIOException(e);
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV of URLs", e);
        }
    }

    static String bucket(Double hours) {
        if (hours == null) {
            return "still_online";
        }
        return hours < 24 ? "within_24h" : hours < 48 ? "24_to_48h" : "over_48h";
    }

    private static String dataUri(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
