package org.ipythonblocks.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Loads the pages in a real browser (Debian's headless Chromium) at a phone's and a desktop's
 * width: no console error, no failed request, nothing wider than the screen, and a screenshot of
 * each in {@code target/screenshots/<page>-<width>.png}.
 */
@QuarkusTest
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int[] WIDTHS = { 360, 1280 };

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @BeforeEach
    @AfterEach
    void cleanUp() {
        testGrids.deleteAll();
    }

    @Test
    void pagesLoadCleanlyAtPhoneAndDesktopWidths() throws Exception {
        Path executable = Chromium.executable();
        String base = root.toString().replaceAll("/$", "");
        NotebookClient client = new NotebookClient(base);
        String grid = client.postToWeb(TestGrids.body("BlockGrid", 12, 8, false, List.of(
                "from ipythonblocks import BlockGrid\n\ngrid = BlockGrid(12, 8, fill=(123, 234, 123))",
                "for block in grid:\n    if block.row % 2 == 0:  # every other row, café 日本 🎉\n        block.blue = 255\ngrid")));
        String big = client.postToWeb(TestGrids.body("ImageGrid", 160, 90, false, null));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", base + "/");
        pages.put("about", base + "/about");
        pages.put("privacy", base + "/privacy");
        pages.put("grid", base + path(grid));
        pages.put("big-grid", base + path(big));
        pages.put("embed", base + "/embed" + path(grid));
        pages.put("not-found", base + "/no/such/page");
        String deliberate404 = pages.get("not-found");

        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.launch(executable)) {
            for (int width : WIDTHS) {
                chromium.send("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", width < 600));
                for (Map.Entry<String, String> page : pages.entrySet()) {
                    chromium.clearEvents();
                    JsonNode navigation = chromium.send("Page.navigate", Map.of("url", page.getValue()));
                    assertThat(navigation.has("errorText")).as(page.getKey() + ": " + navigation).isFalse();
                    chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of " + page.getKey());
                    Thread.sleep(200); // late requests (favicon) and console messages
                    String where = page.getKey() + " at " + width + " px: ";
                    chromium.events().forEach(e -> problem(e, deliberate404).ifPresent(p -> problems.add(where + p)));

                    // Against the device width: a mobile layout viewport grows to fit what overflows.
                    boolean fits = chromium.send("Runtime.evaluate", Map.of("expression",
                            "document.documentElement.scrollWidth <= " + width, "returnByValue", true))
                            .path("result").path("value").asBoolean();
                    if (!fits) {
                        problems.add(where + "the page is wider than the screen");
                    }
                    screenshot(chromium, page.getKey(), width);
                }
            }
        }
        assertThat(problems).isEmpty();
        for (String page : pages.keySet()) {
            for (int width : WIDTHS) {
                assertThat(SCREENSHOTS.resolve(page + "-" + width + ".png")).isNotEmptyFile();
            }
        }
    }

    /**
     * The frame rules as a browser applies them: a page of another origin frames the embed page, but
     * not the grid page; the embed follows the viewer's dark preference; and on the grid page the
     * copy button's script runs under the site's Content-Security-Policy.
     */
    @Test
    void onlyTheEmbedLoadsInAnotherSitesFrameAndItFollowsTheDarkScheme() throws Exception {
        Path executable = Chromium.executable();
        String base = root.toString().replaceAll("/$", "");
        String grid = path(new NotebookClient(base).postToWeb(TestGrids.body("BlockGrid", 6, 4, false, null)));
        String otherSite = base.replace("localhost", "127.0.0.1") + "/test-only/framer?first="
                + URLEncoder.encode(base + "/embed" + grid, StandardCharsets.UTF_8) + "&second=" + URLEncoder.encode(base + grid, StandardCharsets.UTF_8);
        try (Chromium chromium = Chromium.launch(executable)) {
            chromium.clearEvents();
            chromium.send("Page.navigate", Map.of("url", otherSite));
            chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of the framing page");
            Thread.sleep(300);
            // Cross-site frames run in their own renderer, so judge by the network: which document was blocked.
            Map<String, String> documents = new LinkedHashMap<>();
            List<String> blocked = new ArrayList<>();
            for (JsonNode e : chromium.events()) {
                JsonNode params = e.path("params");
                if (e.path("method").asText().equals("Network.responseReceived") && params.path("type").asText().equals("Document")) {
                    documents.put(params.path("requestId").asText(), params.path("response").path("url").asText());
                }
                if (e.path("method").asText().equals("Network.loadingFailed")) {
                    blocked.add(params.path("requestId").asText() + " " + params.path("errorText").asText());
                }
            }
            assertThat(documents).containsValues(base + "/embed" + grid, base + grid);
            String embedRequest = documents.entrySet().stream().filter(d -> d.getValue().equals(base + "/embed" + grid)).findFirst().orElseThrow().getKey();
            String pageRequest = documents.entrySet().stream().filter(d -> d.getValue().equals(base + grid)).findFirst().orElseThrow().getKey();
            assertThat(blocked).as("the grid page is refused in the frame").contains(pageRequest + " net::ERR_BLOCKED_BY_RESPONSE");
            assertThat(blocked).as("the embed is not").noneMatch(b -> b.startsWith(embedRequest + " "));
            assertThat(chromium.events()).anySatisfy(e -> assertThat(e.path("params").path("entry").path("text").asText())
                    .contains("frame-ancestors 'none'"));

            chromium.send("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            chromium.clearEvents();
            chromium.send("Page.navigate", Map.of("url", base + "/embed" + grid));
            chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of the embed");
            assertThat(evaluate(chromium, "getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(30, 30, 30)");
            assertThat(evaluate(chromium, "document.querySelector('img').naturalWidth")).as("6 blocks of 20 px and 7 lines").isEqualTo("127");
            screenshot(chromium, "embed-dark", 360);

            chromium.send("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
            chromium.clearEvents();
            chromium.send("Page.navigate", Map.of("url", base + grid));
            chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of the grid page");
            assertThat(evaluate(chromium, "document.querySelector('.ipb-copy').hidden")).as("the copy button is shown by its script")
                    .isEqualTo("false");
        }
    }

    static String evaluate(Chromium chromium, String expression) throws Exception {
        return chromium.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result").path("value").asText();
    }

    /** A console error, an uncaught exception, or a failed request; the 404 page's own document answers 404 on purpose. */
    static Optional<String> problem(JsonNode event, String deliberate404) {
        JsonNode params = event.path("params");
        String text = switch (event.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> params.path("type").asText().equals("error") ? "console error " + params.path("args") : null;
            case "Runtime.exceptionThrown" -> "exception " + params.path("exceptionDetails");
            case "Log.entryAdded" -> params.path("entry").path("level").asText().equals("error")
                    && !params.path("entry").path("url").asText().equals(deliberate404) ? "log error " + params.path("entry") : null;
            case "Network.loadingFailed" -> "request failed " + params;
            case "Network.responseReceived" -> params.path("response").path("status").asInt() >= 400
                    && !(params.path("type").asText().equals("Document") && params.path("response").path("url").asText().equals(deliberate404))
                            ? "HTTP " + params.path("response").path("status") + " for " + params.path("response").path("url") : null;
            default -> null;
        };
        return Optional.ofNullable(text);
    }

    static void screenshot(Chromium chromium, String page, int width) throws Exception {
        JsonNode size = chromium.send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        double height = Math.min(size.path("height").asDouble(), 8000);
        JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(SCREENSHOTS); // whichever test takes the first screenshot
        Files.write(SCREENSHOTS.resolve(page + "-" + width + ".png"), Base64.getDecoder().decode(shot.path("data").asText()));
    }

    static String path(String url) {
        return NotebookClient.pathOf(url);
    }
}
