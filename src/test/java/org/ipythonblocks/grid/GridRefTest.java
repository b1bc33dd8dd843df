package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GridRefTest {

    @Test
    void urlsPathsAndBareIds() {
        assertThat(GridRef.parse("http://www.ipythonblocks.org/bizkiL")).contains(new GridRef(false, "bizkiL"));
        assertThat(GridRef.parse("https://ipythonblocks.org/bizkiL/?x=1")).contains(new GridRef(false, "bizkiL"));
        assertThat(GridRef.parse("http://www.ipythonblocks.org/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(GridRef.parse("/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(GridRef.parse("secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(GridRef.parse("http://localhost:8080/get/secret/MiXoi4")).contains(new GridRef(true, "MiXoi4"));
        assertThat(GridRef.parse("/get/bizkiL")).contains(new GridRef(false, "bizkiL"));
        assertThat(GridRef.parse(" bizkiL ")).contains(new GridRef(false, "bizkiL"));
        // a bare new secret token is recognised by its shape
        assertThat(GridRef.parse("AbCdEfGhIjKlMnOpQrSt")).contains(new GridRef(true, "AbCdEfGhIjKlMnOpQrSt"));
    }

    @Test
    void nonsenseIsRejected() {
        assertThat(GridRef.parse(null)).isEmpty();
        assertThat(GridRef.parse("")).isEmpty();
        assertThat(GridRef.parse("biz")).isEmpty();
        assertThat(GridRef.parse("http://www.ipythonblocks.org/")).isEmpty();
        assertThat(GridRef.parse("/about/us/bizkiL")).isEmpty();
        assertThat(GridRef.parse("bizkiL; drop table public_grids")).isEmpty();
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
