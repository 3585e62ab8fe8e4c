package org.takedown.monitoring.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.takedown.monitoring.Monitor;
import org.takedown.monitoring.MonitorReport;
import org.takedown.monitoring.ReportWriter;
import org.takedown.monitoring.ReportWriter.Format;
import org.takedown.shared.cli.DatabaseCommand;
import org.takedown.shared.errors.InvalidRequestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code takedown report}: the hosting monitor's report for a period, as HTML, PDF, CSV or JSON. The file appears
 * whole or not at all (written next to it, then moved).
 */
@Command(
        name = "report",
        description = {
            "Writes the hosting monitor's report for a period (both days included, UTC).",
            "csv writes FILE with one row per URL (open data: no URLs, hosts or addresses) and FILE-companies.csv"
                    + " with one row per hosting company."
        },
        mixinStandardHelpOptions = true)
public final class ReportCommand extends DatabaseCommand {

    @Option(names = "--from", required = true, description = "first day, e.g. 2026-01-01")
    LocalDate from;

    @Option(names = "--to", required = true, description = "last day, e.g. 2026-12-31")
    LocalDate to;

    @Option(
            names = "--format",
            required = true,
            description = "html, pdf, csv or json",
            converter = FormatConverter.class)
    Format format;

    @Option(names = "--out", required = true, description = "the file to write")
    Path out;

    @Option(
            names = "--language",
            defaultValue = "nl",
            description = "the language of an html or pdf report: nl (the default) or en")
    String language;

    @Option(names = "--company", description = "only this hosting company")
    @Nullable
    String company;

    @Option(names = "--country", description = "only URLs hosted in this country (two-letter code)")
    @Nullable
    String country;

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "the format is html, pdf, csv or json, not '" + value + "'");
            }
        }
    }

    @Override
    protected int run(ConfigurableApplicationContext context) {
        if (!org.takedown.shared.text.Texts.LANGUAGES.contains(language)) {
            err().println("takedown report: the language is nl or en, not '" + language + "'");
            return 2;
        }
        java.util.Locale locale = java.util.Locale.forLanguageTag(language);
        Monitor monitor = context.getBean(Monitor.class);
        ReportWriter writer = context.getBean(ReportWriter.class);
        MonitorReport report;
        try {
            report = monitor.report(from, to, company, country);
        } catch (InvalidRequestException e) {
            err().println("takedown report: " + e.getMessage());
            return 2;
        }
        try {
            switch (format) {
                case JSON -> write(out, o -> writer.json(report, o));
                case HTML -> write(out, o -> o.write(writer.html(report, locale).getBytes(StandardCharsets.UTF_8)));
                case PDF -> write(out, o -> writer.pdf(report, locale, o));
                case CSV -> {
                    write(out, o -> writer.urlsCsv(monitor, from, to, company, country, o));
                    write(companiesFile(out), o -> writer.companiesCsv(report, o));
                }
            }
        } catch (IOException | RuntimeException e) {
            err().println("takedown report: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        out().printf(
                        "Report %s to %s: %d URLs notified, %d hosting companies, %.1f %% removed within 24 h -> %s%s%n",
                        from,
                        to,
                        report.counts().urlsNotified(),
                        report.counts().hostingCompanies(),
                        100 * report.removal().within24h().share(),
                        out,
                        format == Format.CSV ? " and " + companiesFile(out) : "");
        return 0;
    }

    static Path companiesFile(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(base + "-companies.csv");
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try (OutputStream o = Files.newOutputStream(partial)) {
            body.writeTo(o);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
