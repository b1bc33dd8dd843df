package org.ipythonblocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class LogMaskTest {

    static final String TOKEN = "Ab3dEf6hIj9lMn2pQr5t"; // a secret grid's 20 characters
    static final String DELETE_TOKEN = "q0Z-r_8xWv3Uy7Ts6Ab2Cd4Ef9Gh1Jk5"; // 24 random bytes, URL-safe base 64

    @Test
    void aSecretIdIsShortenedOnEveryRoute() {
        assertThat(LogMask.mask("/secret/" + TOKEN)).isEqualTo("/secret/Ab3d…");
        assertThat(LogMask.mask("/get/secret/" + TOKEN)).isEqualTo("/get/secret/Ab3d…");
        assertThat(LogMask.mask("/embed/secret/" + TOKEN)).isEqualTo("/embed/secret/Ab3d…");
        assertThat(LogMask.mask("/secret/" + TOKEN + ".png")).isEqualTo("/secret/Ab3d….png");
        assertThat(LogMask.mask("/secret/" + TOKEN + ".svg")).isEqualTo("/secret/Ab3d….svg");
        assertThat(LogMask.mask("/secret/k3XbRq")).as("a legacy secret id").isEqualTo("/secret/k3Xb…");
        assertThat(LogMask.mask("grid http://www.ipythonblocks.org/secret/" + TOKEN + " hidden, and secret/" + TOKEN))
                .isEqualTo("grid http://www.ipythonblocks.org/secret/Ab3d… hidden, and secret/Ab3d…");
    }

    @Test
    void aDeleteTokenIsShortenedAsAValueOrAWord() {
        assertThat(LogMask.mask("{\"url\": \"bizkiL\", \"delete_token\": \"" + DELETE_TOKEN + "\"}"))
                .isEqualTo("{\"url\": \"bizkiL\", \"delete_token\": \"q0Z-…\"}");
        assertThat(LogMask.mask("delete_token=" + DELETE_TOKEN)).isEqualTo("delete_token=q0Z-…");
        assertThat(LogMask.mask("wrong token " + DELETE_TOKEN + " for bizkiL")).isEqualTo("wrong token q0Z-… for bizkiL");
    }

    @Test
    void whatIsNoSecretIsLeftAsItIs() {
        for (String line : new String[] { "8f0e6c1d2b3a49586a7b8c9d0e1f2a3b GET /bizkiL 200 1ms 5120B", "/get/bizkiL", "/post",
                "/secret/abc", "/embed/bizkiL", "org.ipythonblocks.heroku.GracefulShutdownIT" }) {
            assertThat(LogMask.mask(line)).isSameAs(line);
        }
        assertThat(LogMask.mask(null)).isNull();
    }

    @Test
    void theLogFilterMasksTheMessageAndTheExceptionsAndKeepsEveryRecord() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "request %s: GET %s failed", ExtLogRecord.FormatStyle.PRINTF,
                LogMaskTest.class.getName());
        record.setParameters(new Object[] { "abc12345", "/secret/" + TOKEN });
        IllegalStateException cause = new IllegalStateException("no row for token " + TOKEN.substring(0, 4) + " delete_token " + DELETE_TOKEN);
        record.setThrown(new RuntimeException("while drawing /secret/" + TOKEN + ".png", cause));

        assertThat(new LogMask().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("request abc12345: GET /secret/Ab3d… failed");
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains("java.lang.RuntimeException: while drawing /secret/Ab3d….png")
                .contains("Caused by: java.lang.IllegalStateException: no row for token Ab3d delete_token q0Z-…")
                .contains("at org.ipythonblocks.LogMaskTest.theLogFilterMasksTheMessageAndTheExceptionsAndKeepsEveryRecord")
                .doesNotContain(TOKEN).doesNotContain(DELETE_TOKEN);
    }
}
