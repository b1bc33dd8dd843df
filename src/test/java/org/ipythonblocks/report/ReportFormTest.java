package org.ipythonblocks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridRef;
import org.junit.jupiter.api.Test;

class ReportFormTest {

    static ReportForm parse(String body) {
        return ReportForm.parse(body.getBytes(StandardCharsets.UTF_8), host -> host.equals("www.ipythonblocks.org"));
    }

    @Test
    void readsWhatTheFormSends() {
        assertThat(parse("grid=bizkiL&reason=spam&note=Buy+%E2%82%AC+now%21"))
                .isEqualTo(new ReportForm(new GridRef(false, "bizkiL"), ReportReason.SPAM, "Buy € now!"));
        assertThat(parse("grid=secret%2FAbCdEfGhIjKlMnOpQrSt&reason=other&note="))
                .isEqualTo(new ReportForm(new GridRef(true, "AbCdEfGhIjKlMnOpQrSt"), ReportReason.OTHER, null));
        assertThat(parse("reason=harmful&grid=http%3A%2F%2Fwww.ipythonblocks.org%2FbizkiL&reason=spam&extra=1").reason())
                .as("the first of a repeated field counts, unknown fields are ignored").isEqualTo(ReportReason.HARMFUL);
    }

    @Test
    void notesKeepLineBreaksAndLoseOtherControlCharacters() {
        assertThat(ReportForm.note("  a\r\nb\tc\u0000d\u001b[31m ")).isEqualTo("a\nb\tc d [31m");
        assertThat(ReportForm.note(" \n ")).isNull();
        assertThat(ReportForm.note("😀".repeat(1000))).as("characters, not UTF-16 units").hasSize(2000);
    }

    @Test
    void eachProblemIsNamed() {
        assertProblem("grid=bizkiL", 400, "Choose a reason");
        assertProblem("grid=bizkiL&reason=SPAM", 400, "'SPAM' is not one of the reasons (harmful, personal, spam, copyright, other)");
        assertProblem("reason=spam", 400, "does not say which grid");
        assertProblem("grid=%20&reason=spam", 400, "does not say which grid");
        assertProblem("grid=..%2F..%2Fetc&reason=spam", 404, "No grid has the id '../../etc'");
        assertProblem("grid=bizkiL&reason=spam&note=" + "a".repeat(1001), 400, "The note is 1001 characters long; at most 1000 fit.");
        assertProblem("grid=bizkiL&reason=%", 400, "broken %-escape");
        assertProblem("x".repeat(ReportForm.MAX_BODY_BYTES + 1), 413, "over 16384 bytes");
    }

    static void assertProblem(String body, int status, String words) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(Problem.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(words);
        });
    }
}
