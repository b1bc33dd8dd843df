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
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Loads every kind of page in a real browser (Debian's headless Chromium) at phone, tablet and
 * desktop widths, in the light and the dark scheme: no console error, no failed request, no
 * sideways scroll, grids in their true shape (square blocks stay square), and (at 320 and 1280 px)
 * no WCAG 2.2 AA violation found by axe-core; a screenshot of each in
 * {@code target/screenshots/<page>-<width>-<scheme>.png}. Also drives the keyboard explorer of a grid.
 */
@QuarkusTest
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int[] WIDTHS = { 320, 390, 768, 1280 };
    static final List<String> SCHEMES = List.of("light", "dark");

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @BeforeEach
    @AfterEach
    void cleanUp() {
        testGrids.deleteAll();
    }

    /** A checkerboard of two colours in square blocks, posted as the client posts it. */
    static String checkerboard(String ipbClass, int width, int height, int size, boolean linesOn, boolean secret, List<String> code) {
        Map<String, Object> payload = TestGrids.payload(ipbClass, width, height, secret, code);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = (Map<String, Object>) payload.get("grid_data");
        List<List<int[]>> rows = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<int[]> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                row.add((r + c) % 2 == 0 ? new int[] { 255, 215, 0, size } : new int[] { 0, 0, 128, size });
            }
            rows.add(row);
        }
        gridData.put("blocks", rows);
        gridData.put("lines_on", linesOn);
        return PythonJson.dumps(payload);
    }

    long axeNanos;

    @Test
    void everyPageFitsEveryScreenKeepsItsGridsSquareAndPassesWcag22AaInLightAndDark() throws Exception {
        Path executable = Chromium.executable();
        AxeCore axe = AxeCore.load();
        String base = root.toString().replaceAll("/$", "");
        NotebookClient client = new NotebookClient(base);
        List<String> code = List.of(
                "from ipythonblocks import BlockGrid\n\ngrid = BlockGrid(10, 10, fill=(255, 215, 0))  # a line long enough to scroll sideways on a phone",
                "for block in grid:\n    if (block.row + block.col) % 2:  # every other block, café 日本 🎉\n        block.rgb = (0, 0, 128)\ngrid");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("about", "/about");
        pages.put("privacy", "/privacy");
        pages.put("recent", "/recent");
        pages.put("grid-10", path(client.postToWeb(checkerboard("BlockGrid", 10, 10, 20, true, false, code))));
        pages.put("grid-30", path(client.postToWeb(checkerboard("BlockGrid", 30, 30, 20, true, false, null))));
        pages.put("grid-50", path(client.postToWeb(checkerboard("BlockGrid", 50, 50, 20, true, false, null))));
        pages.put("grid-100", path(client.postToWeb(checkerboard("BlockGrid", 100, 100, 20, true, false, null))));
        pages.put("image-grid", path(client.postToWeb(checkerboard("ImageGrid", 320, 240, 1, false, false, null))));
        String secret = path(client.postToWeb(checkerboard("BlockGrid", 12, 12, 20, true, true, null)));
        pages.put("secret-grid", secret);
        pages.put("not-found", "/no/such/page");
        pages.put("embed", "/embed" + pages.get("grid-30"));
        pages.put("embed-secret", "/embed" + secret);
        String deliberate404 = base + pages.get("not-found");

        Files.createDirectories(SCREENSHOTS);
        List<String> problems = new ArrayList<>();
        try (Chromium chromium = Chromium.launch(executable)) {
            for (int width : WIDTHS) {
                chromium.send("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", width < 600));
                for (String scheme : SCHEMES) {
                    chromium.send("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                    for (Map.Entry<String, String> page : pages.entrySet()) {
                        String where = page.getKey() + " at " + width + " px, " + scheme + ": ";
                        load(chromium, base + page.getValue(), page.getKey());
                        chromium.events().forEach(e -> problem(e, deliberate404).ifPresent(p -> problems.add(where + p)));
                        // Against the device width: a mobile layout viewport grows to fit what overflows.
                        if (!evaluate(chromium, "document.documentElement.scrollWidth <= " + width).equals("true")) {
                            problems.add(where + "the page is wider than the screen");
                        }
                        shapeProblem(chromium).ifPresent(p -> problems.add(where + p));
                        if (width == WIDTHS[0] || width == WIDTHS[WIDTHS.length - 1]) { // axe is most of the test's time
                            long t0 = System.nanoTime();
                            axe.violations(chromium).forEach(v -> problems.add(where + "axe: " + v));
                            axeNanos += System.nanoTime() - t0;
                        }
                        screenshot(chromium, page.getKey() + "-" + width + "-" + scheme, width);
                    }
                }
            }
        }
        System.out.println("BrowserTest: axe took " + axeNanos / 1_000_000 + " ms in all");
        assertThat(problems).isEmpty();
        assertThat(SCREENSHOTS.resolve("grid-50-320-dark.png")).isNotEmptyFile();
    }

    /**
     * The grid's shape as drawn: a table's cells are square within 5 % and its box has the grid's
     * proportions (columns to rows); a picture keeps its own proportions. Empty when all is well.
     */
    static Optional<String> shapeProblem(Chromium chromium) throws Exception {
        String shape = evaluate(chromium, """
                (() => {
                  const box = document.querySelector('.ipb-grid table, .ipb-grid img, figure img');
                  if (!box) { return ''; }
                  const r = box.getBoundingClientRect();
                  const cells = box.rows ? [box.rows[0].cells[0], box.rows[box.rows.length - 1].cells[box.rows[0].cells.length - 1]] : [];
                  const parts = [r.width, r.height, box.rows ? box.rows[0].cells.length : box.naturalWidth,
                                 box.rows ? box.rows.length : box.naturalHeight];
                  cells.forEach(c => { const b = c.getBoundingClientRect(); parts.push(b.width, b.height); });
                  return parts.join(' ');
                })()""");
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        double[] v = java.util.Arrays.stream(shape.split(" ")).mapToDouble(Double::parseDouble).toArray();
        if (Math.abs(v[0] / v[1] - v[2] / v[3]) > 0.05 * v[2] / v[3]) {
            return Optional.of("grid box " + v[0] + " x " + v[1] + " px is out of the shape of " + v[2] + " x " + v[3]);
        }
        for (int i = 4; i + 1 < v.length; i += 2) {
            if (Math.abs(v[i] - v[i + 1]) > 0.05 * v[i]) {
                return Optional.of("a block is drawn " + v[i] + " x " + v[i + 1] + " px, not square");
            }
        }
        return Optional.empty();
    }

    /**
     * A keyboard user explores a grid: it is one tab stop (only with JavaScript), the arrow keys move
     * from block to block and the live region names each block as the library numbers it.
     */
    @Test
    void aKeyboardUserHearsEachBlockOfAGridWithTheArrowKeys() throws Exception {
        Path executable = Chromium.executable();
        String base = root.toString().replaceAll("/$", "");
        String grid = path(new NotebookClient(base).postToWeb(checkerboard("BlockGrid", 6, 4, 20, true, false, null)));
        try (Chromium chromium = Chromium.launch(executable)) {
            chromium.send("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            load(chromium, base + grid, "the grid page without JavaScript");
            assertThat(evaluate(chromium, "document.querySelector('.ipb-grid').tabIndex")).as("not a tab stop without JavaScript").isEqualTo("-1");
            assertThat(evaluate(chromium, "document.querySelector('.ipb-grid').getAttribute('role')")).isEqualTo("img");

            chromium.send("Emulation.setScriptExecutionDisabled", Map.of("value", false));
            load(chromium, base + grid, "the grid page");
            assertThat(evaluate(chromium, "document.querySelector('.ipb-grid').tabIndex")).isEqualTo("0");
            evaluate(chromium, "document.querySelector('.ipb-grid').focus()");
            for (String key : List.of("ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown", "ArrowDown", "ArrowDown", "ArrowDown")) {
                press(chromium, key, 0);
            }
            // Row 3 (the last: the down arrow stops there), column 3: (3 + 3) % 2 == 0, gold.
            assertThat(liveText(chromium)).isEqualTo("row 3, column 3, gold (255, 215, 0)");
            press(chromium, "ArrowLeft", 0);
            assertThat(liveText(chromium)).isEqualTo("row 3, column 2, navy (0, 0, 128)");
            press(chromium, "End", 0);
            assertThat(liveText(chromium)).isEqualTo("row 3, column 5, gold (255, 215, 0)");
            press(chromium, "Home", 2); // Ctrl+Home
            assertThat(liveText(chromium)).isEqualTo("row 0, column 0, gold (255, 215, 0)");
            press(chromium, "ArrowUp", 0);
            assertThat(liveText(chromium)).as("the edge stops the cursor").isEqualTo("row 0, column 0, gold (255, 215, 0)");
            assertThat(evaluate(chromium, "document.querySelectorAll('.ipb-current').length")).isEqualTo("1");
            screenshot(chromium, "keyboard-explorer", 800);
        }
    }

    static void press(Chromium chromium, String key, int modifiers) {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            chromium.send("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key, "modifiers", modifiers,
                    "windowsVirtualKeyCode", switch (key) {
                        case "ArrowLeft" -> 37;
                        case "ArrowUp" -> 38;
                        case "ArrowRight" -> 39;
                        case "ArrowDown" -> 40;
                        case "Home" -> 36;
                        case "End" -> 35;
                        default -> 0;
                    }));
        }
    }

    static String liveText(Chromium chromium) throws Exception {
        return evaluate(chromium, "document.querySelector('.ipb-grid + [aria-live]').textContent");
    }

    static void load(Chromium chromium, String url, String what) throws Exception {
        chromium.clearEvents();
        JsonNode navigation = chromium.send("Page.navigate", Map.of("url", url));
        assertThat(navigation.has("errorText")).as(what + ": " + navigation).isFalse();
        chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of " + what);
        Thread.sleep(100); // late requests (favicon) and console messages
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
            screenshot(chromium, "embed-framed-dark", 360);

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

    static void screenshot(Chromium chromium, String name, int width) throws Exception {
        JsonNode size = chromium.send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        double height = Math.min(size.path("height").asDouble(), 8000);
        JsonNode shot = chromium.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(SCREENSHOTS); // whichever test takes the first screenshot
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(shot.path("data").asText()));
    }

    static String path(String url) {
        return NotebookClient.pathOf(url);
    }
}
