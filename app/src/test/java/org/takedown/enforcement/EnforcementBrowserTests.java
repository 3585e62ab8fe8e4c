package org.takedown.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.intake.Reports;
import org.takedown.shared.jobs.Job;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;
import org.takedown.triage.Triage;

/**
 * The authority's flow in headless Chromium: an officer reads the watch list (sorted, the flagged provider with its
 * reason, its breaches), accepts the flag into a case and drafts an order
 * (a 13-hour deadline refused on the page), cannot sign it; a supervisor signs; the officer records the delivery; at
 * the deadline the page shows per URL whether it was complied with, the documents open, and the public register never
 * lists an order (it is not a sanction).
 */
@IntegrationTest
@Import(CaseWorld.SiteRoute.class)
@TestPropertySource(
        properties = {
            "takedown.workers.enabled=false",
            "takedown.clock.mode=simulated",
            "takedown.clock.start=2026-07-01T08:00:00Z",
            "takedown.clock.speed=0",
            "takedown.attribution.static-hosts.case-ui.example=192.0.2.162",
            "takedown.probing.allow-loopback=true",
            "takedown.probing.first-look=false",
            "takedown.notices.window=1m",
            "takedown.enforcement.watch.min-urls=2"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnforcementBrowserTests {

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Autowired
    HostingCompanies companies;

    @Autowired
    UserAccounts users;

    @Autowired
    Clock clock;

    @Autowired
    List<Job> jobs;

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    static void site() throws Exception {
        CaseWorld.startSite();
    }

    @BeforeEach
    void start() {
        browser = Browser.start(port);
    }

    @AfterEach
    void stop() {
        browser.close();
    }

    @Test
    void anOfficerAndASignatoryTakeAFlaggedProviderToACheckedOrder() throws Exception {
        CaseWorld world = new CaseWorld(clock, jobs);
        long company = companies
                .create("Ui Case Hosting", "NL", "abuse@ui.test", "PORTAL", true, new BigDecimal("500000"))
                .id();
        companies.addRange(company, "192.0.2.162", "192.0.2.162", null);
        world.reportImages(reports, triage, "case-ui.example", "u", 2);
        world.advance(Duration.ofHours(49), Duration.ofMinutes(15));
        users.create("olivia-ui", Role.OFFICER, null, "officer password");
        users.create("sam-ui", Role.AUTHORITY_SIGNATORY, null, "supervisor password");

        browser.signIn("olivia-ui", "officer password");
        assertThat(text("attention")).contains("1 flagged provider(s) wait to be taken up or dismissed");

        // the watch list: the provider is flagged with its reason, the columns sort, the provider's page shows the
        // breaches with their checks
        browser.open("/enforcement/watch");
        WebElement row = browser.driver().findElement(By.cssSelector("#watch-list tr[data-company='" + company + "']"));
        assertThat(row.getAttribute("data-flagged")).isEqualTo("true");
        assertThat(row.getText())
                .contains("Ui Case Hosting", "0 %", "removed 0 % of 2 URLs within 24 h (threshold: below 80 %");
        browser.driver()
                .findElement(By.cssSelector("#watch-list a[data-sort-by=share]"))
                .click();
        browser.waitUntil(d ->
                d.findElement(By.id("watch-list")).getAttribute("data-sort").equals("share"));
        assertThat(browser.driver().findElement(By.id("watch-list")).getAttribute("data-dir"))
                .isEqualTo("desc");
        browser.driver()
                .findElement(By.cssSelector("#watch-list a[data-sort-by=share]"))
                .click();
        browser.waitUntil(d -> "asc".equals(d.findElement(By.id("watch-list")).getAttribute("data-dir")));
        browser.driver()
                .findElement(By.cssSelector("#watch-list tr[data-company='" + company + "'] a"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/enforcement/providers/" + company));
        assertThat(browser.driver().findElements(By.cssSelector("#breaches tr[data-url]")))
                .hasSize(2);
        assertThat(browser.driver().findElements(By.cssSelector("#notices tr[data-notice]")))
                .hasSize(2);
        browser.driver().findElement(By.cssSelector("#breaches tr[data-url] a")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/checks"));
        assertThat(browser.driver().findElements(By.cssSelector("#checks tbody tr")))
                .isNotEmpty()
                .allSatisfy(check -> assertThat(check.getText()).contains("ONLINE"));

        browser.open("/enforcement");
        WebElement candidate = browser.driver().findElement(By.cssSelector("#candidates tr[data-candidate]"));
        assertThat(candidate.getText()).contains("Ui Case Hosting");
        candidate.findElement(By.xpath(".//button[text()='Accept']")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/enforcement/cases/"));
        String casePath = browser.driver().getCurrentUrl().replaceFirst("^https?://[^/]+", "");

        // an order with too long a deadline is refused, then drafted with 12 hours
        fillOrder("13");
        assertThat(text("error")).isEqualTo("an order's deadline is at most 12 hours after delivery, not 13");
        fillOrder("12");
        assertThat(text("notice")).contains("drafted; an authority signatory signs it");
        browser.driver()
                .findElement(By.cssSelector("section[data-kind=ORDER] form.sign button"))
                .click();
        assertThat(text("error"))
                .isEqualTo("a decision is signed by an authority signatory; a hotline supervisor never signs one");

        browser.signIn("sam-ui", "supervisor password");
        assertThat(text("attention")).contains("1 decision(s) wait for your signature");
        browser.open(casePath);
        browser.driver()
                .findElement(By.cssSelector("section[data-kind=ORDER] form.sign button"))
                .click();
        assertThat(text("notice")).contains("signed; its documents are issued");

        browser.signIn("olivia-ui", "officer password");
        browser.open(casePath);
        WebElement deliver = browser.driver().findElement(By.cssSelector("form.deliver"));
        new Select(deliver.findElement(By.name("channel"))).selectByValue("BAILIFF");
        deliver.findElement(By.name("proof")).sendKeys("bailiff's report 2026-117");
        deliver.findElement(By.cssSelector("button")).click();
        assertThat(text("notice")).startsWith("Order delivered; deadline");

        // one URL removed before the deadline, one not: the checks decide, the page shows it
        CaseWorld.pages.remove("/u-0.jpg");
        world.advance(Duration.ofHours(13), Duration.ofMinutes(5));
        browser.open(casePath);
        assertThat(browser.driver().findElements(By.cssSelector("section[data-kind=ORDER] td.compliance")))
                .extracting(WebElement::getText)
                .containsExactly("yes", "no");
        // the officer switches the page to Dutch and back: the decision reads in both, the choice stays for the session
        browser.driver()
                .findElement(By.cssSelector("#languages a[hreflang=nl]"))
                .click();
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("nl");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("section[data-kind=ORDER] h3"))
                        .getText())
                .matches("Bevel \\d+ \\(versie 1, ondertekend\\)");
        assertThat(browser.driver().findElements(By.cssSelector("section[data-kind=ORDER] td.compliance")))
                .extracting(WebElement::getText)
                .containsExactly("ja", "nee");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("Besluiten", "Binnen de termijn nagekomen", "Een bevel opstellen");
        browser.open(casePath);
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).startsWith("Zaak ");
        browser.driver()
                .findElement(By.cssSelector("#languages a[hreflang=en]"))
                .click();
        assertThat(browser.driver()
                        .findElement(By.cssSelector("section[data-kind=ORDER] h3"))
                        .getText())
                .matches("Order \\d+ \\(version 1, signed\\)");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).startsWith("Case ");
        // the authority's documents are issued in Dutch unless configured otherwise; the page is in the viewer's
        browser.driver().findElement(By.linkText("HTML")).click();
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("Bevel tot ontoegankelijk maken van materiaal")
                .contains("http://case-ui.example/u-1.jpg");

        // the provider downloads its DSA figures and statements of reasons from the portal
        users.create("hoster-ui", Role.HOSTER, company, "hoster password");
        browser.signIn("hoster-ui", "hoster password");
        browser.open("/portal");
        browser.driver().findElement(By.id("dsa-link")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/dsa"));
        assertThat(text("notices-received")).isEqualTo("1");
        assertThat(text("notices-actioned")).isEqualTo("1");
        assertThat(text("orders-received")).isEqualTo("1");
        assertThat(text("statements")).isEqualTo("2");
        String jsonl =
                fetch(browser.driver().findElement(By.id("download-jsonl")).getAttribute("href"));
        List<String> lines = jsonl.lines().toList();
        assertThat(lines).hasSize(2);
        com.networknt.schema.JsonSchema schema = sorSchema();
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : lines) {
            assertThat(schema.validate(mapper.readTree(line))).as(line).isEmpty();
        }
        assertThat(schema.validate(mapper.readTree(lines.get(0).replace("STATEMENT_CATEGORY_", "CATEGORY_"))))
                .as("the schema is a real check")
                .isNotEmpty();
        assertThat(jsonl)
                .contains("\"source_type\":\"SOURCE_TRUSTED_FLAGGER\"")
                .contains("\"source_type\":\"SOURCE_TYPE_OTHER_NOTIFICATION\"")
                .contains("KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL")
                .contains("http://case-ui.example/u-0.jpg")
                .doesNotContain("u-1.jpg");
        try (org.apache.commons.csv.CSVParser csv = org.apache.commons.csv.CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(fetch(
                        browser.driver().findElement(By.id("download-csv")).getAttribute("href"))))) {
            assertThat(csv.getHeaderNames()).isEqualTo(StatementOfReasons.COLUMNS);
            assertThat(csv.getRecords())
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.get("decision_ground")).isEqualTo("DECISION_GROUND_ILLEGAL_CONTENT"));
        }
        browser.open("/portal/companies/" + (company + 1000) + "/dsa");
        assertThat(browser.driver().getPageSource()).doesNotContain("DSA figures and statements of reasons");

        // an order is not a sanction: after the publication delay the public register still does not list it
        world.advance(Duration.ofDays(15), Duration.ofDays(1));
        browser.driver().manage().deleteAllCookies();
        browser.open("/sanctions");
        assertThat(browser.driver().findElement(By.id("sanctions")).getText())
                .doesNotContain("Ui Case Hosting")
                .contains("No decision has been published.");
    }

    /** Fetches a link in the signed-in browser, as a download does. */
    private String fetch(String href) {
        return (String) browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch(arguments[0]).then(r => r.text()).then(done);",
                        href);
    }

    static com.networknt.schema.JsonSchema sorSchema() throws java.io.IOException {
        try (var in = EnforcementBrowserTests.class.getResourceAsStream("/dsa/statement-of-reasons.schema.json")) {
            return com.networknt.schema.JsonSchemaFactory.getInstance(
                            com.networknt.schema.SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
    }

    private void fillOrder(String hours) {
        WebElement form = browser.driver().findElement(By.id("order-form"));
        form.findElement(By.id("order-basis")).clear();
        form.findElement(By.id("order-basis")).sendKeys("Art. 3 Wet ATKM");
        form.findElement(By.id("order-reasons")).clear();
        form.findElement(By.id("order-reasons")).sendKeys("online after the notice's deadline");
        WebElement deadline = form.findElement(By.id("deadline-hours"));
        // the browser's own number check would stop 13 before the server sees it: the server's rule is tested here
        browser.driver().executeScript("arguments[0].removeAttribute('max')", deadline);
        deadline.clear();
        deadline.sendKeys(hours);
        form.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitUntil(
                d -> !d.findElements(By.cssSelector("#notice, #error")).isEmpty());
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }
}
