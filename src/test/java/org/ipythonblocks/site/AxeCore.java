package org.ipythonblocks.site;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * axe-core, the accessibility rule engine, for the browser test: a pinned version from npm in
 * {@code target/axe-core} (installed by {@code .ci/run}, or by a developer with the command in
 * docs/operations.md; never a CDN at test time, and never by the test), and run in a page through the DevTools protocol, so the page's Content-Security-Policy
 * does not apply to it.
 */
final class AxeCore {

    static final String VERSION = "4.10.3";
    /** The WCAG 2.2 AA rules: levels A and AA of WCAG 2.0, 2.1 and 2.2. */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final Path PREFIX = Path.of("target", "axe-core");
    private static final Path SCRIPT = PREFIX.resolve(Path.of("node_modules", "axe-core", "axe.min.js"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;

    private AxeCore(String source) {
        this.source = source;
    }

    /** axe-core {@value #VERSION} as installed; fails under CI=true, skips elsewhere, when it is not there. */
    static AxeCore load() throws IOException {
        if (!installedVersion().equals(VERSION)) {
            String why = "axe-core " + VERSION + " is not installed in " + PREFIX + " (npm install --prefix " + PREFIX
                    + " axe-core@" + VERSION + "; .ci/run installs it); the accessibility checks cannot run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return new AxeCore(Files.readString(SCRIPT, StandardCharsets.UTF_8));
    }

    private static String installedVersion() {
        Path manifest = PREFIX.resolve(Path.of("node_modules", "axe-core", "package.json"));
        try {
            return Files.exists(SCRIPT) ? JSON.readTree(manifest.toFile()).path("version").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs the WCAG 2.2 AA rules on the page Chromium shows; answers one line per violation (rule, impact, first nodes). */
    List<String> violations(Chromium chromium) {
        chromium.send("Runtime.evaluate", Map.of("expression", source, "returnByValue", true));
        String run = "axe.run(document, {runOnly: {type: 'tag', values: " + TAGS.stream().map(t -> "'" + t + "'").toList()
                + "}, resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => v.id + ' (' + v.impact + '): '"
                + " + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']').join('; '))))";
        JsonNode result = chromium.send("Runtime.evaluate", Map.of("expression", run, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("axe failed: " + result.get("exceptionDetails"));
        }
        try {
            JsonNode list = JSON.readTree(result.path("result").path("value").asText());
            return JSON.convertValue(list, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable axe result " + result, e);
        }
    }
}
