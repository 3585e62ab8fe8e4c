package org.takedown.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.intake.Channel;
import org.takedown.intake.Reports;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;

/** The triage workbench in headless Chromium: claim, assess, bulk-assess, and four eyes. */
@IntegrationTest
class TriageBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    Browser browser;

    @BeforeEach
    void start() {
        browser = Browser.start(port);
    }

    @AfterEach
    void stop() {
        browser.close();
    }

    String user(Role role) {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, null, "browser password");
        return name;
    }

    long report(String source, String url) {
        return reports.submit(Channel.API, source, null, null, null, List.of(url))
                .accepted()
                .get(0)
                .urlId();
    }

    String notice() {
        return browser.driver().findElement(By.id("notice")).getText();
    }

    @Test
    void analystClaimsAssessesAndBulkAssesses() {
        String domain = "b-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        long single = report("police", "http://" + domain + "/single.jpg");
        long first = report("police", "http://" + domain + "/1.jpg");
        long second = report("police", "http://" + domain + "/2.jpg");
        browser.signIn(user(Role.ANALYST), "browser password");

        browser.open("/intake/urls/" + single);
        browser.driver()
                .findElement(By.xpath("//button[text()='I am assessing this']"))
                .click();
        browser.waitUntil(d -> !d.findElements(By.id("notice")).isEmpty());
        assertThat(notice()).isEqualTo("You are assessing URL " + single + ".");
        new Select(browser.driver().findElement(By.id("assessment"))).selectByValue("BASELINE");
        new Select(browser.driver().findElement(By.id("siteType"))).selectByValue("IMAGE_HOST");
        browser.driver()
                .findElement(By.cssSelector("#assess button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/intake"));
        assertThat(notice()).isEqualTo("URL " + single + " assessed as BASELINE.");

        browser.open("/intake?domain=" + domain);
        browser.driver().findElement(By.id("select-" + first)).click();
        browser.driver().findElement(By.id("select-" + second)).click();
        new Select(browser.driver().findElement(By.id("bulk-assessment"))).selectByValue("NOT_ILLEGAL");
        browser.driver().findElement(By.id("bulk-reason")).sendKeys("adult");
        browser.driver()
                .findElement(By.cssSelector("#bulk button[type=submit]"))
                .click();
        browser.waitUntil(d -> !d.findElements(By.id("notice")).isEmpty());
        assertThat(notice()).isEqualTo("2 URL(s) assessed as NOT_ILLEGAL.");
        assertThat(triage.get(second).assessmentReason()).isEqualTo("adult");
    }

    @Test
    void fourEyes() {
        reports.setFourEyes("mailbox", true);
        try {
            long id = report(
                    "mailbox", "http://eyes-" + UUID.randomUUID().toString().substring(0, 8) + ".example/");
            browser.signIn(user(Role.ANALYST), "browser password");
            browser.open("/intake/urls/" + id);
            new Select(browser.driver().findElement(By.id("assessment"))).selectByValue("NATIONAL");
            browser.driver()
                    .findElement(By.cssSelector("#assess button[type=submit]"))
                    .click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/intake"));
            assertThat(notice()).contains("a supervisor must confirm it");

            browser.signIn(user(Role.HOTLINE_SUPERVISOR), "browser password");
            browser.open("/intake");
            browser.driver()
                    .findElement(By.cssSelector("#awaiting tr[data-url='" + id + "'] button"))
                    .click();
            browser.waitUntil(d -> !d.findElements(By.id("notice")).isEmpty());
            assertThat(notice()).isEqualTo("Assessment of URL " + id + " confirmed.");
            assertThat(triage.get(id).triage()).isEqualTo(TriageState.ASSESSED);
        } finally {
            reports.setFourEyes("mailbox", false);
        }
    }
}
