package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/** The one mapper and its two readings: what each lets through, checked without Quarkus. */
class GridJsonTest {

    static ByteArrayInputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bothRefuseAKeyRepeatedInOneObject() {
        assertThatThrownBy(() -> GridJson.REQUESTS.readTree(bytes("{\"a\": 1, \"a\": 2}"))).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> GridJson.ROWS.readTree("{\"a\": {\"b\": 1, \"b\": 1}}")).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field 'b'");
    }

    @Test
    void requestsAreRefusedPastSixtyFourLevelsOrAHundredDigits() throws Exception {
        assertThat(GridJson.REQUESTS.readTree(bytes("[".repeat(64) + "]".repeat(64))).isArray()).isTrue();
        assertThatThrownBy(() -> GridJson.REQUESTS.readTree(bytes("[".repeat(65) + "]".repeat(65))))
                .isInstanceOf(StreamConstraintsException.class);
        assertThat(GridJson.REQUESTS.readTree(bytes("[" + "1".repeat(100) + "]")).get(0).isBigInteger()).isTrue();
        assertThatThrownBy(() -> GridJson.REQUESTS.readTree(bytes("[" + "1".repeat(101) + "]")))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void rowsKeepDeepNestingAndLongNumbersAsTheOldSiteStoredThem() throws Exception {
        assertThat(GridJson.ROWS.readTree("[".repeat(200) + "]".repeat(200)).isArray()).isTrue();
        assertThat(GridJson.ROWS.readTree("[" + "1".repeat(150) + "]").get(0).bigIntegerValue().toString()).hasSize(150);
    }

    @Test
    void rowsKeepFloatsAsWrittenAndRefuseTrailingText() throws Exception {
        assertThat(GridJson.ROWS.readTree("[0.1, 1e400]").toString()).isEqualTo("[0.1,1E+400]");
        assertThatThrownBy(() -> GridJson.ROWS.readTree("[1] [2]")).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Trailing token");
    }

    @Test
    void requestsLeaveWhatFollowsTheValueToTheCaller() throws Exception {
        assertThat(GridJson.REQUESTS.readTree(bytes("{\"url\": \"bizkiL\"} trailing")).get("url").asText()).isEqualTo("bizkiL");
    }
}
