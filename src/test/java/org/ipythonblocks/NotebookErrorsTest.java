package org.ipythonblocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.web.ReasonPhrases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a notebook shows when the site says no: the unmodified client calls {@code raise_for_status()},
 * whose message is built from the status line alone ({@code "413 Client Error: <reason> for url: <url>"}),
 * so every 4xx and 5xx of {@code /post} and {@code /get/…} explains itself there, read here from a raw
 * socket exactly as it came.
 */
@QuarkusTest
class NotebookErrorsTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    TestGrids testGrids;

    @Inject
    GridTakedown takedown;

    NotebookClient client;

    @BeforeEach
    void setUp() {
        testGrids.deleteAll();
        client = new NotebookClient(root.toString());
    }

    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    RawHttp.Answer post(byte[] body, boolean chunked) {
        return RawHttp.exchange(root, "POST", "/post", body, chunked);
    }

    RawHttp.Answer get(String path) {
        return RawHttp.exchange(root, "GET", path, null, false);
    }

    @Test
    void aGridTooLargeSaysHowBigItWasTheLimitAndWhatFits() {
        byte[] big = TestGrids.body("ImageGrid", 800, 894, false, null).getBytes(StandardCharsets.US_ASCII);
        String posted = String.format(java.util.Locale.ROOT, "%.1f", big.length / (1024.0 * 1024.0));
        assertThat(posted).isEqualTo("13.4");
        RawHttp.Answer answer = post(big, false);
        assertThat(answer.raiseForStatus(url("/post"))).isEqualTo("413 Client Error: Grid too large: 13.4 MiB posted, the limit is 8 MiB "
                + "(about a 640x480 ImageGrid) for url: " + url("/post"));
        assertThat(answer.body()).contains("\"status\":413").contains("limit of 8388608 bytes");

        RawHttp.Answer chunked = post(big, true);
        assertThat(chunked.raiseForStatus(url("/post"))).isEqualTo("413 Client Error: Grid too large: over 8 MiB posted "
                + "(read up to the limit), the limit is 8 MiB (about a 640x480 ImageGrid) for url: " + url("/post"));
        assertThat(chunked.body()).contains("limit of 8388608 bytes");

        byte[] justOver = new byte[8 * 1024 * 1024 + 1];
        Arrays.fill(justOver, (byte) ' ');
        assertThat(post(justOver, false).reason()).startsWith("Grid too large: over 8 MiB posted, the limit is 8 MiB");
        assertThat(testGrids.count("public_grids")).isZero();
    }

    @Test
    void anInvalidGridNamesTheFirstProblemAndCountsTheRest() {
        Map<String, Object> payload = TestGrids.payload("BlockGrid", 3, 2, false, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = (Map<String, Object>) payload.get("grid_data");
        List<Integer> bad = List.of(-1, 0, 0, 20);
        gridData.put("blocks", List.of(List.of(bad, bad, bad), List.of(bad, bad, bad)));
        String body = PythonJson.dumps(payload);
        RawHttp.Answer answer = post(body.getBytes(StandardCharsets.UTF_8), false);
        assertThat(answer.raiseForStatus(url("/post"))).isEqualTo("400 Client Error: Grid not stored: grid_data.blocks[0][0][0] "
                + "the red value must be 0 or more, not -1 (and 5 more problems) for url: " + url("/post"));
        assertThat(answer.body()).contains("\"violations\"");

        RawHttp.Answer one = post(TestGrids.body("BlockGrid", 1, 1, false, null).replace("\"BlockGrid\"", "\"Grid\"")
                .getBytes(StandardCharsets.UTF_8), false);
        assertThat(one.reason()).isEqualTo("Grid not stored: ipb_class must be \"BlockGrid\" or \"ImageGrid\", not the text \"Grid\"");
    }

    @Test
    void clientTextInAPhraseCannotBreakTheStatusLine() {
        String hostile = "1.9.1\\r\\nSet-Cookie: a=b\\u0007 caf\\u00e9 \\u2603 " + "x".repeat(300);
        String body = TestGrids.body("BlockGrid", 1, 1, false, null).replace("\"ipb_class\": \"BlockGrid\"",
                "\"ipb_class\": \"" + hostile + "\"");
        RawHttp.Answer answer = post(body.getBytes(StandardCharsets.UTF_8), false);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head().lines()).hasSizeGreaterThan(1).noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("set-cookie"));
        assertThat(answer.reason()).startsWith("Grid not stored: ipb_class must be").hasSizeLessThanOrEqualTo(ReasonPhrases.MAX_LENGTH)
                .contains("not the text \"1.9.1 Set-Cookie: a=b caf? ? x").matches("[\\x20-\\x7e]+");
    }

    @Test
    void aMissOnThePublicRouteSuggestsSecretTrueAndNeverSaysWhetherTheSecretGridExists() {
        String secretUrl = client.postToWeb(TestGrids.body("BlockGrid", 2, 2, true, null));
        String token = secretUrl.substring(secretUrl.lastIndexOf('/') + 1);
        String unknownToken = (token.startsWith("Zz9") ? "Yy8" : "Zz9") + token.substring(3);
        assertThat(client.fromWeb(token, true).get("width").asInt()).isEqualTo(2);

        RawHttp.Answer existing = get("/get/" + token);
        RawHttp.Answer missing = get("/get/" + unknownToken);
        assertThat(existing.raiseForStatus(url("/get/" + token))).isEqualTo("404 Client Error: No public grid has this id; if it is a "
                + "secret grid, load it with from_web('" + token + "', secret=True) for url: " + url("/get/" + token));
        assertThat(missing.reason().replace(unknownToken, "ID")).isEqualTo(existing.reason().replace(token, "ID"));
        assertThat(missing.body().replace(unknownToken, "ID")).isEqualTo(existing.body().replace(token, "ID"));

        assertThat(get("/get/oTAnTn").reason()).isEqualTo("No public grid has this id; if it is a secret grid, load it with "
                + "from_web('oTAnTn', secret=True)");
        assertThat(get("/get/secret/" + unknownToken).raiseForStatus(url("/get/secret/" + unknownToken)))
                .isEqualTo("404 Client Error: No secret grid has this id: check that the whole id was copied for url: "
                        + url("/get/secret/" + unknownToken));
        assertThat(get("/get/abc").reason()).isEqualTo("No grid has this id: a grid id is 6 or more letters and digits");
    }

    @Test
    void aGridTakenDownSaysSo() {
        String id = NotebookClient.pathOf(client.postToWeb(TestGrids.body("BlockGrid", 2, 2, false, null))).substring(1);
        takedown.hide(new GridRef(false, id));
        assertThat(get("/get/" + id).raiseForStatus(url("/get/" + id)))
                .isEqualTo("410 Client Error: Gone: this grid has been taken down for url: " + url("/get/" + id));
    }

    @Test
    void safePhrasesArePrintableAndShort() {
        assertThat(ReasonPhrases.safe("a\r\nb\tc\u0000d")).isEqualTo("a b c d");
        assertThat(ReasonPhrases.safe("640\u00d7480 \u2026 caf\u00e9 \u2603")).isEqualTo("640x480 ... caf? ?");
        assertThat(ReasonPhrases.safe("y".repeat(500))).hasSize(ReasonPhrases.MAX_LENGTH).endsWith("...");
        assertThat(ReasonPhrases.safe(null)).isEqualTo("Error");
        assertThat(ReasonPhrases.size(8 * 1024 * 1024)).isEqualTo("8 MiB");
        assertThat(ReasonPhrases.size(300)).isEqualTo("300 bytes");
    }
}
