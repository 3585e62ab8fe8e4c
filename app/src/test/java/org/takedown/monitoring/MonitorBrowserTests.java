package org.takedown.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.takedown.attribution.HostingCompanies;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;

/**
 * The public monitor in headless Chromium, as a visitor without an account reads it: figures, top 5, both charts
 * drawn (checked in a screenshot), and the company table searched and sorted through its form.
 */
@IntegrationTest
@TestPropertySource(properties = "takedown.workers.enabled=false")
class MonitorBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

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
    void aVisitorReadsTheMonitorWithItsChartsAndSearchesTheCompanies() throws Exception {
        MonitorFixture.Names names = MonitorFixture.load(
                events,
                transactions,
                companies,
                2024,
                UUID.randomUUID().toString().substring(0, 6),
                7_200_000);
        browser.open("/monitor?from=2024-01-01&to=2024-12-31");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("CSAM hosting monitor");
        assertThat(browser.driver().findElement(By.id("publisher")).getText())
                .startsWith("Published by the authority")
                .contains("took over the hosting monitor TU Delft ran");
        assertThat(browser.driver().findElement(By.id("urls-notified")).getText())
                .isEqualTo("10");
        assertThat(browser.driver().findElement(By.id("top5")).getText())
                .contains(names.alpha())
                .contains("60.0%");
        for (String chart : List.of("removal-chart", "concentration-chart")) {
            WebElement image = browser.driver().findElement(By.id(chart));
            browser.waitUntil(d -> (Boolean) browser.driver()
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
            assertThat(image.getSize().getWidth()).as(chart).isGreaterThan(300);
        }

        // the charts are really on the screen: their bar colours in a screenshot of the page
        browser.driver().executeScript("document.getElementById('charts').scrollIntoView()");
        byte[] screenshot = browser.driver().getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/monitor-browser.png"), screenshot);
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(screenshot));
        assertThat(near(shot, 0x2e7d32)).as("green bars (removed within 24 h)").isGreaterThan(500);
        assertThat(near(shot, 0x424242) + near(shot, 0xc62828))
                .as("grey and red bars")
                .isGreaterThan(200);

        // search and sort the company table through its form
        WebElement search = browser.driver().findElement(By.id("q"));
        search.sendKeys(names.beta());
        browser.driver()
                .findElement(By.cssSelector("#company-search button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("q="));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#companies tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).startsWith(names.beta());
        browser.driver().findElement(By.id("q")).clear();
        new Select(browser.driver().findElement(By.id("sort"))).selectByValue("within24h");
        browser.driver()
                .findElement(By.cssSelector("#company-search button[type=submit]"))
                .click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("sort=within24h"));
        String table = browser.driver().findElement(By.id("companies")).getText();
        assertThat(table.indexOf(names.gamma())).isLessThan(table.indexOf(names.alpha()));

        // the method and the data attribution are part of the page
        assertThat(browser.driver().findElement(By.id("methodology")).getText())
                .contains("every 15 minutes")
                .contains("CC BY 4.0");
    }

    /** Pixels within a small distance of a colour (screenshots are scaled and blended). */
    static int near(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff))
                        + Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff))
                        + Math.abs((p & 0xff) - (rgb & 0xff));
                count += d < 24 ? 1 : 0;
            }
        }
        return count;
    }
}
