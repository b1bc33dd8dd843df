package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A grid's outputs (answered by Quarkus REST) and the site's own pages and static files (answered by
 * plain Vert.x routes) revalidate alike: the same ETag for the same form, 304 for a tag the client
 * holds, gzip on request with a tag of its own, and {@code Vary: Accept-Encoding} on every answer of
 * text, 200 or 304, asked for plain or gzipped; never on a PNG.
 */
@QuarkusTest
class OutputAnswersTest extends NotebookSiteTest {

    @Test
    void gridOutputsPagesAndStaticFilesAnswerETagVaryAnd304Alike() {
        // the site's own pages before posting: a post re-renders the home page 0.3 s later, with a new
        // tag; so first let another test's posts settle (no change for over 0.3 s)
        for (int i = 0; i < 20; i++) {
            String before = RawHttp.get(root.toString(), "/").headers().firstValue("ETag").orElseThrow();
            sleep(400);
            if (before.equals(RawHttp.get(root.toString(), "/").headers().firstValue("ETag").orElseThrow())) {
                break;
            }
        }
        for (String path : List.of("/", "/about", "/static/ipborg.css", "/site.webmanifest")) {
            answersETagVaryAnd304(path);
        }
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 10, 10, false, null));
        String secret = client.postToWebPath(TestGrids.body("BlockGrid", 10, 10, true, null));
        for (String path : List.of(grid, secret, grid + ".svg", "/get" + grid, "/embed" + secret)) {
            answersETagVaryAnd304(path);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answersETagVaryAnd304(String path) {
        HttpResponse<byte[]> plain = RawHttp.get(root.toString(), path);
        HttpResponse<byte[]> gzipped = RawHttp.get(root.toString(), path, "Accept-Encoding", "gzip");
        assertThat(plain.statusCode()).as(path).isEqualTo(200);
        assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
        assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(plainTag).as(path).matches("\"[A-Za-z0-9_-]+\"").isNotEqualTo(gzipTag);
        assertThat(RawHttp.get(root.toString(), path).headers().firstValue("ETag")).as(path + ": the same tag again").hasValue(plainTag);
        assertThat(List.of(plain, gzipped)).allSatisfy(answer -> assertThat(answer.headers().firstValue("Vary"))
                .as(path).hasValue("Accept-Encoding"));

        for (String[] revalidation : List.of(new String[] { plainTag }, new String[] { gzipTag, "gzip" },
                new String[] { "W/" + plainTag }, new String[] { "\"other\", " + gzipTag, "gzip" })) {
            HttpResponse<byte[]> again = revalidation.length == 1
                    ? RawHttp.get(root.toString(), path, "If-None-Match", revalidation[0])
                    : RawHttp.get(root.toString(), path, "If-None-Match", revalidation[0], "Accept-Encoding", revalidation[1]);
            assertThat(again.statusCode()).as(path + " If-None-Match: " + revalidation[0]).isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
            assertThat(again.headers().firstValue("ETag")).as(path)
                    .hasValue(revalidation.length == 1 ? plainTag : gzipTag);
            assertThat(again.headers().firstValue("Vary")).as(path).hasValue("Accept-Encoding");
        }
        assertThat(RawHttp.get(root.toString(), path, "If-None-Match", "\"other\"").statusCode()).as(path).isEqualTo(200);
    }

    @Test
    void aPngIsNeverGzippedAndSaysNoVaryWhereverItComesFrom() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 4, 4, false, null));
        for (String path : List.of(grid + ".png", "/static/icon-512.png")) {
            HttpResponse<byte[]> gzipped = RawHttp.get(root.toString(), path, "Accept-Encoding", "gzip");
            assertThat(gzipped.statusCode()).as(path).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(gzipped.headers().firstValue("Vary")).as(path).isEmpty();
            String tag = gzipped.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = RawHttp.get(root.toString(), path, "If-None-Match", tag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.headers().firstValue("ETag")).as(path).hasValue(tag);
            assertThat(again.headers().firstValue("Vary")).as(path).isEmpty();
        }
    }

    /** Text that gzip would not shrink still says Vary (it could have been gzipped), for every route alike. */
    @Test
    void textThatGzipWouldNotShrinkIsSentPlainAndStillSaysVary() {
        byte[] noise = new byte[2048];
        new java.util.Random(23).nextBytes(noise);
        RenderedOutput output = RenderedOutput.text(noise, "text/plain");
        for (String acceptEncoding : new String[] { "gzip", null, "gzip" }) {
            OutputResponses.Answer answer = OutputResponses.answer(output, acceptEncoding, null);
            assertThat(answer.gzip()).isFalse();
            assertThat(answer.etag()).isEqualTo(output.etag());
            assertThat(answer.vary()).as("Accept-Encoding: " + acceptEncoding).isTrue();
        }
        assertThat(OutputResponses.answer(RenderedOutput.text("short".getBytes(), "text/plain"), "gzip", null).vary())
                .as("too short to be worth gzip: never varies").isFalse();
        assertThat(OutputResponses.answer(output, "gzip", output.etag()).notModified()).isTrue();
    }
}
