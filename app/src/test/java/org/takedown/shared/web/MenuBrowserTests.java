package org.takedown.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.takedown.shared.security.Role;
import org.takedown.shared.security.UserAccounts;
import org.takedown.support.Browser;
import org.takedown.support.IntegrationTest;

/**
 * In headless Chromium: each role signs in through the login form and sees exactly its menu; a wrong password shows
 * the error. Needs Debian's chromium and chromium-driver ({@code .ci/run} installs them); outside CI the test is
 * skipped when they are missing.
 */
@IntegrationTest
class MenuBrowserTests {

    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    void signIn(String username, String password) {
        if (browser == null) {
            browser = Browser.start(port);
        }
        browser.signIn(username, password);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleSeesItsMenu(Role role) throws Exception {
        String name =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(name, role, role == Role.HOSTER ? 3L : null, "browser password");
        signIn(name, "browser password");

        assertThat(browser.driver().getCurrentUrl()).endsWith("/dashboard");
        assertThat(browser.driver().findElement(By.id("dashboard-title")).getText())
                .isEqualToIgnoringCase(role.name() + " dashboard");
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#menu a[data-area]"));
        Set<String> shown =
                links.stream().map(link -> link.getDomAttribute("data-area")).collect(Collectors.toSet());
        Set<String> expected = Area.ALL.stream()
                .filter(area -> area.isPublic() || area.roles().contains(role))
                .map(Area::id)
                .collect(Collectors.toSet());
        assertThat(shown).isEqualTo(expected);

        File screenshot = browser.driver().getScreenshotAs(OutputType.FILE);
        Path target =
                Path.of("target", "screenshots", "dashboard-" + role.name().toLowerCase() + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(screenshot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // every menu entry opens for this role
        for (Area area : Area.ALL) {
            if (expected.contains(area.id())) {
                browser.driver()
                        .findElement(By.cssSelector("#menu a[data-area='" + area.id() + "']"))
                        .click();
                browser.waitUntil(driver -> driver.getCurrentUrl().contains(area.path()));
                assertThat(browser.driver().findElement(By.tagName("h1")).getText())
                        .doesNotContain("403", "404", "500");
            }
        }
        browser.driver().findElement(By.cssSelector(".account button")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("signedOut"));
        assertThat(browser.driver().findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("You are signed out.");
    }

    @Test
    void wrongPasswordShowsTheReason() {
        signIn("nobody-" + UUID.randomUUID(), "not the password");
        assertThat(browser.driver().findElement(By.id("login-error")).getText())
                .isEqualTo("Wrong username or password.");
    }
}
