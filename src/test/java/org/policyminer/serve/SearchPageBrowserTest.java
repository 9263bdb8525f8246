package org.policyminer.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.policyminer.doc.AnnotatedDocument;
import org.policyminer.index.ClauseIndexer;
import org.policyminer.index.Policies;
import org.policyminer.search.ClauseSearcher;

/**
 * The search page in a real headless chromium (Debian's {@code chromium} and {@code chromium-driver}; the paths
 * can be changed with {@code -Dpolicyminer.chromium=} and {@code -Dpolicyminer.chromedriver=}). Without them the
 * test fails, unless {@code -Dpolicyminer.skipBrowserTests=true} says to skip it.
 */
class SearchPageBrowserTest {

    @TempDir
    static Path dir;
    @TempDir
    static Path profile;
    static ClauseSearcher searcher;
    static SearchServer server;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        File chromium = new File(System.getProperty("policyminer.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("policyminer.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !driver.canExecute()) {
            String why = "the browser test needs " + chromium + " and " + driver
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)";
            if (Boolean.getBoolean("policyminer.skipBrowserTests")) {
                Assumptions.abort(why + "; skipped as -Dpolicyminer.skipBrowserTests=true asks");
            }
            fail(why + "; or run with -Dpolicyminer.skipBrowserTests=true to skip it");
        }
        try (ClauseIndexer indexer = ClauseIndexer.open(dir)) {
            for (AnnotatedDocument d : Policies.sample()) {
                indexer.index(d);
            }
            indexer.commit();
        }
        searcher = ClauseSearcher.open(dir);
        server = SearchServer.start(searcher, new InetSocketAddress("127.0.0.1", 0), 4);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (searcher != null) {
            searcher.close();
        }
    }

    private static List<WebElement> hits() {
        return browser.findElements(By.cssSelector("#results .hit"));
    }

    private static void idle() {
        wait.until(d -> "false".equals(d.findElement(By.tagName("body")).getAttribute("data-busy")));
    }

    @Test
    void typeAQueryFilterByCategoryAndOpenAClauseInContext() throws IOException {
        browser.get("about:blank");
        browser.get(server.uri().toString());
        wait.until(d -> d.findElement(By.id("stats")).getText().contains("11 clauses"));
        idle();
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("retain", Keys.ENTER);
        wait.until(d -> hits().size() == 3 && d.findElements(By.cssSelector("#results mark")).size() >= 3);
        for (WebElement mark : browser.findElements(By.cssSelector("#results mark"))) {
            assertTrue(mark.getText().toLowerCase(Locale.ROOT).startsWith("retain"), mark.getText());
        }
        assertTrue(browser.findElement(By.id("status")).getText().startsWith("3 clauses in 2 policies"),
                browser.findElement(By.id("status")).getText());
        WebElement security = browser.findElement(By.cssSelector(".chip[data-category='security']"));
        assertEquals("1", security.findElement(By.className("n")).getText(), "live count over the matches");

        security.click();
        wait.until(d -> hits().size() == 1);
        idle();
        assertTrue(hits().get(0).getText().contains("Backups are retained for 30 days"), hits().get(0).getText());
        assertTrue(browser.findElement(By.cssSelector(".chip[data-category='security']")).getAttribute("class").contains("active"));
        assertTrue(browser.getCurrentUrl().contains("category=security"), browser.getCurrentUrl());
        Files.write(Path.of("target", "search-page.png"), browser.getScreenshotAs(OutputType.BYTES));

        hits().get(0).click();
        WebElement drawer = browser.findElement(By.id("drawer"));
        wait.until(d -> drawer.isDisplayed() && !d.findElements(By.cssSelector("#drawer .ctx.target")).isEmpty());
        assertEquals("Acme Privacy Policy", browser.findElement(By.id("drawer-title")).getText());
        assertTrue(browser.findElement(By.cssSelector("#drawer .ctx.target")).getText().startsWith("Backups are retained"));
        List<WebElement> context = browser.findElements(By.cssSelector("#drawer .ctx"));
        assertEquals(5, context.size(), "the neighbouring clauses of the policy");
        String sections = browser.findElement(By.id("drawer-body")).getText();
        assertTrue(sections.contains("ACME PRIVACY POLICY > DATA RETENTION"), sections);
        Files.write(Path.of("target", "search-page-context.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("drawer-close")).click();
        wait.until(d -> !drawer.isDisplayed());
    }

    @Test
    void aMalformedQueryIsExplained() {
        browser.get("about:blank");
        browser.get(server.uri().toString() + "#q=" + "retain%20AND");
        WebElement error = browser.findElement(By.id("error"));
        wait.until(d -> error.isDisplayed());
        assertTrue(error.getText().startsWith("malformed query"), error.getText());
    }
}
