package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SecurityHeadersTest {

    @Inject
    TestGrids testGrids;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void tearDown() {
        testGrids.deleteAll();
    }

    static ValidatableResponse assertHardened(ValidatableResponse response) {
        return response
                .header("Content-Security-Policy", equalTo(SecurityHeaders.CONTENT_SECURITY_POLICY + SecurityHeaders.NOT_FRAMEABLE))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Strict-Transport-Security", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/static/ipborg.css", "/get/bizkiL", "/no/such/page", "/q/metrics",
            "/test-only/boom" })
    void everyKindOfAnswerCarriesTheHeaders(String path) {
        assertHardened(given().when().get(path).then());
    }

    @Test
    void postsAndErrorsCarryThemToo() {
        assertHardened(given().body(TestGrids.body("BlockGrid", 1, 1, false, null)).when().post("/post").then().statusCode(200));
        assertHardened(given().body("{").when().post("/post").then().statusCode(400));
        assertHardened(given().when().get("/post").then().statusCode(405));
    }

    @Test
    void hstsOnlyWhenTheVisitorCameOverHttps() {
        given().header("X-Forwarded-Proto", "https").when().get("/").then()
                .header("Strict-Transport-Security", "max-age=31536000");
        given().header("X-Forwarded-Proto", "http").when().get("/").then()
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void postIsNeverRedirectedWhateverTheScheme() {
        for (String proto : new String[] { "http", "https" }) {
            given().header("X-Forwarded-Proto", proto).redirects().follow(false)
                    .body(TestGrids.body("BlockGrid", 1, 1, false, null))
                    .when().post("/post").then().statusCode(200).header("Location", nullValue());
        }
    }

    @Test
    void onlyEmbedPagesMayBeFramed() {
        given().when().get("/embed/bizkiL").then()
                .header("X-Frame-Options", nullValue())
                .header("Content-Security-Policy", not(containsString("frame-ancestors")))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff");
        // a path that only normalises into /embed/ does not count
        given().when().get("/embedx/bizkiL").then().header("X-Frame-Options", "DENY");
        given().urlEncodingEnabled(false).when().get("/embed/../bizkiL").then().header("X-Frame-Options", "DENY");
    }

    @Test
    void aStricterReferrerPolicyOfAResourceIsKept() {
        given().when().get("/test-only/no-referrer").then().header("Referrer-Policy", "no-referrer");
        given().when().get("/test-only/lenient-referrer").then().header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @Test
    void stricterPicksTheOneThatGivesAwayLess() {
        assertThat(SecurityHeaders.stricter(null, "strict-origin-when-cross-origin")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(SecurityHeaders.stricter("no-referrer", "strict-origin-when-cross-origin")).isEqualTo("no-referrer");
        assertThat(SecurityHeaders.stricter("same-origin", "strict-origin-when-cross-origin")).isEqualTo("same-origin");
        assertThat(SecurityHeaders.stricter("unsafe-url", "strict-origin-when-cross-origin")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(SecurityHeaders.stricter("nonsense", "strict-origin-when-cross-origin")).isEqualTo("strict-origin-when-cross-origin");
    }
}
