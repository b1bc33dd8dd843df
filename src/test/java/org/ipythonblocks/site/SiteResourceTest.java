package org.ipythonblocks.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SiteResourceTest {

    @Test
    void homePageRendersFromTheDatabase() {
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("public grid"));
    }
}
