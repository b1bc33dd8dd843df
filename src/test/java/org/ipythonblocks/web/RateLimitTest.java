package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

import jakarta.inject.Inject;

import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Rate limiting on, as in prod on a Heroku dyno ({@code DYNO} set, so the router's last
 * {@code X-Forwarded-For} entry is the client), with tiny buckets; and the buckets in PostgreSQL
 * ({@link RateLimits}), with time moved on by moving their rows into the past.
 */
@QuarkusTest
@TestProfile(RateLimitTest.On.class)
class RateLimitTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipb.rate-limit.enabled", "true", "ipb.rate-limit.burst", "3", "ipb.rate-limit.per-minute", "1",
                    "ipb.dyno", "web.1", "ipb.deletes.burst", "2", "ipb.deletes.per-minute", "1");
        }
    }

    @Inject
    TestGrids testGrids;

    @Inject
    RateLimits limits;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    @AfterEach
    void clean() throws SQLException {
        testGrids.deleteAll();
        sql("truncate rate_limit_buckets");
    }

    int sql(String statement, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** As if {@code seconds} had passed for every bucket. */
    void later(double seconds) throws SQLException {
        sql("update rate_limit_buckets set updated_at = updated_at - make_interval(secs => ?), full_at = full_at - make_interval(secs => ?)",
                seconds, seconds);
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

    @Test
    void onADynoTheRoutersEntryIsTheClient() {
        assertThat(limits.trustedHops()).isOne();
        post("203.0.113.40").then().statusCode(200);
        assertThat(testGrids.firstColumn("select bucket_key from rate_limit_buckets")).containsExactly("post:203.0.113.40");
    }

    @Test
    void anIpv6ClientCountsByIts64() {
        for (int i = 1; i <= 3; i++) {
            post("2001:db8:1:2::" + i).then().statusCode(200);
        }
        // a fresh address of the same /64 buys nothing
        post("2001:db8:1:2:ffff::99").then().statusCode(429);
        post("2001:db8:1:3::1").then().statusCode(200);
        // a mapped IPv4 address is that IPv4 client
        for (int i = 0; i < 3; i++) {
            post("203.0.113.50").then().statusCode(200);
        }
        post("::ffff:203.0.113.50").then().statusCode(429);
    }

    @Test
    void failedDeletesHaveTheirOwnBudgetAndWordsAndNeverSpendPosts() {
        String url = post("203.0.113.60").then().statusCode(200).extract().path("url");
        for (int i = 0; i < 2; i++) {
            delete("203.0.113.60", url, "wrong-token-" + i).then().statusCode(403);
        }
        delete("203.0.113.60", url, "wrong-token").then().statusCode(429)
                .statusLine(matchesPattern("HTTP/1.1 429 Too many delete attempts from this address: try again in \\d+ seconds \\(at most 1 a minute\\)"))
                .header("Retry-After", equalTo("60"))
                .body("detail", containsString("has made 2 delete attempts in a short time"));
        // the post budget is untouched: two more posts of the burst of 3
        post("203.0.113.60").then().statusCode(200);
        post("203.0.113.60").then().statusCode(200);
        post("203.0.113.60").then().statusCode(429).statusLine(containsString("Too many posts from this address"));
    }

    static Response delete(String forwardedFor, String url, String token) {
        return given().header("X-Forwarded-For", forwardedFor).body(Map.of("url", url, "delete_token", token)).when().post("/delete");
    }

    @Test
    void aClassOf30BehindOneAddressPostsTwiceAtOnceThenOneAMinute() throws SQLException {
        for (int i = 0; i < 60; i++) {
            assertThat(limits.take("post", "school", 60, 30)).as("post %d", i).isZero();
        }
        assertThat(limits.take("post", "school", 60, 30)).isEqualTo(2); // 30 a minute: one token every 2 s
        later(2);
        assertThat(limits.take("post", "school", 60, 30)).isZero();
        assertThat(limits.take("post", "school", 60, 30)).isPositive();
        // another address, or another bucket of the same address, is not affected
        assertThat(limits.take("post", "home", 60, 30)).isZero();
        assertThat(limits.take("report", "school", 60, 30)).isZero();
    }

    @Test
    void aBucketRefillsUpToTheBurstOnly() throws SQLException {
        for (int i = 0; i < 3; i++) {
            limits.take("post", "a", 3, 60);
        }
        later(3600);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take("post", "a", 3, 60)).isZero();
        }
        assertThat(limits.take("post", "a", 3, 60)).isEqualTo(1);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheNextTokenAndARefusalTakesNothing() throws SQLException {
        assertThat(limits.take("post", "a", 1, 1)).isZero();
        assertThat(limits.take("post", "a", 1, 1)).isEqualTo(60);
        assertThat(limits.take("post", "a", 1, 1)).as("asking again costs nothing").isEqualTo(60);
        later(30);
        assertThat(limits.take("post", "a", 1, 1)).isEqualTo(30);
        later(30);
        assertThat(limits.take("post", "a", 1, 1)).isZero();
    }

    @Test
    void bucketsThatAreFullAgainAreDeleted() throws SQLException {
        for (int i = 0; i < 100; i++) {
            limits.take("post", "10.0.0." + i, 2, 60); // full again 1 s later
        }
        limits.take("post", "busy", 120, 60); // one token short: full 1 s later too
        limits.take("post", "slow", 100, 1); // full 60 s later
        later(1.5);
        assertThat(limits.cleanUp()).isEqualTo(101);
        assertThat(testGrids.firstColumn("select bucket_key from rate_limit_buckets")).containsExactly("post:slow");
    }
}
