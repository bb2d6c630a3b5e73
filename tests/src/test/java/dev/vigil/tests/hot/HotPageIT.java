package dev.vigil.tests.hot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.hotapi.HotApi;
import dev.vigil.runtime.config.VigilConfig;
import dev.vigil.runtime.sinks.hot.HotTierReader;
import dev.vigil.runtime.sinks.hot.HotTierSettings;
import dev.vigil.schema.event.Event;
import dev.vigil.tests.stack.LocalStack;
import io.javalin.Javalin;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hot tier's page in a real browser (Debian's headless Chromium): the tail fills and updates as new
 * events arrive, the filters filter, and a request's view draws its hops across services as a waterfall.
 * Leaves a screenshot of each view in tests/target/hot-tier-*.png.
 */
class HotPageIT {
    private static final String TOKEN = "page-token-" + UUID.randomUUID();

    @Test
    void theTailUpdatesFiltersFilterAndTheWaterfallShowsTheHops() throws Exception {
        String prefix = "page-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        VigilConfig config = HotTierFixtures.config(prefix, "");
        long now = System.currentTimeMillis();
        List<Event> first = new ArrayList<>();
        String[][] request = {
            {"gateway", "INFO", "0"},
            {"checkout", "INFO", "12"},
            {"checkout", "WARN", "30"},
            {"payments", "INFO", "41"},
            {"payments", "ERROR", "95"},
            {"gateway", "INFO", "120"}
        };
        for (String[] r : request)
            first.add(log(
                    r[0],
                    "r-" + r[2],
                    now - 60_000 + Long.parseLong(r[2]),
                    "req-page-1",
                    r[1],
                    "handled step at +" + r[2] + " ms"));
        for (int i = 0; i < 10; i++)
            first.add(log("search", "s" + i, now - 50_000 + i, "req-search-" + i, "INFO", "query " + i + " answered"));
        write(config, first);

        try (HotTierReader reader = new HotTierReader(HotTierSettings.of(config))) {
            Javalin app = HotApi.create(reader, TOKEN).start("127.0.0.1", 0);
            WebDriver browser = chromium();
            try {
                browser.get("http://127.0.0.1:" + app.port() + "/#token=" + TOKEN);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.until(b -> rows(b).size() == 16);
                assertThat(browser.getCurrentUrl())
                        .as("the token leaves the address bar")
                        .doesNotContain(TOKEN);

                // new events appear in the running tail
                List<Event> later = new ArrayList<>();
                for (int i = 0; i < 3; i++)
                    later.add(
                            log("inventory", "i" + i, now - 1_000 + i, "req-inv-" + i, "INFO", "stock reserved " + i));
                write(config, later);
                wait.until(b -> rows(b).size() == 19);
                assertThat(rows(browser).get(18).getText())
                        .contains("inventory")
                        .contains("stock reserved 2");

                // filters: one service, then one level
                browser.findElement(By.id("service")).sendKeys("payments,checkout");
                wait.until(b -> rows(b).size() == 4);
                assertThat(rows(browser))
                        .allSatisfy(
                                r -> assertThat(r.getAttribute("data-service")).isIn("payments", "checkout"));
                browser.findElement(By.id("level")).sendKeys("error");
                wait.until(b -> rows(b).size() == 1);
                assertThat(rows(browser).get(0).getText())
                        .contains("payments")
                        .contains("ERROR")
                        .contains("handled step at +95 ms");
                screenshot(browser, "hot-tier-tail.png");

                // the request view: one bar per hop, in order, the failing one marked
                // (a row found just before a poll redraws the tail goes stale: find and click again)
                wait.ignoring(StaleElementReferenceException.class).until(b -> {
                    rows(b).get(0).findElement(By.cssSelector("a.request")).click();
                    return true;
                });
                wait.until(
                        b -> b.findElements(By.cssSelector("#waterfall .hop")).size() == 4);
                List<WebElement> hops = browser.findElements(By.cssSelector("#waterfall .hop"));
                assertThat(hops)
                        .extracting(h -> h.getAttribute("data-service"))
                        .containsExactly("gateway", "checkout", "payments", "gateway");
                assertThat(hops)
                        .extracting(h -> h.getAttribute("class"))
                        .containsExactly("hop", "hop", "hop error", "hop");
                // bars sit where their hops start: later hops further right
                List<Integer> lefts = hops.stream()
                        .map(h ->
                                h.findElement(By.className("bar")).getLocation().getX())
                        .toList();
                assertThat(lefts).isSorted();
                assertThat(lefts.get(0)).isLessThan(lefts.get(3));
                assertThat(browser.findElements(By.cssSelector("#request-events tbody tr")))
                        .hasSize(6);
                screenshot(browser, "hot-tier-request.png");
            } finally {
                browser.quit();
                app.stop();
            }
        }
    }

    private static List<WebElement> rows(WebDriver b) {
        return b.findElements(By.cssSelector("#tail tbody tr"));
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser)
                .getScreenshotAs(OutputType.FILE)
                .toPath();
        Files.copy(
                shot, LocalStack.repoRoot().resolve("tests/target").resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(VigilConfig config, List<Event> events) throws Exception {
        HotTierFixtures.write(config, events);
    }

    private static Event log(
            String service, String id, long timestamp, String correlationId, String level, String message) {
        return HotTierFixtures.log(service, id, timestamp, correlationId, level, message);
    }
}
