package org.ipythonblocks.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * The grid page's copy buttons in a real browser, on a 360 px phone: each button puts its exact text
 * on the clipboard (the {@code from_web} code, the grid's link, the embed code), and the snippet and
 * the link wrap inside the screen instead of being cut off. The page's own script runs under the
 * site's CSP; the clipboard is the page's {@code navigator.clipboard}, recorded as it is written.
 */
@QuarkusTest
class CopyButtonsBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @BeforeEach
    @AfterEach
    void cleanUp() {
        testGrids.deleteAll();
    }

    /** Records every write to the clipboard, in order, and lets it succeed (headless Chromium has no clipboard to grant). */
    static final String RECORD_CLIPBOARD = "window.__copied = [];"
            + "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: function (text) {"
            + " window.__copied.push(text); return Promise.resolve(); } } });";

    @Test
    void eachButtonCopiesItsExactTextAndTheSecretSnippetWrapsOnAPhone() throws Exception {
        Path executable = Chromium.executable();
        String base = root.toString().replaceAll("/$", "");
        String url = new NotebookClient(base).postToWeb(TestGrids.body("ImageGrid", 4, 3, true, null));
        String token = url.substring(url.lastIndexOf('/') + 1);
        try (Chromium chromium = Chromium.launch(executable)) {
            chromium.send("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
            chromium.send("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CLIPBOARD));
            chromium.clearEvents();
            chromium.send("Page.navigate", Map.of("url", base + NotebookClient.pathOf(url)));
            chromium.awaitEvent(e -> e.path("method").asText().equals("Page.loadEventFired"), "load of the grid page");

            assertThat(evaluate(chromium, "Array.from(document.querySelectorAll('button.ipb-copy')).map(b => b.textContent + ':' + b.hidden).join('|')"))
                    .isEqualTo("Copy code:false|Copy link:false|Copy embed code:false");
            evaluate(chromium, "document.querySelectorAll('button.ipb-copy').forEach(b => b.click())");
            Thread.sleep(200);
            JsonNode copied = chromium.send("Runtime.evaluate", Map.of("expression", "window.__copied", "returnByValue", true))
                    .path("result").path("value");
            assertThat(copied).hasSize(3);
            assertThat(copied.get(0).asText()).isEqualTo("from ipythonblocks import ImageGrid\n\ngrid = ImageGrid.from_web('" + token
                    + "', secret=True)\ngrid");
            assertThat(copied.get(1).asText()).isEqualTo(url);
            assertThat(copied.get(2).asText()).startsWith("<iframe src=\"").contains("/embed/secret/" + token + "\"");
            assertThat(evaluate(chromium, "Array.from(document.querySelectorAll('.ipb-copied')).map(s => s.textContent).join('|')"))
                    .isEqualTo("Copied.|Copied.|Copied.");

            for (String selector : List.of(".ipb-wrap pre", ".ipb-share a", ".ipb-pip code")) {
                assertThat(evaluate(chromium, "(function () { var e = document.querySelector('" + selector + "'), r = e.getBoundingClientRect();"
                        + " return r.right <= window.innerWidth + 1 && (e.tagName !== 'PRE' || e.scrollWidth <= e.clientWidth + 1); })()"))
                        .as(selector + " fits in 360 px without being cut off").isEqualTo("true");
            }
            assertThat(evaluate(chromium, "document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scrolling").isEqualTo("true");
            assertThat(evaluate(chromium, "document.querySelector('.ipb-pip').textContent")).contains("pip install ipythonblocks");
        }
    }

    static String evaluate(Chromium chromium, String expression) throws Exception {
        return chromium.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true)).path("result").path("value").asText();
    }
}
