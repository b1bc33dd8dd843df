package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The work per request stays honest: a post is one INSERT, a view is at most one indexed read and a
 * repeated view none. A change that adds a query per cell or per row fails here.
 */
@QuarkusTest
class SqlStatementCountTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    TestGrids testGrids;

    @TestHTTPResource("/")
    URL root;

    Statistics stats;
    NotebookClient client;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @BeforeEach
    void setUp() throws InterruptedException, SQLException {
        TakedownNotificationsTest.awaitListening(jdbcUrl); // its first connection flushes the output cache
        testGrids.deleteAll();
        stats = sessionFactory.getStatistics();
        client = new NotebookClient(root.toString());
    }

    @AfterEach
    void tearDown() {
        testGrids.deleteAll();
    }

    long statementsFor(Runnable request) {
        stats.clear();
        request.run();
        return stats.getPrepareStatementCount();
    }

    @Test
    void aPostIsOneInsert() {
        assertThat(statementsFor(() -> client.postToWeb(TestGrids.body("BlockGrid", 20, 20, false, null)))).isEqualTo(1);
        assertThat(statementsFor(() -> client.postToWeb(TestGrids.body("BlockGrid", 20, 20, true, null)))).isEqualTo(1);
    }

    @Test
    void aRejectedPostTouchesNoDatabase() {
        assertThat(statementsFor(() -> client.post("{\"secret\": 3}", null))).isZero();
    }

    @Test
    void getIsOneReadThenNoneOnceCached() {
        String url = client.postToWeb(TestGrids.body("BlockGrid", 50, 50, false, null));
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(statementsFor(() -> given().get("/get/" + id).then().statusCode(200))).isEqualTo(1);
        assertThat(statementsFor(() -> given().get("/get/" + id).then().statusCode(200))).isZero();
        assertThat(statementsFor(() -> given().get("/get/zzzzzz").then().statusCode(404))).as("not canonical: no query").isZero();
        assertThat(statementsFor(() -> given().get("/get/oTAnTn").then().statusCode(404))).as("canonical, no row").isEqualTo(1);
    }

    @Test
    void aPageViewIsOneReadThenNoneOnceCached() {
        String url = client.postToWeb(TestGrids.body("BlockGrid", 50, 50, false, java.util.List.of("a = 1", "b = 2")));
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(statementsFor(() -> given().get("/" + id).then().statusCode(200))).isEqualTo(1);
        assertThat(statementsFor(() -> given().get("/" + id).then().statusCode(200))).isZero();
        String secret = client.postToWeb(TestGrids.body("BlockGrid", 10, 10, true, null));
        String path = secret.substring(secret.indexOf("/secret/"));
        assertThat(statementsFor(() -> given().get(path).then().statusCode(200))).isEqualTo(1);
        assertThat(statementsFor(() -> given().get(path + ".png").then().statusCode(200))).isEqualTo(1);
        assertThat(statementsFor(() -> given().get(path + ".png").then().statusCode(200))).isZero();
    }

    @Test
    void randomIsOneStatement() {
        client.postToWeb(TestGrids.body("BlockGrid", 2, 2, false, null));
        assertThat(statementsFor(() -> given().redirects().follow(false).get("/random").then().statusCode(303))).isEqualTo(1);
    }

    @Test
    void theHomePageIsServedWithoutAQuery() {
        given().get("/").then().statusCode(200);
        assertThat(statementsFor(() -> given().get("/").then().statusCode(200))).isZero();
        assertThat(statementsFor(() -> given().get("/about").then().statusCode(200))).isZero();
    }
}
