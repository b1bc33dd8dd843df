package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.ipythonblocks.NotebookSiteTest.management;

import java.net.URI;

import jakarta.inject.Inject;

import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class TelemetryTest {

    @Inject
    TestGrids testGrids;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    @Test
    void livenessAndReadinessWithTheDatabaseCheckOnTheManagementPort() {
        given().when().get(management() + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(management() + "/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        assertThat(URI.create(management()).getPort()).as("its own port").isNotEqualTo(RestAssured.port).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/dev-ui" })
    void healthAndMetricsAreNotOnThePublicPort(String path) {
        given().when().get(path).then().statusCode(404).body(not(containsString("UP"))).body(not(containsString("agroal")));
    }

    @Test
    void everyAnswerHasARequestIdAndAWellFormedIncomingOneIsKept() {
        String first = given().when().get("/").then().header(RequestIds.HEADER, matchesPattern("[0-9a-f]{32}"))
                .extract().header(RequestIds.HEADER);
        String second = given().when().get("/").then().extract().header(RequestIds.HEADER);
        assertThat(first).isNotEqualTo(second);
        given().header(RequestIds.HEADER, "heroku-router-1234-abcd").when().get("/").then()
                .header(RequestIds.HEADER, "heroku-router-1234-abcd");
        given().header(RequestIds.HEADER, "<script>").when().get("/").then()
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void anErrorPageShowsTheRequestIdOfItsLogLines() {
        String id = given().when().get("/test-only/boom").then().statusCode(500).extract().header(RequestIds.HEADER);
        given().header(RequestIds.HEADER, "known-id-0001").when().get("/test-only/boom").then().statusCode(500)
                .body(containsString("known-id-0001"));
        assertThat(id).matches("[0-9a-f]{32}");
    }

    @Test
    void metricsLabelEveryRequestByATemplateNeverByItsRawPathSoTheLabelsStayFew() {
        for (int i = 0; i < 50; i++) {
            given().when().post("/madeUp" + i + "x").then().statusCode(405);
            given().when().options("/made-up-" + i).then().statusCode(204);
            assertThat(RawHttp.send(root, "GET /made/up/" + i + " HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n", 10_000).status())
                    .isEqualTo(400);
        }
        given().when().get("/robots.txt").then().statusCode(200);
        String metrics = given().when().get(management() + "/metrics").then().statusCode(200).extract().asString();
        java.util.Set<String> uris = new java.util.TreeSet<>();
        java.util.regex.Matcher uri = java.util.regex.Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        while (uri.find()) {
            uris.add(uri.group(1));
        }
        assertThat(uris).noneMatch(u -> u.contains("madeUp") || u.contains("made-up") || u.contains("made/up"));
        // Micrometer keeps at most 100 uri values: past them no new route would be recorded
        assertThat(uris).contains("UNKNOWN", "/robots.txt").hasSizeLessThan(100);
    }

    @Test
    void metricsForRequestsAndThePool() {
        given().when().get("/get/bizkiL").then().statusCode(404);
        given().when().get("/no/such/page/for/metrics-123").then().statusCode(404);
        String metrics = given().when().get(management() + "/metrics").then().statusCode(200).extract().asString();
        // the route's template, not each id: one time series per route
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\",uri=\"/get/\\{id:");
        assertThat(metrics).doesNotContain("bizkiL").doesNotContain("metrics-123");
        assertThat(metrics).contains("agroal_active_count").contains("agroal_max_used_count").contains("agroal_awaiting_count");
    }
}
