package org.takedown.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.HostingCompanies;
import org.takedown.notices.NoticeSent;
import org.takedown.support.Cli;
import org.takedown.support.IntegrationTest;
import org.takedown.support.TestDatabase;

/**
 * The monitor as the public and the hotline use it: the page without login, its charts, the report downloads in
 * every format, and {@code takedown report}, over a year of events fed through the chain's real events.
 */
@IntegrationTest
@TestPropertySource(properties = "takedown.workers.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorIntegrationTests {

    static final String YEAR = "from=2025-01-01&to=2025-12-31";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    HostingCompanies companies;

    @Autowired
    Environment environment;

    @Autowired
    org.takedown.shared.audit.AuditLog audit;

    MonitorFixture.Names names;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void feed() {
        names = MonitorFixture.load(
                events,
                transactions,
                companies,
                2025,
                UUID.randomUUID().toString().substring(0, 6),
                7_000_000);
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    String text(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void thePublicPageShowsTheFiguresTheTablesAndTheMethodWithoutLogin() throws Exception {
        String page = visible(text("/monitor?" + YEAR));
        assertThat(page)
                .contains("URLs notified 10")
                .contains("Removed within 24 hours 50.0% (5)")
                .contains("Still online 30.0% (3)")
                .contains("Moved abroad after the notice 1")
                .contains("Median / 90th percentile removal time 2.0 h")
                .contains("Share of the four largest hosting companies 100.0%")
                .contains(names.alpha() + " 6 60.0%")
                .contains("Method")
                .contains("ip-location-db")
                .contains("CC BY 4.0");
        String html = text("/monitor?" + YEAR);
        assertThat(html).contains("/monitor/charts/removal.png?from=2025-01-01").doesNotContain("<script>");
        // search and sort on the server
        String searched = visible(text("/monitor?" + YEAR + "&q=" + names.beta().replace(' ', '+')));
        assertThat(searched.substring(searched.indexOf("Per hosting company")))
                .contains(names.beta())
                .doesNotContain(names.alpha() + " NL");
        String byShare = visible(text("/monitor?" + YEAR + "&sort=within24h"));
        String table = byShare.substring(byShare.indexOf("Per hosting company"));
        assertThat(table.indexOf(names.gamma())).isLessThan(table.indexOf(names.beta()));
        // one company's figures
        String gamma =
                visible(text("/monitor?" + YEAR + "&company=" + names.gamma().replace(' ', '+')));
        assertThat(gamma).contains("URLs notified 1 ").contains("Moved abroad after the notice 1");
        // bad input: a clear message, the page still works
        assertThat(visible(text("/monitor?from=2025-13-01"))).contains("'from' is a date like 2026-01-31");
        assertThat(visible(text("/monitor?from=2025-06-01&to=2025-01-01")))
                .contains("the period ends (2025-01-01) before it starts (2025-06-01)");
    }

    @Test
    void chartsArePngImagesWithTheBucketColours() throws Exception {
        HttpResponse<byte[]> removal = get("/monitor/charts/removal.png?" + YEAR);
        assertThat(removal.statusCode()).isEqualTo(200);
        assertThat(removal.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(removal.body()));
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(countColour(image, 0x2e7d32))
                .as("green bars: removed within 24 h")
                .isGreaterThan(1000);
        assertThat(countColour(image, 0xc62828)).as("red bars: after 48 h").isGreaterThan(200);
        BufferedImage concentration = ImageIO.read(new ByteArrayInputStream(
                get("/monitor/charts/concentration.png?" + YEAR).body()));
        assertThat(countColour(concentration, 0x1565c0)).as("blue bars").isGreaterThan(1000);
    }

    /** The page's text as a reader sees it. */
    static String visible(String html) {
        return org.jsoup.Jsoup.parse(html).text();
    }

    static int countColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void theReportDownloadsHoldTheSameFigures() throws Exception {
        JsonNode json = new ObjectMapper().readTree(text("/monitor/report.json?" + YEAR));
        assertThat(json.at("/period/from").asText()).isEqualTo("2025-01-01");
        assertThat(json.at("/counts/urlsNotified").asLong()).isEqualTo(10);
        assertThat(json.at("/counts/domains").asLong()).isEqualTo(10);
        assertThat(json.at("/counts/hostingCompanies").asLong()).isEqualTo(3);
        assertThat(json.at("/counts/movedAbroadAfterNotice").asLong()).isEqualTo(1);
        assertThat(json.at("/removal/within24h/count").asLong()).isEqualTo(5);
        assertThat(json.at("/removal/between24And48h/share").asDouble()).isEqualTo(0.1);
        assertThat(json.at("/removal/over48h/count").asLong()).isEqualTo(1);
        assertThat(json.at("/removal/stillOnline/count").asLong()).isEqualTo(3);
        assertThat(json.get("medianRemovalHours").asDouble()).isEqualTo(2.0);
        assertThat(json.get("p90RemovalHours").asDouble()).isEqualTo(42.0);
        assertThat(json.get("top4Share").asDouble()).isEqualTo(1.0);
        assertThat(json.at("/top5/0/company").asText()).isEqualTo(names.alpha());
        assertThat(json.at("/top5/0/share").asDouble()).isEqualTo(0.6);
        assertThat(json.at("/companies/0/urlsPer1000Ips").asDouble())
                .as("6 URLs on 256 addresses")
                .isEqualTo(23.44);
        assertThat(json.at("/companies/0/within24hShare").asDouble()).isEqualTo(0.5);
        assertThat(json.get("monthly")).hasSize(2);
        assertThat(json.at("/monthly/0/month").asText()).isEqualTo("2025-02");
        assertThat(json.at("/monthly/1/urls").asLong()).isEqualTo(4);

        String companiesCsv = text("/monitor/report.csv?" + YEAR);
        assertThat(companiesCsv.lines().toList())
                .first()
                .asString()
                .startsWith("company,country,urls,share_of_all,removed_within_24h");
        assertThat(companiesCsv).contains(names.alpha() + ",NL,6,0.6,3,0.5,2.0,1,256,23.44");
        String urlsCsv = text("/monitor/urls.csv?" + YEAR);
        assertThat(urlsCsv.lines()).hasSize(11);
        assertThat(urlsCsv)
                .as("open data names no URL, host or address")
                .doesNotContain("http")
                .doesNotContain(".example")
                .doesNotContain("192.0.2.")
                .contains("within_24h")
                .contains("still_online");
        assertThat(get("/monitor/report.xml?" + YEAR).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> pdf = get("/monitor/report.pdf?" + YEAR);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdfText(pdf.body())).contains("CSAM hosting monitor").contains(names.alpha());
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void oneAskerCannotMakeTheServerRenderWithoutEnd() throws Exception {
        // a list of URLs covers at most a year: longer periods are refused with the way out
        HttpResponse<byte[]> long_ = get("/monitor/urls.csv?from=2015-01-01&to=2025-12-31");
        assertThat(long_.statusCode()).isEqualTo(400);
        assertThat(get("/monitor/urls.csv?from=2025-01-01&to=2025-12-31").statusCode())
                .as("a whole year still goes")
                .isEqualTo(200);
        // the same question is answered from the rendered cache: the same bytes, even of a PDF
        assertThat(get("/monitor/report.pdf?" + YEAR).body())
                .isEqualTo(get("/monitor/report.pdf?" + YEAR).body());
        // each address has its budget (120 a minute); another address is not affected
        HttpClient fromOther = HttpClient.newBuilder()
                .localAddress(java.net.InetAddress.getByName("127.0.0.9"))
                .build();
        URI chart = URI.create("http://127.0.0.1:" + port + "/monitor/charts/removal.png?" + YEAR);
        int ok = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 130 && refused == null; i++) {
            HttpResponse<String> response =
                    fromOther.send(HttpRequest.newBuilder(chart).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                ok++;
            }
        }
        assertThat(ok)
                .as("the budget, plus what refilled (2 a second) while asking")
                .isBetween(120, 129);
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Please wait");
        assertThat(get("/monitor/charts/removal.png?" + YEAR).statusCode())
                .as("the budget is per address")
                .isEqualTo(200);
    }

    @Test
    void thePageAndTheReportPublishTheAuditLogsHead() throws Exception {
        String page = text("/monitor?" + YEAR);
        java.util.regex.Matcher hash = java.util.regex.Pattern.compile(
                        "id=\"audit-head\">[^<]*<span>(\\d+)</span>, with hash <code>([0-9a-f]{64})</code>")
                .matcher(page.replaceAll("\\s+", " "));
        assertThat(hash.find()).as("the page names the audit log's head").isTrue();
        assertThat(audit.contains(hash.group(2))).isTrue();
        assertThat(new ObjectMapper()
                        .readTree(text("/monitor/report.json?" + YEAR))
                        .at("/auditHead/hash")
                        .asText())
                .isEqualTo(hash.group(2));
        assertThat(pdfText(get("/monitor/report.pdf?" + YEAR).body()).replaceAll("\\s+", ""))
                .contains(hash.group(2));
    }

    @Test
    void newDataReachesTheCachedFiguresAtOnce() throws Exception {
        String before = text("/monitor/report.json?from=2025-04-01&to=2025-04-30");
        assertThat(new ObjectMapper()
                        .readTree(before)
                        .at("/counts/urlsNotified")
                        .asLong())
                .isZero();
        long companyId = companies.list().stream()
                .filter(c -> c.name().equals(names.beta()))
                .findFirst()
                .orElseThrow()
                .id();
        transactions.executeWithoutResult(status -> events.publishEvent(new NoticeSent(
                new org.takedown.notices.NoticeId(7_100_000),
                new org.takedown.attribution.CompanyId(companyId),
                names.beta(),
                java.time.Instant.parse("2025-04-02T08:00:00Z"),
                List.of(new NoticeSent.NoticedUrl(
                        new org.takedown.intake.UrlId(7_100_000), "http://beta-late.example/x.jpg")))));
        String after = text("/monitor/report.json?from=2025-04-01&to=2025-04-30");
        assertThat(new ObjectMapper().readTree(after).at("/counts/urlsNotified").asLong())
                .isEqualTo(1);
    }

    @Test
    void theReportCommandWritesEveryFormat(@TempDir Path dir) throws Exception {
        TestDatabase.Info database = TestDatabase.Info.of(environment);
        String[] period = {"--from", "2025-01-01", "--to", "2025-12-31"};
        Path pdf = dir.resolve("report.pdf");
        assertThat(Cli.run(
                        database,
                        concat(period, "report", "--format", "pdf", "--language", "en", "--out", pdf.toString())))
                .startsWith("0|")
                .contains("10 URLs notified, 3 hosting companies, 50.0 % removed within 24 h");
        String text = pdfText(Files.readAllBytes(pdf));
        assertThat(text)
                .contains("CSAM hosting monitor")
                .contains("Report for 2025-01-01 to 2025-12-31")
                .contains("Top 5 hosting companies")
                .contains(names.alpha())
                .contains("Method");

        Path html = dir.resolve("report.html");
        assertThat(Cli.run(database, concat(period, "report", "--format", "html", "--out", html.toString())))
                .startsWith("0|");
        assertThat(Files.readString(html))
                .as("Dutch unless asked otherwise")
                .contains("data:image/png;base64,")
                .contains("Top 5 hostingbedrijven")
                .contains(names.gamma());
        assertThat(Cli.run(
                        database,
                        concat(period, "report", "--format", "html", "--language", "de", "--out", html.toString())))
                .startsWith("2|")
                .contains("the language is nl or en, not 'de'");

        Path json = dir.resolve("report.json");
        assertThat(Cli.run(database, concat(period, "report", "--format", "JSON", "--out", json.toString())))
                .startsWith("0|");
        assertThat(new ObjectMapper()
                        .readTree(json.toFile())
                        .at("/counts/urlsNotified")
                        .asLong())
                .isEqualTo(10);

        Path csv = dir.resolve("open-data.csv");
        assertThat(Cli.run(database, concat(period, "report", "--format", "csv", "--out", csv.toString())))
                .startsWith("0|")
                .contains("open-data-companies.csv");
        assertThat(Files.readAllLines(csv)).hasSize(11);
        assertThat(Files.readAllLines(dir.resolve("open-data-companies.csv"))).hasSize(4);

        assertThat(Cli.run(database, concat(period, "report", "--format", "docx", "--out", csv.toString())))
                .startsWith("2|")
                .contains("the format is html, pdf, csv or json, not 'docx'");
        assertThat(Cli.run(
                        database,
                        "report",
                        "--from",
                        "2025-12-31",
                        "--to",
                        "2025-01-01",
                        "--format",
                        "json",
                        "--out",
                        dir.resolve("never.json").toString()))
                .startsWith("2|")
                .contains("before it starts");
        assertThat(dir.resolve("never.json")).doesNotExist();
    }

    static String[] concat(String[] period, String... args) {
        String[] all = new String[args.length + period.length];
        all[0] = args[0];
        System.arraycopy(period, 0, all, 1, period.length);
        System.arraycopy(args, 1, all, 1 + period.length, args.length - 1);
        return all;
    }
}
