package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GridRefTest {

    /** As a request to localhost sees it, with the production base URL. */
    static Optional<GridRef> parse(String text) {
        return GridRef.parse(text, host -> GridRef.sameSite(host, "http://www.ipythonblocks.org") || host.equals("localhost"));
    }

    @Test
    void urlsPathsAndBareIds() {
        assertThat(parse("http://www.ipythonblocks.org/bizkiL")).contains(new GridRef(false, "bizkiL"));
        assertThat(parse("https://ipythonblocks.org/bizkiL/?x=1")).contains(new GridRef(false, "bizkiL"));
        assertThat(parse("http://www.ipythonblocks.org/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(parse("/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(parse("secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(parse("http://localhost:8080/get/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(parse("/get/bizkiL")).contains(new GridRef(false, "bizkiL"));
        assertThat(parse(" bizkiL ")).contains(new GridRef(false, "bizkiL"));
        assertThat(parse("http://www.ipythonblocks.org/embed/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(parse("HTTP://WWW.IPYTHONBLOCKS.ORG:80/bizkiL")).contains(new GridRef(false, "bizkiL"));
    }

    @Test
    void aSecretGridIsNamedOnlyWithSecretAsItsPageIs() {
        // the page routes' rule: /<token> is a 404, so a token without secret/ names a public grid (none)
        assertThat(parse("AbCdEfGhIjKlMnOpQrSt")).contains(new GridRef(false, "AbCdEfGhIjKlMnOpQrSt"));
        assertThat(parse("http://www.ipythonblocks.org/AbCdEfGhIjKlMnOpQrSt")).contains(new GridRef(false, "AbCdEfGhIjKlMnOpQrSt"));
        assertThat(parse("/get/AbCdEfGhIjKlMnOpQrSt")).contains(new GridRef(false, "AbCdEfGhIjKlMnOpQrSt"));
        assertThat(parse("secret/AbCdEfGhIjKlMnOpQrSt")).contains(new GridRef(true, "AbCdEfGhIjKlMnOpQrSt"));
    }

    @Test
    void anAddressOnAnotherHostIsRefusedAndNamesTheHost() {
        for (String url : List.of("http://evil.example/bizkiL", "https://evil.example/secret/MiXoi4",
                "http://www.ipythonblocks.org@evil.example/bizkiL", "http://www.ipythonblocks.org.evil.example/bizkiL",
                "http://[::1]/bizkiL")) {
            assertThatThrownBy(() -> parse(url)).as(url).isInstanceOf(GridRef.OtherSiteException.class)
                    .hasMessageContaining("not on this site");
        }
        assertThatThrownBy(() -> parse("http://user@Evil.Example:8080/bizkiL")).isInstanceOfSatisfying(GridRef.OtherSiteException.class,
                e -> assertThat(e.host()).isEqualTo("evil.example"));
        assertThat(GridRef.sameSite("ipythonblocks.org", "http://www.ipythonblocks.org")).isTrue();
        assertThat(GridRef.sameSite("evil.org", "http://www.ipythonblocks.org")).isFalse();
    }

    @Test
    void nonsenseIsRejected() {
        assertThat(parse(null)).isEmpty();
        assertThat(parse("")).isEmpty();
        assertThat(parse("biz")).isEmpty();
        assertThat(parse("http://www.ipythonblocks.org/")).isEmpty();
        assertThat(parse("/about/us/bizkiL")).isEmpty();
        assertThat(parse("bizkiL; drop table public_grids")).isEmpty();
    }

    @Test
    void aTakedownNotificationNamesTheSpaceExplicitly() {
        // a public id as long as a token stays public: the payload never guesses from the shape
        GridRef longPublic = new GridRef(false, "AbCdEfGhIjKlMnOpQrSt");
        assertThat(GridTakedown.payload(longPublic)).isEqualTo("public:AbCdEfGhIjKlMnOpQrSt");
        assertThat(GridTakedown.fromPayload(GridTakedown.payload(longPublic))).contains(longPublic);
        assertThat(GridTakedown.fromPayload("secret:MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(GridTakedown.fromPayload("bizkiL")).isEmpty();
        assertThat(GridTakedown.fromPayload("public:biz")).isEmpty();
        assertThat(GridTakedown.fromPayload("public:bizkiL; drop")).isEmpty();
        assertThat(GridTakedown.fromPayload(null)).isEmpty();
    }
}
