package org.takedown.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by its chromedriver, for browser tests. In CI (environment variable CI set) a
 * missing browser fails the test; elsewhere it skips it with what to install.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** Starts a browser for the server on {@code port}, or skips the test when none is installed outside CI. */
    public static Browser start(int port) {
        return start("http://localhost:" + port);
    }

    /** Starts a browser for the server at {@code base} (scheme, host and port), or skips as {@link #start(int)}. */
    public static Browser start(String base) {
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
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new Browser(driver, base);
    }

    /**
     * Saves what the browser shows as {@code NAME.png}: under {@code target/screenshots}, or in the folder named by
     * {@code -Dtakedown.screenshots} (the README's pictures: {@code -Dtakedown.screenshots=../docs/screenshots}).
     */
    public void screenshot(String name) {
        java.nio.file.Path dir =
                java.nio.file.Path.of(System.getProperty("takedown.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Signs in through the login form, as a new visitor. */
    public void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.stacked button[type=submit]")).click();
        // the click returns before the browser has followed the redirect; wait until it has left the form
        waitUntil(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    /** Waits up to 10 s for a condition. */
    public void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition::apply);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
