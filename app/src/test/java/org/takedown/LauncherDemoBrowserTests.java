package org.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.takedown.support.Browser;
import org.takedown.support.ServerProcess;

/**
 * The demo as a newcomer meets it: {@code ./takedown demo} on a fresh data directory and spare ports, then every
 * working role's screens in headless Chromium: within two minutes of the start the analyst's dashboard lists work,
 * triage has URLs, the public monitor counts notified and removed URLs with both charts drawn and the hoster portal
 * shows notices with their checks. Runs in the build's integration-test phase, after {@code package}, because the launcher starts the
 * built jar; its pictures go to {@code -Dtakedown.screenshots} (README's {@code docs/screenshots}).
 */
class LauncherDemoBrowserTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final Duration WITHIN = Duration.ofMinutes(2);

    private static final Pattern ACCOUNT = Pattern.compile(
            "^\\s+(ANALYST|HOTLINE_SUPERVISOR|OFFICER|AUTHORITY_SIGNATORY|HOSTER|ADMIN)\\s+(\\S+)\\s+(\\S+)\\s*$",
            Pattern.MULTILINE);

    private static final Path HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @Test
    void aNewcomersDemoHasDataOnEveryScreenWithinTwoMinutes() throws Exception {
        assertThat(HOME.resolve("app/target/takedown-exec.jar"))
                .as("the launcher runs the packaged jar: this test runs after the package phase")
                .exists();
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "launcher-demo-");
        Path log = data.resolve("demo.log");
        int port = ServerProcess.freePort();
        ProcessBuilder launcher = new ProcessBuilder(
                        HOME.resolve("takedown").toString(),
                        "demo",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        data.toString())
                .directory(HOME.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        launcher.environment().put("TAKEDOWN_JAVA_HOME", System.getProperty("java.home"));
        launcher.environment().put("TAKEDOWN_DB_EMBEDDED_PORT", Integer.toString(ServerProcess.freePort()));
        Instant started = Instant.now();
        Process demo = launcher.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(demo, base, log);
            // the launcher put the heap on transparent huge pages where the kernel offers them
            String kernelMode = Files.exists(HUGE_PAGES) ? Files.readString(HUGE_PAGES) : "";
            assertThat(Files.readString(log))
                    .contains(
                            kernelMode.contains("[madvise]") || kernelMode.contains("[always]")
                                    ? "transparent huge pages on ("
                                    : "transparent huge pages off (");
            Map<String, String> passwords = accounts(Files.readString(log));
            assertThat(passwords)
                    .containsKeys("analyst", "hotline-supervisor", "officer", "authority-signatory", "hoster", "admin");
            try (Browser browser = Browser.start(base)) {
                seeTheScreens(browser, passwords, started.plus(WITHIN));
            }
        } finally {
            stop(demo);
        }
    }

    private static void seeTheScreens(Browser browser, Map<String, String> passwords, Instant deadline) {
        WebDriver driver = browser.driver();
        WebDriverWait patient = new WebDriverWait(
                driver, Duration.between(Instant.now(), deadline).abs());

        browser.open("/monitor");
        patient.until(d -> {
            d.navigate().refresh();
            return number(d, "urls-notified") > 0
                    && d.findElement(By.id("within-24h")).getText().matches(".*\\(\\d*[1-9]\\d*\\)");
        });
        for (String chart : List.of("removal", "concentration")) {
            WebElement image = driver.findElement(By.cssSelector("img[src*='/monitor/charts/" + chart + ".png']"));
            patient.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                                    .executeScript(
                                            "return arguments[0].complete ? arguments[0].naturalWidth : 0", image))
                            .intValue()
                    > 0);
        }
        browser.screenshot("monitor");

        browser.signIn("analyst", passwords.get("analyst"));
        browser.open("/dashboard");
        patient.until(d -> refreshed(d, "#attention li"));
        browser.open("/intake");
        patient.until(d -> refreshed(d, "[data-url]"));

        browser.signIn("hoster", passwords.get("hoster"));
        browser.open("/dashboard");
        patient.until(d -> refreshed(d, "#attention li"));
        browser.open("/portal");
        patient.until(d -> {
            d.navigate().refresh();
            return d.findElements(By.cssSelector("section[data-notice] tr[data-url] td a")).stream()
                    .anyMatch(a -> List.of("ONLINE", "OFFLINE", "REPLACED").contains(a.getText()));
        });
        assertThat(driver.findElement(By.id("company")).getText()).isNotBlank();

        // the authority's officer sees the notified providers on the watch list
        browser.signIn("officer", passwords.get("officer"));
        browser.open("/enforcement/watch");
        patient.until(d -> refreshed(d, "#watch-list tr[data-company]"));
        assertThat(Instant.now())
                .as("all of it within two minutes of the start")
                .isBefore(deadline);
    }

    /** Reloads the page; true when it shows an element matching {@code css}. */
    private static boolean refreshed(WebDriver driver, String css) {
        driver.navigate().refresh();
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    private static long number(WebDriver driver, String id) {
        String text = driver.findElement(By.id(id)).getText().replaceAll("[^0-9]", "");
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** The demo accounts the launcher printed: user name to password. */
    private static Map<String, String> accounts(String log) {
        Map<String, String> passwords = new HashMap<>();
        Matcher m = ACCOUNT.matcher(log);
        while (m.find()) {
            passwords.put(m.group(2), m.group(3));
        }
        return passwords;
    }

    private static void awaitReady(Process demo, String base, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant giveUp = Instant.now().plus(WITHIN);
        while (Instant.now().isBefore(giveUp)) {
            assertThat(demo.isAlive())
                    .as("the demo stopped:%n%s", Files.readString(log))
                    .isTrue();
            try {
                HttpResponse<Void> ready = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the demo was not ready within " + WITHIN + ":\n" + Files.readString(log));
    }

    /** Stops the demo as Ctrl-C would (its database with it), and for good when it does not stop. */
    private static void stop(Process demo) throws InterruptedException {
        List<ProcessHandle> children = demo.descendants().toList();
        demo.destroy();
        if (!demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroy);
    }
}
