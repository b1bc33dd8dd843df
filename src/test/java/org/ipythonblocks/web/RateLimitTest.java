package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import jakarta.inject.Inject;

import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Rate limiting on, as in prod behind Heroku's router (one trusted hop), with a tiny bucket. */
@QuarkusTest
@TestProfile(RateLimitTest.On.class)
class RateLimitTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipb.rate-limit.enabled", "true", "ipb.rate-limit.burst", "3", "ipb.rate-limit.per-minute", "1",
                    "ipb.rate-limit.trusted-proxy-hops", "1");
        }
    }

    @Inject
    TestGrids testGrids;

    @BeforeEach
    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    static Response post(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor).body(TestGrids.body("BlockGrid", 1, 1, false, null))
                .when().post("/post");
    }

    @Test
    void overTheLimitIs429WithRetryAfterAndNothingIsStored() {
        for (int i = 0; i < 3; i++) {
            post("203.0.113.10").then().statusCode(200);
        }
        Response refused = post("203.0.113.10");
        refused.then().statusCode(429)
                .statusLine(matchesPattern("HTTP/1.1 429 Too many posts from this address: try again in \\d+ seconds \\(at most 1 a minute\\)"))
                .contentType(containsString("application/json"))
                .header("Retry-After", equalTo("60"))
                .body("title", equalTo("Too Many Requests"))
                .body("status", equalTo(429))
                .body("detail", containsString("60 seconds"));
        assertThat(testGrids.count("public_grids")).isEqualTo(3);
        // reads are never limited
        given().header("X-Forwarded-For", "203.0.113.10").when().get("/get/bizkiL").then().statusCode(200);
    }

    @Test
    void aForgedForwardedForDoesNotBuyANewBucket() {
        for (int i = 0; i < 3; i++) {
            post("10.9.9." + i + ", 203.0.113.20").then().statusCode(200);
        }
        post("8.8.8.8, 203.0.113.20").then().statusCode(429);
        // a different client (a different last hop) still posts
        post("203.0.113.21").then().statusCode(200);
    }
}
