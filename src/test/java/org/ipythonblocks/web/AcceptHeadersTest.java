package org.ipythonblocks.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tolerant reading of Accept and its kin: what is kept, what is dropped, what a client prefers. */
class AcceptHeadersTest {

    static String kept(String header) {
        return String.join(", ", AcceptHeaders.parse(header, AcceptHeaders::mediaRange).elements().stream()
                .map(AcceptHeaders.Element::text).toList());
    }

    @Test
    void wellFormedElementsAreKeptAsTheyMean() {
        assertThat(kept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isEqualTo("text/html, application/xhtml+xml, application/xml;q=0.900, */*;q=0.800");
        assertThat(kept("Text/HTML; Level=1 ; q=0.5")).isEqualTo("text/html;level=1;q=0.500");
        assertThat(kept("*/*;q=0, text/plain;q=1.000")).isEqualTo("*/*;q=0.000, text/plain");
        assertThat(AcceptHeaders.parse("text/html, */*", AcceptHeaders::mediaRange).dropped()).isFalse();
    }

    @Test
    void malformedElementsAreDroppedAsIfNotSent() {
        assertThat(kept("text/html;q=x")).isEmpty();
        assertThat(kept("a/b;q=")).isEmpty();
        assertThat(kept(";;;")).isEmpty();
        assertThat(kept("*/*;q=NaN")).isEmpty();
        assertThat(kept("*/html, text/html;q=2, text/html;q=1.5, text/html;q=0.5;q=0.4, \"x\", text/, /html")).isEmpty();
        assertThat(kept("text/html;charset=\"utf-8\", application/json")).isEqualTo("application/json");
        assertThat(kept("text/html;;q=0.5,, ,application/json")).isEqualTo("text/html;q=0.500, application/json");
        assertThat(AcceptHeaders.parse("text/html;q=x, */*", AcceptHeaders::mediaRange).dropped()).isTrue();
    }

    @Test
    void languagesCharsetsAndCodingsHaveTheirOwnShapes() {
        assertThat(AcceptHeaders.parse("en-GB, fr;q=0.5, *", AcceptHeaders::languageRange).dropped()).isFalse();
        assertThat(AcceptHeaders.parse("en;q=x", AcceptHeaders::languageRange).elements()).isEmpty();
        assertThat(AcceptHeaders.parse("toolonglanguage", AcceptHeaders::languageRange).elements()).isEmpty();
        assertThat(AcceptHeaders.parse("gzip, deflate, br;q=0.1, *", AcceptHeaders::tokenOrAny).dropped()).isFalse();
        assertThat(AcceptHeaders.parse("gzip;q=x, utf 8", AcceptHeaders::tokenOrAny).elements()).isEmpty();
    }

    @Test
    void qvaluesAreThoseOfRfc9110() {
        assertThat(AcceptHeaders.qvalue("0")).isZero();
        assertThat(AcceptHeaders.qvalue("0.5")).isEqualTo(500);
        assertThat(AcceptHeaders.qvalue("0.125")).isEqualTo(125);
        assertThat(AcceptHeaders.qvalue("1.")).isEqualTo(1000);
        assertThat(AcceptHeaders.qvalue("1.000")).isEqualTo(1000);
        assertThat(AcceptHeaders.qvalue("1.001")).isNegative();
        assertThat(AcceptHeaders.qvalue("0.1234")).isNegative();
        assertThat(AcceptHeaders.qvalue(".5")).isNegative();
        assertThat(AcceptHeaders.qvalue("-1")).isNegative();
    }

    @Test
    void aClientPrefersJsonOnlyWhenItsFavouriteIsJson() {
        assertThat(AcceptHeaders.prefersJson("application/json")).isTrue();
        assertThat(AcceptHeaders.prefersJson("application/*")).isTrue();
        assertThat(AcceptHeaders.prefersJson("text/html;q=0.5, application/json")).isTrue();
        assertThat(AcceptHeaders.prefersJson("*/*, application/json")).isTrue(); // the more specific first at equal weight
        assertThat(AcceptHeaders.prefersJson("*/*")).isFalse();
        assertThat(AcceptHeaders.prefersJson("text/html,application/xhtml+xml,*/*;q=0.8")).isFalse();
        assertThat(AcceptHeaders.prefersJson("application/json;q=0")).isFalse();
        assertThat(AcceptHeaders.prefersJson("application/json;q=x")).isFalse();
        assertThat(AcceptHeaders.prefersJson(null)).isFalse();
    }
}
