package io.vishwaops.standalone;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (no browser is downloaded), on the console of a
 * running platform; screenshots go to {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final int WIDTH = 1440;

    final ChromeDriver driver;
    final String console;
    private int width = WIDTH;

    private ConsoleBrowser(ChromeDriver driver, String console) {
        this.driver = driver;
        this.console = console;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static ConsoleBrowser open(StandalonePlatform platform) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + ",1400", "--lang=en-US");
        return new ConsoleBrowser(new ChromeDriver(service, options),
                "http://localhost:" + platform.options().gatewayPort() + "/console");
    }

    /** A page of the console by its hash route, e.g. {@code #/models}; reloaded when it is the page already open. */
    void show(String route) {
        String target = console + "/index.html" + route;
        boolean same = target.equals(driver.getCurrentUrl());
        driver.get(target);
        if (same) {
            driver.navigate().refresh();
        }
    }

    void signIn(String key) {
        WebElement input = waitFor(By.id("api-key"));
        input.clear();
        // the keyboard alone signs in: Enter submits the form
        input.sendKeys(key, Keys.ENTER);
        waitFor(By.id("nav"));
    }

    void signOut() {
        driver.findElement(By.id("logout")).click();
        waitFor(By.id("api-key"));
    }

    WebElement waitFor(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Until a section has loaded: it drops aria-busy when its answer (or the failure) is in. */
    WebElement loaded(String sectionId) {
        WebElement section = waitFor(By.id(sectionId));
        waitUntil(d -> section.getDomAttribute("aria-busy") == null);
        return section;
    }

    /**
     * The text of the first element matching a CSS selector, once there is one, read in one step: a panel that redraws
     * itself can replace an element between finding it and reading it.
     */
    String textOf(String cssSelector) {
        return waitUntil(d -> (String) ((JavascriptExecutor) d).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null", cssSelector));
    }

    /** On a timeout the screenshot and the page's text say what the page showed instead. */
    <T> T waitUntil(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
        }
        catch (TimeoutException ex) {
            screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError(ex.getMessage() + "\nThe page showed:\n" + driver.findElement(By.tagName("body")).getText(), ex);
        }
    }

    /** Calls to these URL patterns fail in the browser as if the service were down; none to stop blocking. */
    void block(String... urlPatterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** The window's width from now on, e.g. a laptop's 1280 pixels; screenshots keep it. */
    void windowWidth(int pixels) {
        width = pixels;
        driver.manage().window().setSize(new Dimension(width, 1400));
    }

    /** True when the page needs no sideways scrolling: wide tables scroll inside their own box. */
    boolean fitsTheWindow() {
        return (Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth");
    }

    /**
     * The whole page: the window is made as tall as the document first, with room to spare for the part of the window
     * that is not page.
     */
    void screenshot(String name) {
        Object height = script("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(width, Math.min(6000, Math.max(900, ((Number) height).intValue() + 200))));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        driver.manage().window().setSize(new Dimension(width, 1400));
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
