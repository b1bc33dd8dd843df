package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A view that waited its whole deadline for a render turn is told, page or JSON, to come back soon. */
@QuarkusTest
class BusyAnswerTest {

    @Test
    void aBrowserGetsAPageThatSaysWhyAndWhenToComeBack() {
        given().accept("text/html").when().get("/test-only/busy").then().statusCode(503)
                .statusLine("HTTP/1.1 503 Site busy: drawing other grids, try again in a few seconds")
                .header("Retry-After", equalTo("5")).contentType(containsString("text/html"))
                .body(containsString("try again in a few seconds"));
    }

    @Test
    void aClientThatAsksForJsonGetsTheProblemAndWhenToComeBack() {
        given().accept("application/json").when().get("/test-only/busy").then().statusCode(503)
                .statusLine("HTTP/1.1 503 Site busy: drawing other grids, try again in a few seconds")
                .header("Retry-After", equalTo("5")).contentType(containsString("application/json"))
                .body("status", equalTo(503)).body("title", equalTo("Busy drawing other grids"));
    }
}
