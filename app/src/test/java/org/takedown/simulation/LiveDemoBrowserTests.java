package org.takedown.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.takedown.attribution.HostingCompanies;
import org.takedown.attribution.HostingCompany;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;

/**
 * The demo's live simulation in headless Chromium: a scenario runs on a fast simulated clock while a hosting company
 * follows its notices in the portal and answers one, and an analyst finds the URLs left for triage with their hosting.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "takedown.simulation.scenario=src/test/resources/scenarios/tiny.yaml",
            "takedown.simulation.live=true",
            "takedown.simulation.tick=200ms",
            "takedown.attribution.resolver=simulation",
            "takedown.probing.allow-loopback=true",
            "takedown.probing.first-look=false",
            "takedown.probing.work-interval=300ms",
            "takedown.notices.compose-interval=300ms",
            "takedown.notices.send-interval=300ms",
            "takedown.clock.mode=simulated",
            "takedown.clock.start=2026-05-04T06:00:00Z",
            "takedown.clock.speed=600"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveDemoBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    HostingCompanies companies;

    Browser browser;

    @BeforeEach
    void start() {
        browser = Browser.start(port);
    }

    @AfterEach
    void stop() {
        browser.close();
    }

    @Test
    void aHosterFollowsItsNoticesLiveAndAnAnalystTriagesTheRest() {
        WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(60));
        HostingCompany quickgone = companies.list().stream()
                .filter(c -> c.name().equals("Quickgone Hosting"))
                .findFirst()
                .orElseThrow();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        users.create("hoster-" + suffix, Role.HOSTER, quickgone.id(), "live password");
        users.create("analyst-" + suffix, Role.ANALYST, null, "live password");

        browser.signIn("hoster-" + suffix, "live password");
        browser.open("/dashboard");
        assertThat(browser.driver().findElement(By.id("acting-for")).getText()).isEqualTo("Quickgone Hosting");
        browser.open("/portal");
        wait.until(d -> {
            d.navigate().refresh();
            return !d.findElements(By.cssSelector("section[data-notice] tr[data-url]"))
                    .isEmpty();
        });
        assertThat(browser.driver().getCurrentUrl()).endsWith("/portal/companies/" + quickgone.id());
        assertThat(browser.driver().findElement(By.id("company")).getText())
                .as("the portal names the company")
                .isEqualTo("Quickgone Hosting");
        assertThat(browser.driver().getPageSource())
                .contains("quickgone-hosting-")
                .doesNotContain("<img");

        // the checks run live: wait for a URL with a check result, then answer about one still open
        wait.until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("tr[data-url] td a")).stream()
                    .anyMatch(a -> a.getText().equals("ONLINE")
                            || a.getText().equals("OFFLINE")
                            || a.getText().equals("REPLACED"));
        });
        WebElement form = wait.until(d -> d.findElements(By.cssSelector("tr[data-url] form")).stream()
                .findFirst()
                .orElse(null));
        form.findElement(By.cssSelector("select[name=kind] option[value=DISPUTE]"))
                .click();
        form.findElement(By.name("reason")).sendKeys("this is a medical illustration");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElements(By.id("notice")).stream()
                .anyMatch(e -> e.getText().contains("goes to the hotline")));

        // the home page's guided path follows one of the company's URLs; its portal step opens that URL's checks
        browser.open("/");
        WebElement trail = browser.driver().findElement(By.id("follow-one-url"));
        assertThat(trail.findElements(By.cssSelector("li a"))).hasSize(6);
        assertThat(trail.getText()).contains("quickgone-hosting-", "(sign in as analyst)", "(public)");
        browser.screenshot("follow-one-url");
        trail.findElement(By.partialLinkText("Checked until it is gone")).click();
        assertThat(browser.driver().getCurrentUrl()).contains("/portal/companies/" + quickgone.id() + "/notices/");
        assertThat(browser.driver().findElement(By.id("company")).getText()).isEqualTo("Quickgone Hosting");
        browser.screenshot("portal-checks");

        // the analyst sees what the simulation left for triage, with where it is hosted
        browser.signIn("analyst-" + suffix, "live password");
        browser.open("/intake");
        wait.until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("td.hoster")).stream()
                    .anyMatch(td -> td.getText().endsWith("Hosting"));
        });
        browser.open("/notices");
        assertThat(browser.driver().findElement(By.id("queues")).getText()).contains("notice NL Quickgone Hosting");
        assertThat(browser.driver().findElement(By.id("notices")).getText()).contains("Quickgone Hosting");
        assertThat(browser.driver().findElement(By.id("answers")).getText())
                .contains("DISPUTE")
                .contains("this is a medical illustration");
    }
}
