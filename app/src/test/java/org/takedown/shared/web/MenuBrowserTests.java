package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.IntegrationTest;

/**
 * In headless Chromium: each role signs in through the login form and sees exactly its menu; a wrong password shows
 * the error. Needs Debian's chromium and chromium-driver ({@code .ci/run} installs them); outside CI the test is
 * skipped when they are missing.
 */
@IntegrationTest
class MenuBrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @BeforeAll
    static void startBrowser() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(installed)
                    .as("chromium and chromedriver must be installed in CI")
                    .isTrue();
        }
        assumeTrue(installed, "chromium/chromedriver not installed: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        // the click returns before the browser has followed the redirect; wait until it has left the form
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> !driver.getCurrentUrl().endsWith("/login"));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleSeesItsMenu(Role role) throws Exception {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, role == Role.HOSTER ? 3L : null, "browser password");
        signIn(name, "browser password");

        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
        assertThat(browser.findElement(By.id("dashboard-title")).getText())
                .isEqualToIgnoringCase(role.name() + " dashboard");
        List<WebElement> links = browser.findElements(By.cssSelector("#menu a[data-area]"));
        Set<String> shown =
                links.stream().map(link -> link.getDomAttribute("data-area")).collect(Collectors.toSet());
        Set<String> expected = Area.ALL.stream()
                .filter(area -> area.isPublic() || area.roles().contains(role))
                .map(Area::id)
                .collect(Collectors.toSet());
        assertThat(shown).isEqualTo(expected);

        File screenshot = browser.getScreenshotAs(OutputType.FILE);
        Path target =
                Path.of("target", "screenshots", "dashboard-" + role.name().toLowerCase() + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(screenshot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // every menu entry opens for this role
        for (Area area : Area.ALL) {
            if (expected.contains(area.id())) {
                browser.findElement(By.cssSelector("#menu a[data-area='" + area.id() + "']"))
                        .click();
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(driver -> driver.getCurrentUrl().contains(area.path()));
                assertThat(browser.findElement(By.tagName("h1")).getText()).doesNotContain("403", "404", "500");
            }
        }
        browser.findElement(By.cssSelector(".account button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.getCurrentUrl().contains("signedOut"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("You are signed out.");
    }

    @Test
    void wrongPasswordShowsTheReason() {
        signIn("nobody-" + UUID.randomUUID(), "not the password");
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong username or password.");
    }
}
