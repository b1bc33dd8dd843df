package org.ipythonblocks.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Faults injected into the real (embedded) PostgreSQL: stopped outright, then started again; and a
 * table locked by another session so every query on it hangs.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Inject
    TestGrids testGrids;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void seed() {
        testGrids.deleteAll();
        given().body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post").then().statusCode(200);
    }

    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    @Inject
    SitePages sitePages;

    /**
     * What start-up renders, with the database down: every page, the home page without its count and
     * strip (start-up used to throw here, and a dyno restarted during an outage never came up); the
     * refresher fills them in once the database is back.
     */
    @Test
    void theSitesPagesRenderWithTheDatabaseDownAndHomeFillsInWhenItReturns() throws Exception {
        EmbeddedDatabase.stop();
        try {
            sitePages.renderPages();
            given().accept("text/html").when().get("/").then().statusCode(200)
                    .body(containsString("See a random grid")).body(not(containsString("shared so far")));
            given().accept("text/html").when().get("/about").then().statusCode(200);
            given().accept("text/html").when().get("/privacy").then().statusCode(200);
        } finally {
            EmbeddedDatabase.restart();
        }
        // as the refresher does: a pooled connection from before the restart may fail once more
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            sitePages.renderPages();
        } while (!given().accept("text/html").when().get("/").asString().contains("shared so far") && System.nanoTime() < deadline);
        given().accept("text/html").when().get("/").then().statusCode(200).body(containsString("1 public grid shared so far"));
    }

    @Test
    void withTheDatabaseDownTheSiteSays503AndRecoversByItselfWhenItReturns() throws Exception {
        EmbeddedDatabase.stop();
        try {
            long start = System.nanoTime();
            given().when().get("/get/bizkiL").then().statusCode(503)
                    .statusLine("HTTP/1.1 503 Site busy: the grid store is not answering, try again in 10 seconds")
                    .contentType(containsString("application/json"))
                    .header("Retry-After", equalTo(ErrorMappers.RETRY_AFTER_SECONDS))
                    .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"));
            given().body(TestGrids.body("BlockGrid", 1, 1, false, null)).when().post("/post").then().statusCode(503)
                    .contentType(containsString("application/json")).header("Retry-After", equalTo("10"));
            // a grid page not yet in the output cache needs the database
            given().accept("text/html").when().get("/bizkiL").then().statusCode(503)
                    .contentType(containsString("text/html")).header("Retry-After", equalTo("10"))
                    .body(containsString("Back in a moment")).body(containsString("<nav"));
            // the home and about pages were rendered at start-up and stay up
            given().accept("text/html").when().get("/").then().statusCode(200);
            given().accept("text/html").when().get("/about").then().statusCode(200);
            given().when().get(NotebookSiteTest.management() + "/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().when().get(NotebookSiteTest.management() + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
            // static files need no database
            given().when().get("/static/ipborg.css").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
        } finally {
            EmbeddedDatabase.restart();
        }
        long restarted = System.nanoTime();
        int status = 0;
        while (System.nanoTime() - restarted < Duration.ofSeconds(30).toNanos()) {
            status = given().when().get("/get/bizkiL").then().extract().statusCode();
            if (status == 200) {
                break;
            }
            Thread.sleep(200);
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
        assertThat(status).as("answer after the database came back").isEqualTo(200);
        assertThat(recovery).as("time to recover with no restart").isLessThan(Duration.ofSeconds(15));
        given().body(TestGrids.body("BlockGrid", 1, 1, false, null)).when().post("/post").then().statusCode(200);
        given().when().get("/").then().statusCode(200);
        given().when().get(NotebookSiteTest.management() + "/health/ready").then().statusCode(200);
    }

    /** A session of its own that holds {@code public_grids} locked, so every query on it hangs, until it rolls back. */
    private Connection lockingPublicGrids() throws Exception {
        Connection locker = DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, "");
        locker.setAutoCommit(false);
        try (Statement st = locker.createStatement()) {
            st.execute("lock table public_grids in access exclusive mode");
        }
        return locker;
    }

    @Test
    void aHangingDatabaseCannotHoldARequestPast15Seconds() throws Exception {
        try (Connection locker = lockingPublicGrids()) {
            long start = System.nanoTime();
            given().when().get("/get/bizkiL").then().statusCode(503).header("Retry-After", equalTo("10"));
            given().body(TestGrids.body("BlockGrid", 1, 1, false, null)).when().post("/post").then().statusCode(503);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("two requests against a locked table").isLessThan(Duration.ofSeconds(2 * 15));
            locker.rollback();
        }
        given().when().get("/get/bizkiL").then().statusCode(200);
    }

    /**
     * The site's pages are rendered off the start-up path: while their first rendering waits on the
     * database (here a locked table), the rest of the site answers, and a visitor asking for the home
     * page gets it, with its count, once the rendering is done (not an error, not a page without it).
     */
    @Test
    void theHomePageWaitsForItsFirstRenderingWhileTheRestOfTheSiteAnswers() throws Exception {
        try (Connection locker = lockingPublicGrids()) {
            sitePages.renderInBackground();
            java.util.concurrent.CompletableFuture<String> home = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> given().accept("text/html").when().get("/").then().statusCode(200).extract().asString());
            given().when().get("/static/ipborg.css").then().statusCode(200);
            Thread.sleep(300); // let the home request reach the server before the table is let go
            assertThat(home).as("the home page before its rendering is done").isNotDone();
            locker.rollback();
            assertThat(home.get(30, java.util.concurrent.TimeUnit.SECONDS)).contains("1 public grid shared so far");
        }
    }
}
