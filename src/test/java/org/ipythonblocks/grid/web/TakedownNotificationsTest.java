package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.grid.TakedownListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A takedown made by another process (an admin command, another dyno: here a plain connection of the
 * test's own, which is what they are to this app) reaches this app's output cache within 2 s through
 * {@code LISTEN ipb_takedown}, and no longer only when the cache entry expires (a minute).
 */
@QuarkusTest
public class TakedownNotificationsTest {

    @Inject
    TestGrids testGrids;

    @Inject
    GridTakedown takedown;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /**
     * Waits (at most 15 s) until the app's listener is connected, as the database sees it: a backend
     * under {@link TakedownListener#APPLICATION_NAME} whose last statement was its {@code LISTEN} (or
     * the {@code SELECT 1} it asks a silent connection), and which is idle, waiting for notifications.
     */
    public static void awaitListening(String jdbcUrl) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        boolean listening = listening(jdbcUrl);
        while (!listening && System.nanoTime() < deadline) {
            Thread.sleep(50);
            listening = listening(jdbcUrl);
        }
        assertThat(listening).as("the takedown listener is connected").isTrue();
    }

    private static boolean listening(String jdbcUrl) throws SQLException {
        try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = admin.prepareStatement("select count(*) from pg_stat_activity"
                        + " where application_name = ? and state = 'idle' and (query = ? or query = 'SELECT 1')")) {
            statement.setString(1, TakedownListener.APPLICATION_NAME);
            statement.setString(2, "LISTEN " + GridTakedown.CHANNEL);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    @BeforeEach
    @AfterEach
    void clean() throws InterruptedException, SQLException {
        testGrids.deleteAll();
        awaitListening(jdbcUrl);
    }

    /** What another process does: hide a public grid (its row and its id) and say so, in one transaction. */
    void hideElsewhere(long row, String id, boolean notify) throws SQLException {
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.executeUpdate("update public_grids set hidden_at = now() where id = " + row);
                if (notify) {
                    statement.execute("select pg_notify('" + GridTakedown.CHANNEL + "', 'public:" + id + "')");
                }
            }
            other.commit();
        }
    }

    static int status(String path) {
        return given().when().get(path).then().extract().statusCode();
    }

    /** The status of {@code path} once it is {@code expected}, or the last one after {@code seconds}. */
    static int statusWithin(String path, int expected, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int status = status(path);
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = status(path);
        }
        return status;
    }

    /** Posts a grid and views it, so its outputs are cached; its id. */
    static String postAndCache() {
        String url = given().body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post").then().statusCode(200)
                .extract().path("url");
        String id = url.substring(url.lastIndexOf('/') + 1);
        assertThat(status("/get/" + id)).isEqualTo(200);
        assertThat(status("/" + id)).isEqualTo(200);
        return id;
    }

    @Test
    void aTakedownInAnotherProcessIsGoneFromThisOneWithinTwoSeconds() throws Exception {
        assertThat(postAndCache()).isEqualTo("bizkiL");
        assertThat(sitemapFile()).as("listed").contains("/bizkiL<");
        hideElsewhere(1, "bizkiL", false);
        assertThat(status("/get/bizkiL")).as("cached, and nobody said anything").isEqualTo(200);
        assertThat(sitemapFile()).as("cached, and nobody said anything").contains("/bizkiL<");

        hideElsewhere(1, "bizkiL", true);
        assertThat(statusWithin("/get/bizkiL", 410, 2)).isEqualTo(410);
        assertThat(status("/bizkiL")).as("every output of the grid").isEqualTo(410);
        assertThat(sitemapFile()).as("the sitemap forgot it too").doesNotContain("/bizkiL<");
    }

    static String sitemapFile() {
        return given().when().get("/sitemap-0.xml").then().statusCode(200).extract().asString();
    }

    @Test
    void aTakedownNotifiesOnlyWhenItCommits() throws Exception {
        given().body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post").then().statusCode(200);
        try (Connection watcher = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = watcher.createStatement()) {
            statement.execute("LISTEN " + GridTakedown.CHANNEL);
            QuarkusTransaction.begin();
            assertThat(takedown.hide(new GridRef(false, "bizkiL"))).isEqualTo(GridTakedown.Outcome.DONE);
            QuarkusTransaction.rollback(); // e.g. a failure after the update
            assertThat(notifications(watcher, 1000)).as("a rolled-back hide says nothing").isEmpty();
            assertThat(status("/get/bizkiL")).isEqualTo(200);

            takedown.hide(new GridRef(false, "bizkiL"));
            assertThat(notifications(watcher, 2000)).containsExactly("public:bizkiL");
            takedown.delete(new GridRef(true, "abcdefghij0123456789"));
            assertThat(notifications(watcher, 500)).as("nothing done, nothing said").isEmpty();
        }
    }

    @Test
    void aListenerCutOffReconnectsForgetsWhatItMayHaveMissedAndHearsAgain() throws Exception {
        assertThat(postAndCache()).isEqualTo("bizkiL");
        try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + TakedownListener.APPLICATION_NAME + "'");
        }
        hideElsewhere(1, "bizkiL", false); // while it reconnects, or even before it noticed: missed
        assertThat(statusWithin("/get/bizkiL", 410, 10)).as("flushed when it listens again").isEqualTo(410);
        awaitListening(jdbcUrl);

        String second = postAndCache();
        hideElsewhere(2, second, true);
        assertThat(statusWithin("/get/" + second, 410, 2)).as("heard again").isEqualTo(410);
    }

    static List<String> notifications(Connection connection, int millis) throws SQLException {
        List<String> payloads = new ArrayList<>();
        PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(millis);
        if (got != null) {
            for (PGNotification n : got) {
                payloads.add(n.getParameter());
            }
        }
        return payloads;
    }
}
