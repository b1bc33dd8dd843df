package org.ipythonblocks.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Reports with the rate limit on, as in prod behind Heroku's router, and another report address configured. */
@QuarkusTest
@TestProfile(ReportLimitTest.LimitedWithAddress.class)
class ReportLimitTest extends NotebookSiteTest {

    public static class LimitedWithAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ipb.rate-limit.enabled", "true", "ipb.rate-limit.trusted-proxy-hops", "1",
                    "ipb.reports.burst", "2", "ipb.reports.per-minute", "1", "ipb.report-url", "mailto:report@example.org");
        }
    }

    static Response report(String forwardedFor, String grid) {
        return given().redirects().follow(false).header("X-Forwarded-For", forwardedFor)
                .contentType("application/x-www-form-urlencoded").formParam("grid", grid).formParam("reason", "spam")
                .when().post("/report");
    }

    @Test
    void overTheBudgetA429PageSaysWhenToTryAgainAndNothingIsStored() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 1, 1, false, null)).substring(1);
        report("203.0.113.30", grid).then().statusCode(303);
        report("203.0.113.30", grid).then().statusCode(303);
        report("203.0.113.30", grid).then().statusCode(429)
                .contentType(containsString("text/html"))
                .header("Retry-After", equalTo("60"))
                .body(containsString("<h1 class=\"ipb-heading\">Too many reports from your address</h1>"))
                .body(matchesPattern("(?s).*Try again in 60 seconds \\(after \\d\\d:\\d\\d:\\d\\d UTC\\).*"))
                .body(containsString("Or write to <a href=\"mailto:report@example.org\">mailto:report@example.org</a>"));
        assertThat(testGrids.count("reports")).isEqualTo(2);
        // another address has its own budget; a bad report costs none
        report("203.0.113.31", "").then().statusCode(400);
        report("203.0.113.31", grid).then().statusCode(303);
        // reports and posts have separate budgets
        given().header("X-Forwarded-For", "203.0.113.30").body(TestGrids.body("BlockGrid", 1, 1, false, null))
                .when().post("/post").then().statusCode(200);
    }

    @Test
    void theOtherReportAddressIsShownBesideTheFormAndOnThePrivacyPage() {
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 1, 1, true, null));
        given().when().get(path).then().statusCode(200)
                .body(containsString("<form class=\"ipb-report-form\" method=\"post\" action=\"/report\">"))
                .body(containsString("You can also write to <a href=\"mailto:report@example.org\">mailto:report@example.org</a>,"
                        + " quoting the grid's id <code>" + path.substring("/secret/".length()) + "</code>."));
        given().when().get("/privacy").then().statusCode(200)
                .body(containsString("<li><strong>Or write to</strong> <a href=\"mailto:report@example.org\">mailto:report@example.org</a>"));
        given().when().get("/report/received").then().statusCode(200)
                .body(containsString("to hear from us, write to <a href=\"mailto:report@example.org\">"));
    }
}
