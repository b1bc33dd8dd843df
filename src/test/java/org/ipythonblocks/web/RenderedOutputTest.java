package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** What an output weighs for the caches: every form it keeps, whenever its gzip form is made. */
class RenderedOutputTest {

    /** Text of random hex digits: gzip takes it to a little over half its size. */
    static byte[] highEntropy(int size, long seed) {
        Random random = new Random(seed);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) "0123456789abcdef".charAt(random.nextInt(16));
        }
        return body;
    }

    /** Text of random bytes from a wide alphabet: gzip keeps about 90 % of it. */
    static byte[] nearlyIncompressible(int size, long seed) {
        Random random = new Random(seed);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (32 + random.nextInt(224));
        }
        return body;
    }

    /** What the output holds now: its body and the gzip form it kept. */
    static long held(RenderedOutput output) {
        byte[] gzip = output.gzip();
        return output.body().length + (gzip == null ? 0 : gzip.length);
    }

    @Test
    void anOutputWeighsAtLeastItsBodyAndEveryGzipFormItKeepsBeforeAndAfterTheFormIsMade() {
        byte[] page = "<tr><td style=\"background-color: rgb(1, 2, 3)\"></td></tr>\n".repeat(2000).getBytes();
        for (byte[] body : new byte[][] { page, highEntropy(200_000, 1), nearlyIncompressible(200_000, 2) }) {
            RenderedOutput output = RenderedOutput.text(body, "text/html");
            long weighedBefore = output.weight();
            assertThat(weighedBefore).as("weighed before its gzip form is made").isGreaterThanOrEqualTo(held(output));
            assertThat(output.weight()).isEqualTo(weighedBefore);
        }
        RenderedOutput png = RenderedOutput.binary(nearlyIncompressible(100_000, 3), "image/png");
        assertThat(png.gzip()).isNull();
        assertThat(png.weight()).isGreaterThanOrEqualTo(100_000).isLessThan(100_000 + 1024);
    }

    @Test
    void aHighEntropyBodyIsSentAsItIsRatherThanHeldTwice() {
        RenderedOutput output = RenderedOutput.text(nearlyIncompressible(100_000, 4), "application/json");
        assertThat(output.gzip()).as("gzip would keep about 90 %").isNull();
        assertThat(output.compressible()).as("still Vary: Accept-Encoding").isTrue();
        RenderedOutput page = RenderedOutput.text("<td></td>".repeat(10_000).getBytes(), "text/html");
        assertThat(page.gzip()).isNotNull().hasSizeLessThan(page.body().length / 10);
    }

    @Test
    void aCompactOutputAnswersTheSameBytesAndTagsAndWeighsItsGzipForm() {
        byte[] page = "<li><a href=\"/abcdef\"><img src=\"/tile/abcdef.png\"></a></li>\n".repeat(100).getBytes();
        RenderedOutput full = RenderedOutput.text(page, RenderedOutput.HTML);
        RenderedOutput compact = full.compact();
        assertThat(compact.body()).as("inflated for a client without gzip").isEqualTo(page);
        assertThat(compact.gzip()).isEqualTo(full.gzip());
        assertThat(compact.etag()).isEqualTo(full.etag());
        assertThat(compact.gzipEtag()).isEqualTo(full.gzipEtag());
        assertThat(compact.mediaType()).isEqualTo(full.mediaType());
        assertThat(compact.compressible()).isTrue();
        assertThat(compact.heldBytes()).isEqualTo(full.gzip().length);
        assertThat(compact.weight()).isGreaterThanOrEqualTo(compact.heldBytes()).isLessThan(full.weight() / 5);

        RenderedOutput incompressible = RenderedOutput.text(nearlyIncompressible(10_000, 5), "application/json");
        assertThat(incompressible.compact()).as("no gzip form to keep instead").isSameAs(incompressible);
        RenderedOutput png = RenderedOutput.binary(nearlyIncompressible(10_000, 6), "image/png");
        assertThat(png.compact()).isSameAs(png);
    }
}
