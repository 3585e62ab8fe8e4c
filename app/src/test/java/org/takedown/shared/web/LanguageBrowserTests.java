package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.takedown.intake.Channel;
import org.takedown.intake.ReportReceipt;
import org.takedown.intake.Reports;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;

/**
 * In headless Chromium, with the product's languages (Dutch first, English): a member of the public switches the
 * monitor to Dutch and its report download follows, and the report form refuses a line in Dutch; an analyst chooses Dutch on the workbench, finds it Dutch again
 * after signing in afresh (the choice is kept on the account), reads a notice after an action in Dutch, then switches
 * to English. (A decision in both languages: {@code
 * EnforcementBrowserTests}.)
 */
@IntegrationTest
@TestPropertySource(properties = "takedown.ui.languages=nl,en")
class LanguageBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Reports reports;

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String text(String css) {
        return browser.driver().findElement(By.cssSelector(css)).getText();
    }

    @Test
    void theMonitorAndTheWorkbenchInBothLanguages() {
        browser = Browser.start(port);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ReportReceipt receipt = reports.submit(
                Channel.FORM, "public", null, null, null, List.of("http://lang-" + suffix + ".example/a.jpg"));
        long urlId = receipt.accepted().getFirst().urlId();

        // the browser asks for English; the public switches the monitor to Dutch
        browser.open("/monitor");
        assertThat(text("h1")).isEqualTo("CSAM hosting monitor");
        browser.driver()
                .findElement(By.cssSelector("#languages a[hreflang=nl]"))
                .click();
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("nl");
        assertThat(text("h1")).isEqualTo("Monitor hosting van kindermisbruikmateriaal");
        assertThat(text("label[for=from]")).isEqualTo("Van");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#downloads a[href*='report.pdf']"))
                        .getDomAttribute("href"))
                .as("the report downloads in the page's language")
                .endsWith("lang=nl");
        assertThat(text("#time-zone")).contains("Europe/Amsterdam");

        // the public report form refuses a line in Dutch, and a report with no address at all
        browser.open("/report");
        browser.driver()
                .findElement(By.id("urls"))
                .sendKeys("http://lang-" + suffix + ".example/b.jpg\nftp://files.example/x");
        browser.driver().findElement(By.cssSelector("#report-form button")).click();
        assertThat(text("#rejected"))
                .isEqualTo(
                        "ftp://files.example/x: alleen http- en https-URL's kunnen offline gehaald worden, niet ftp:");

        // an analyst signs in as a new visitor (the browser asks for English) and chooses Dutch on the workbench
        users.create("analyst-" + suffix, Role.ANALYST, null, "language password");
        browser.signIn("analyst-" + suffix, "language password");
        browser.open("/intake");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("First reported");
        browser.driver()
                .findElement(By.cssSelector("#languages a[hreflang=nl]"))
                .click();
        assertThat(text("h1")).isEqualTo("Triage");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("Eerst gemeld", "In beoordeling bij");

        // the choice is kept on the account: signing in afresh (no cookie left) opens in Dutch
        browser.signIn("analyst-" + suffix, "language password");
        browser.open("/intake");
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Eerst gemeld");
        browser.open("/intake/urls/" + urlId);
        browser.driver()
                .findElement(By.cssSelector("form[action$='/claim'] button"))
                .click();
        assertThat(text("#notice")).isEqualTo("U beoordeelt URL " + urlId + ".");

        // and back to English, on the same page
        browser.driver()
                .findElement(By.cssSelector("#languages a[hreflang=en]"))
                .click();
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");
        browser.open("/intake");
        assertThat(browser.driver().findElement(By.tagName("body")).getText())
                .contains("First reported", "Being assessed by")
                .doesNotContain("Eerst gemeld");
        browser.open("/monitor");
        assertThat(text("h1")).isEqualTo("CSAM hosting monitor");
    }
}
