package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The access log's lines, and what it holds while standard output does not take them. */
class AccessLogTest {

    static final String LONG_PATH = "/" + "a".repeat(4095);

    @Test
    void aFloodOfLongUrlsWithStdoutStalledHoldsAtMostTheBudgetAndTheDropsAreTheNextLineWritten() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(stdout); // its writer not started: standard output stalled
        int offered = 20_000;
        long mostHeld = 0;
        for (int i = 0; i < offered; i++) {
            log.offer(AccessLog.line("0123456789abcdef0123456789abcdef", "GET", LONG_PATH + i, 414, 0, 0));
            mostHeld = Math.max(mostHeld, log.heldBytes());
        }
        assertThat(mostHeld).isLessThanOrEqualTo(AccessLog.MAX_HELD_BYTES).isGreaterThan(AccessLog.MAX_HELD_BYTES * 9 / 10);

        assertThat(log.writeBatch()).isPositive(); // output flows again
        int written;
        do {
            written = log.writeBatch();
        } while (written > 0);
        List<String> lines = Arrays.asList(stdout.toString(StandardCharsets.UTF_8).split("\n"));
        int kept = lines.size() - 1;
        assertThat(lines.get(0)).isEqualTo("access log: " + (offered - kept) + " lines dropped");
        assertThat(kept).isLessThan(offered);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line)
                .matches("0123456789abcdef0123456789abcdef GET /a{199}…\\(3\\d{3} more\\) 414 0ms 0B"));
        assertThat(log.heldBytes()).isZero();

        log.offer(AccessLog.line("id", "GET", "/", 200, 1, 2));
        log.writeBatch();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).endsWith("\nid GET / 200 1ms 2B\n").doesNotContain("0 lines dropped");
    }

    @Test
    void aLineNamesTheRequestItsMethodPathStatusTimeAndSizeWithSecretsAndLongPartsShortened() {
        assertThat(AccessLog.line("r-1", "POST", "/post", 200, 12, 95)).isEqualTo("r-1 POST /post 200 12ms 95B");
        assertThat(AccessLog.line("r-2", "GET", "/secret/abcdefghij", 200, 0, 10)).isEqualTo("r-2 GET /secret/abcd… 200 0ms 10B");
        assertThat(AccessLog.line("r-3", "X".repeat(100), "/", 405, 0, 0)).isEqualTo("r-3 XXXXXXXXXXXXXXXX…(84 more) / 405 0ms 0B");
        assertThat(AccessLog.shorten("/" + "é".repeat(300), 200)).hasSize(200 + "…(101 more)".length());
        assertThat(AccessLog.shorten("/" + "😀".repeat(150), 200)).startsWith("/" + "😀".repeat(99) + "…(")
                .endsWith("(102 more)");
    }
}
