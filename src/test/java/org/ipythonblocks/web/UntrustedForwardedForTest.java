package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import jakarta.inject.Inject;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Rate limiting on, with no proxy in front (no {@code DYNO}, no {@code IPB_RATE_LIMIT_TRUSTED_PROXY_HOPS}):
 * {@code X-Forwarded-For} is then the client's own words, and the socket's address is what counts.
 */
@QuarkusTest
@TestProfile(UntrustedForwardedForTest.NoProxy.class)
class UntrustedForwardedForTest extends NotebookSiteTest {

    public static class NoProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipb.rate-limit.enabled", "true", "ipb.rate-limit.burst", "3", "ipb.rate-limit.per-minute", "1",
                    "ipb.reports.burst", "2", "ipb.reports.per-minute", "1");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RateLimits limits;

    @BeforeEach
    @AfterEach
    void emptyBuckets() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate rate_limit_buckets");
        }
    }

    @Test
    void aSpoofedForwardedForDoesNotEscapeA429() {
        assertThat(limits.trustedHops()).isZero();
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).body(TestGrids.body("BlockGrid", 1, 1, false, null))
                    .when().post("/post").then().statusCode(200);
        }
        for (String spoofed : new String[] {"198.51.100.77", "10.0.0.1, 198.51.100.78", "not-an-address", "2001:db8::1"}) {
            given().header("X-Forwarded-For", spoofed).body(TestGrids.body("BlockGrid", 1, 1, false, null))
                    .when().post("/post").then().statusCode(429);
        }
        assertThat(testGrids.count("public_grids")).isEqualTo(3);
        // one budget, the socket's: no header value became a key
        assertThat(testGrids.firstColumn("select bucket_key from rate_limit_buckets")).containsExactly("post:127.0.0.1");
    }

    @Test
    void spoofedAddressesFileNoMoreReports() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 1, 1, false, null)).substring(1);
        for (int i = 0; i < 8; i++) {
            given().redirects().follow(false).header("X-Forwarded-For", "203.0.113." + i).contentType("application/x-www-form-urlencoded")
                    .formParam("grid", grid).formParam("reason", "spam").when().post("/report").then().statusCode(i < 2 ? 303 : 429);
        }
        assertThat(testGrids.count("reports")).isEqualTo(2);
    }
}
