package org.ipythonblocks.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.ipythonblocks.LogCapture;
import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Requests with headers no browser or notebook sends, written byte for byte on a raw socket (an HTTP
 * client library would refuse or mend them): each gets a 4xx (or the page it asked for) in the site's
 * own words, never a 500, the framework's page or its wording, and logs no WARN, ERROR or stack trace.
 */
@QuarkusTest
class MalformedRequestsTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @Inject
    GridTakedown takedown;

    String grid;
    String hidden;

    @BeforeEach
    void setUp() {
        testGrids.deleteAll();
        NotebookClient client = new NotebookClient(root.toString());
        grid = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        hidden = client.postToWebPath(TestGrids.body("BlockGrid", 3, 3, false, null));
        takedown.hide(new GridRef(false, hidden.substring(1)));
    }

    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    RawHttp.Reply get(String path, String... headerLines) {
        return request("GET", path, "", headerLines);
    }

    RawHttp.Reply request(String method, String path, String body, String... headerLines) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (!body.isEmpty()) {
            request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return RawHttp.send(root, request.append("\r\n").append(body).toString(), 15_000);
    }

    /** Ours: a page of the site or its JSON, nothing of the framework's. */
    static void assertOurs(RawHttp.Reply reply) {
        assertThat(reply.body()).doesNotContain("Unable to find matching target resource method").doesNotContain("error id")
                .doesNotContain("Exception").doesNotContain("RESTEASY").doesNotContain("at org.").doesNotContain("at io.");
        assertThat(reply.body()).satisfiesAnyOf(body -> assertThat(body).contains("<title>ipythonblocks"),
                body -> assertThat(body).startsWith("{\"title\":"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/html;q=x", "a/b;q=", ";;;", "*/*;q=NaN", "text/html;;q=2", "*/html", "text/html, ;q=1, \"x\"" })
    void aMalformedAcceptGetsWhatAValidOneGetsAndNothingIsLogged(String accept) {
        Map<String, Integer> expected = Map.of("/nope", 404, "/get/zzzzzzzz", 404, "/secret/AAAAAAAAAAAAAAAAAAAA", 404,
                grid + ".png?scale=abc", 400, hidden, 410, grid, 200, "/report/received", 200);
        try (LogCapture log = LogCapture.start()) {
            expected.forEach((path, status) -> {
                RawHttp.Reply reply = get(path, "Accept: " + accept);
                assertThat(reply.status()).as(path + " " + reply.statusLines()).isEqualTo(status);
                assertOurs(reply);
            });
            RawHttp.Reply report = request("POST", "/report", "grid=" + grid.substring(1) + "&reason=nonsense", "Accept: " + accept);
            assertThat(report.status()).as(report.statusLines().toString()).isEqualTo(400);
            assertThat(report.body()).contains("<title>ipythonblocks");
            assertThat(log.warningsAndStackTraces()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "Accept-Language: en;q=x", "Accept-Language: ;;;", "Accept-Charset: utf-8;q=x", "Accept-Encoding: gzip;q=x",
            "Accept-Encoding: ;;;q=x" })
    void otherMalformedNegotiationHeadersGetThePageToo(String header) {
        try (LogCapture log = LogCapture.start()) {
            RawHttp.Reply reply = get("/nope", header);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.body()).contains("Nothing is at");
            assertThat(log.warningsAndStackTraces()).isEmpty();
        }
    }

    @Test
    void theErrorIdOnA500IsTheRequestIdWhereverItFailed() {
        for (String path : List.of("/test-only/fail", "/test-only/route-fails")) {
            for (String accept : List.of("text/html;q=x", "text/html,application/xhtml+xml,*/*;q=0.8", "*/*")) {
                RawHttp.Reply reply = get(path, "Accept: " + accept);
                assertThat(reply.status()).as(path + " " + accept + " " + reply.text()).isEqualTo(500);
                Matcher id = Pattern.compile("(?im)^X-Request-Id: (\\S+)$").matcher(reply.head());
                assertThat(id.find()).as(reply.head()).isTrue();
                assertThat(reply.body()).as(path + " " + accept).contains(id.group(1));
                assertOurs(reply);
            }
        }
        RawHttp.Reply json = get("/test-only/route-fails", "Accept: application/json");
        assertThat(json.body()).startsWith("{\"title\":\"Internal error\",\"status\":500");
        assertThat(json.body()).contains(json.head().replaceAll("(?is).*X-Request-Id: (\\S+).*", "$1"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "a b", "[::1", "exa mple.com:99999", "x/y" })
    void aBadHostIsA400InOurWordsWithOneAccessLogLineAndNoError(String host) {
        try (LogCapture log = LogCapture.start()) {
            for (String path : List.of("/", "/nope", "/get/bizkiL")) {
                RawHttp.Reply reply = RawHttp.send(root, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", 15_000);
                assertThat(reply.status()).as(path).isEqualTo(400);
                assertThat(reply.reason()).isEqualTo("Bad request: the Host header is missing or is not a host name");
                assertThat(reply.head()).containsPattern("(?im)^X-Request-Id: [0-9a-f]{32}$").contains("X-Frame-Options: DENY");
                assertOurs(reply);
            }
            assertThat(log.warningsAndStackTraces()).isEmpty();
        }
    }

    @Test
    void aRequestWithBothContentLengthAndChunkedNeverSmugglesASecondRequest() {
        String smuggled = "0\r\n\r\nGET /about HTTP/1.1\r\nHost: localhost\r\n\r\n";
        RawHttp.Reply reply = RawHttp.send(root, "POST /post HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + smuggled, 10_000);
        assertThat(reply.statusLines()).as("one answer, then the connection is closed").hasSize(1);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.closed()).isTrue();
        assertThat(reply.text()).doesNotContain("<title>About");
    }

    @ParameterizedTest
    @ValueSource(strings = { "HTTP/1.0\r\nContent-Length: 2\r\nTransfer-Encoding: chunked", "HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: gzip",
            "HTTP/1.1\r\nTransfer-Encoding: chunked, identity" })
    void aBodyFramedTwoWaysOrByAnotherCodingIsRefused(String versionAndFraming) {
        RawHttp.Reply reply = RawHttp.send(root, "POST /post " + versionAndFraming + "\r\nHost: localhost\r\n\r\n{}", 10_000);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.reason()).startsWith("Bad request: A request may say how long its body is one way");
        assertThat(reply.closed()).isTrue();
    }

    @Test
    void thePostAndGetRoutesAnswerJsonWhateverAcceptSays() {
        for (String accept : List.of("text/html", "text/html;q=0.9, application/xml", "image/png")) {
            RawHttp.Reply posted = request("POST", "/post", TestGrids.body("BlockGrid", 1, 1, false, null), "Accept: " + accept);
            assertThat(posted.status()).as(posted.statusLines().toString()).isEqualTo(200);
            assertThat(posted.body()).contains("\"url\"");
            RawHttp.Reply got = get("/get" + grid, "Accept: " + accept);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.head()).containsIgnoringCase("Content-Type: application/json");
            RawHttp.Reply missing = get("/get/zzzzzzzz", "Accept: " + accept);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.reason()).startsWith("No public grid has this id");
        }
    }

    @Test
    void every4xxOfThePostAndGetRoutesCarriesOurReasonPhraseAndOurWords() {
        record Case(String method, String path, int status, String reason) {
        }
        for (Case c : List.of(new Case("GET", "/post", 405, "Method not allowed: /post takes POST, not GET."),
                new Case("PUT", "/post", 405, "Method not allowed: /post takes POST, not PUT."),
                new Case("DELETE", "/get/bizkiL", 405, "Method not allowed: /get/bizkiL takes GET and HEAD, not DELETE."),
                new Case("GET", "/get/ab", 404, "No grid has this id: a grid id is 6 or more letters and digits"))) {
            RawHttp.Reply reply = request(c.method(), c.path(), "");
            assertThat(reply.status()).as(c.toString()).isEqualTo(c.status());
            assertThat(reply.reason()).isEqualTo(c.reason());
            assertOurs(reply);
            assertThat(reply.body()).startsWith("{\"title\":");
        }
        RawHttp.Reply contentType = request("POST", "/post", "{}", "Content-Type: ;;;");
        assertThat(contentType.status()).isEqualTo(415);
        assertThat(contentType.reason()).isEqualTo("Unsupported media type: /post does not take this Content-Type");
        assertOurs(contentType);
    }

    /** Jackson's own words ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`") never reach a status line or a body. */
    @Test
    void aBadJsonBodyIsNamedInOurWordsNeverTheParsers() {
        String good = TestGrids.body("BlockGrid", 1, 1, false, null);
        for (String body : List.of(good.replace("\"width\": 1", "\"width\": NaN"), good.replace("\"width\": 1", "\"width\": -Infinity"),
                good.replace("false", "False"), good.replace("\"secret\"", "'secret'"), good.replace("\"width\": 1", "\"width\": 01"),
                good.replace("\"1.9.1\"", "\"1.9\n1\""), good.replace("]]]", "]]}"), good.substring(0, good.length() - 3))) {
            RawHttp.Reply reply = request("POST", "/post", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.reason()).as(body).startsWith("Grid not stored: ").contains("is not valid JSON: ");
            for (String framework : List.of("JsonReadFeature", "enable", "`", "Non-standard", "Unrecognized", "was expecting", "code 39",
                    "Source", "CTRL-CHAR")) {
                assertThat(reply.reason()).as(body).doesNotContain(framework);
                assertThat(reply.body()).as(body).doesNotContain(framework);
            }
        }
        RawHttp.Reply tooMuchCode = request("POST", "/post", TestGrids.body("BlockGrid", 1, 1, false, java.util.Collections.nCopies(501, "x")));
        assertThat(tooMuchCode.status()).isEqualTo(413);
        assertThat(tooMuchCode.reason()).isEqualTo("Grid not stored: 501 code cells posted, the limit is 500");
        RawHttp.Reply badVersion = request("POST", "/post", good.replace("\"1.9.1\"", "\"1.9.1 \\r\\nX-Injected: yes\""));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.reason()).startsWith("Grid not stored: ipb_version must be a version number like \"1.9.1\"");
    }

    @Test
    void optionsAndEvery405SayWhatAPathReallyTakes() {
        for (String path : List.of("/", "/about", "/recent", grid, grid + ".png", "/get" + grid, "/embed" + grid, "/sitemap.xml")) {
            RawHttp.Reply options = request("OPTIONS", path, "");
            assertThat(options.status()).as(path).isEqualTo(204);
            assertThat(options.head()).as(path).containsPattern("(?im)^Allow: GET, HEAD, OPTIONS$");
            assertThat(request("GET", path, "").status()).as(path).isNotEqualTo(405);
            RawHttp.Reply post = request("POST", path, "{}");
            assertThat(post.status()).as("POST " + path).isEqualTo(405);
            assertThat(post.head()).containsPattern("(?im)^Allow: GET, HEAD, OPTIONS$");
        }
        for (String path : List.of("/post", "/delete", "/report")) {
            RawHttp.Reply options = request("OPTIONS", path, "");
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.head()).as(path).containsPattern("(?im)^Allow: POST, OPTIONS$");
            RawHttp.Reply get = request("GET", path, "");
            assertThat(get.status()).as("GET " + path).isEqualTo(405);
            assertThat(get.head()).containsPattern("(?im)^Allow: POST, OPTIONS$");
            assertThat(request("POST", path, "{}").status()).as("POST " + path).isNotEqualTo(405);
        }
    }
}
