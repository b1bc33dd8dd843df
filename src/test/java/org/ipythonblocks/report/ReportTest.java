package org.ipythonblocks.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.command.Commands;
import org.ipythonblocks.command.ReportsCommand;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The "Report this grid" form, as a visitor and an admin meet it; the rate limit is off here (see ReportLimitTest). */
@QuarkusTest
class ReportTest extends NotebookSiteTest {

    static final String BASE = "http://www.ipythonblocks.org";

    @Inject
    ReportsCommand reportsCommand;

    @Inject
    Commands admin;

    @Inject
    GridIds ids;

    String post(boolean secret) {
        return client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, secret, null));
    }

    static RequestSpecification form() {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    static Response report(String grid, String reason, String note) {
        RequestSpecification form = form();
        if (grid != null) {
            form.formParam("grid", grid);
        }
        if (reason != null) {
            form.formParam("reason", reason);
        }
        if (note != null) {
            form.formParam("note", note);
        }
        return form.when().post("/report");
    }

    List<String> stored() {
        return testGrids.firstColumn("select grid_secret || ' ' || grid_id || ' ' || reason || ' ' || coalesce(note, '-') || ' '"
                + " || (closed_at is not null) from reports order by id");
    }

    String reports() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(reportsCommand.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    int admin(String... args) {
        return admin.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), args);
    }

    @Test
    void everyPublicAndSecretGridPageHasTheFormAndNoOtherAddressWhenNoneIsSet() {
        String publicPath = post(false);
        String secretPath = post(true);
        testGrids.insertLegacySecretGrid(7);
        String legacyPath = "/secret/" + ids.legacySecretId(7);
        for (String path : List.of(publicPath, secretPath, legacyPath)) {
            given().when().get(path).then().statusCode(200)
                    .body(containsString("<summary>Report this grid</summary>"))
                    .body(containsString("<form class=\"ipb-report-form\" method=\"post\" action=\"/report\">"))
                    .body(containsString("<input type=\"hidden\" name=\"grid\" value=\"" + path.substring(1) + "\">"))
                    .body(containsString("<legend>Why should this grid be taken down?</legend>"))
                    .body(containsString("<label class=\"ipb-report-reason\"><input type=\"radio\" name=\"reason\" value=\"harmful\" required>"
                            + " Harmful, hateful or violent</label>"))
                    .body(containsString("value=\"personal\"")).body(containsString("value=\"spam\""))
                    .body(containsString("value=\"copyright\"")).body(containsString("value=\"other\""))
                    .body(containsString("<label for=\"report-note\">Anything else we should know (optional, at most 1000 characters)</label>"))
                    .body(containsString("<textarea id=\"report-note\" name=\"note\" rows=\"3\" maxlength=\"1000\"></textarea>"))
                    .body(containsString("<button type=\"submit\">Send the report</button>"))
                    .body(containsString("(<a href=\"/privacy\">privacy</a>)"))
                    .body(containsString("<a href=\"/privacy\">Privacy, and how to have a grid removed</a>"))
                    .body(not(containsString("You can also write to")))
                    .body(not(containsString("<script src=\"http")));
        }
    }

    @Test
    void aReportIsStoredWithNothingAboutItsSenderAndAnsweredWithAThankYouPage() {
        String publicPath = post(false);
        String secretPath = post(true);
        report(publicPath.substring(1), "spam", "  buy\r\ncheap pills\u0007 ").then().statusCode(303)
                .header("Location", "/report/received").header("Cache-Control", "no-store");
        report(secretPath.substring(1), "personal", "").then().statusCode(303);
        // a grid's full URL names it as well
        report(BASE + publicPath, "harmful", null).then().statusCode(303);

        assertThat(stored()).containsExactly("false 1 spam buy\ncheap pills  false", "true 1 personal - false",
                "false 1 harmful - false");
        assertThat(testGrids.firstColumn("select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns"
                + " where table_name = 'reports'")).containsExactly("id,grid_secret,grid_id,reason,note,created_at,closed_at");

        given().when().get("/report/received").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<h1 class=\"ipb-heading\">Thank you: your report was received</h1>"))
                .body(containsString("they take\nit down"))
                .body(containsString("We do not know who sent it, so we\ncannot write back."))
                .body(containsString("<a href=\"/privacy\">what the site stores</a>"));
    }

    @Test
    void eachBadReportGetsAPageNamingTheProblemAndNothingIsStored() {
        String path = post(false);
        String grid = path.substring(1);
        problem(report(grid, null, "no reason"), 400, "Choose a reason");
        problem(report(grid, "", null), 400, "Choose a reason");
        problem(report(grid, "boring", null), 400, "&#39;boring&#39; is not one of the reasons (harmful, personal, spam, copyright, other)");
        problem(report(grid, "spam", "x".repeat(1001)), 400, "The note is 1001 characters long; at most 1000 fit.");
        problem(report(null, "spam", null), 400, "The report does not say which grid it is about.");
        problem(report("no such grid!", "spam", null), 404, "No grid has the id &#39;no such grid!&#39;");
        problem(report("jcLacK", "spam", null), 404, "No grid has the id jcLacK, so there is nothing to report.");
        problem(report("secret/AAAAAAAAAAAAAAAAAAAA", "spam", null), 404, "No grid has the id AAAAAAAAAAAAAAAAAAAA");
        problem(form().body("grid=" + grid + "&reason=spam&note=%zz").when().post("/report"), 400, "broken %-escape");
        problem(form().body("note=" + "%E2%82%AC".repeat(2000)).when().post("/report"), 413, "over 16384 bytes");
        assertThat(admin("hide", grid)).isZero();
        problem(report(grid, "spam", null), 410, "This grid has been taken down, so it needs no report");
        assertThat(admin("delete", grid)).isZero();
        problem(report(grid, "spam", null), 410, "This grid has been deleted, so it needs no report");
        assertThat(stored()).isEmpty();
        // a note of exactly 1000 characters, none of them ASCII, fits
        report(post(false).substring(1), "other", "€".repeat(1000)).then().statusCode(303);
        assertThat(stored()).hasSize(1);
    }

    static void problem(Response response, int status, String words) {
        response.then().statusCode(status).contentType(containsString("text/html"))
                .body(containsString(words))
                .body(not(containsString("Exception")))
                .body(containsString("<a href=\"/privacy\">"));
    }

    @Test
    void reportsListsOpenReportsByGridNewestFirstAndHideClosesThem() {
        String publicPath = post(false); // bizkiL
        String secretPath = post(true);
        String other = post(false);
        assertThat(reports()).isEqualTo("ipythonblocks: no open reports\n".replace("\n", System.lineSeparator()));

        report(publicPath.substring(1), "spam", "line one\nline two").then().statusCode(303);
        report(publicPath.substring(1), "harmful", null).then().statusCode(303);
        report(other.substring(1), "copyright", null).then().statusCode(303);
        report(secretPath.substring(1), "personal", "my address").then().statusCode(303);

        String listed = reports();
        assertThat(listed).startsWith("ipythonblocks: 4 open reports of 3 grids, newest first; `hide URL` takes a grid down and closes its reports");
        // the secret grid was reported last, so it comes first, with its whole URL (the admin must be able to open it)
        int secretAt = listed.indexOf(System.lineSeparator() + BASE + secretPath + System.lineSeparator());
        int otherAt = listed.indexOf(System.lineSeparator() + BASE + other + System.lineSeparator());
        int publicAt = listed.indexOf(System.lineSeparator() + BASE + publicPath + System.lineSeparator());
        assertThat(secretAt).isPositive().isLessThan(otherAt);
        assertThat(otherAt).isLessThan(publicAt);
        assertThat(listed).contains("  2 reports (harmful 1, spam 1)").contains("  1 report (personal 1)")
                .containsPattern("  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC  spam  \"line one line two\"")
                .containsPattern("UTC  personal  \"my address\"");

        // hide closes that grid's reports, in the same transaction, and only that grid's
        assertThat(admin("hide", BASE + publicPath)).isZero();
        assertThat(stored()).containsExactly("false 1 spam line one\nline two true", "false 1 harmful - true",
                "false 2 copyright - false", "true 1 personal my address false");
        assertThat(reports()).startsWith("ipythonblocks: 2 open reports of 2 grids").doesNotContain(BASE + publicPath + System.lineSeparator());
        // unhiding does not reopen them; a later report of the grid is a new one
        assertThat(admin("unhide", publicPath)).isZero();
        assertThat(reports()).startsWith("ipythonblocks: 2 open reports of 2 grids");
        // deleting closes them too, by the admin or by the poster
        assertThat(admin("delete", secretPath)).isZero();
        assertThat(stored()).last().isEqualTo("true 1 personal my address true");
        assertThat(reports()).startsWith("ipythonblocks: 1 open report of 1 grid,").contains(BASE + other);
    }

    @Inject
    GridTakedown takedown;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /**
     * A report sent while {@code hide} is in its transaction (the grid's row changed, its open reports
     * closed, not yet committed) waits for the hide and is then refused as gone; it never stays open.
     */
    @Test
    void aReportFiledWhileTheGridIsBeingHiddenEndsUpClosed() throws Exception {
        String id = post(false).substring(1);
        CompletableFuture<Integer> reporting;
        QuarkusTransaction.begin();
        try {
            assertThat(takedown.hide(new GridRef(false, id))).isEqualTo(GridTakedown.Outcome.DONE);
            reporting = CompletableFuture.supplyAsync(() -> report(id, "spam", null).statusCode());
            awaitDoneOrWaitingOnALock(reporting);
        } finally {
            QuarkusTransaction.commit();
        }
        assertThat(reporting.get(20, TimeUnit.SECONDS)).isEqualTo(410);
        assertThat(stored()).as("no report stays open").allMatch(report -> report.endsWith(" true"));
        assertThat(reports()).startsWith("ipythonblocks: no open reports");
    }

    /** Until {@code request} is answered or a session of the app waits on a row lock (at most 10 s). */
    void awaitDoneOrWaitingOnALock(CompletableFuture<?> request) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection watcher = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = watcher.createStatement()) {
            while (!request.isDone() && System.nanoTime() < deadline) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void thePosterDeletingAGridClosesItsReports() {
        io.restassured.path.json.JsonPath posted = given().body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post")
                .then().statusCode(200).extract().jsonPath();
        String url = posted.getString("url");
        String token = posted.getString("delete_token");
        report(url, "spam", null).then().statusCode(303);
        given().body(Map.of("url", url, "delete_token", token)).when().post("/delete").then().statusCode(200);
        assertThat(stored()).containsExactly("false 1 spam - true");
        assertThat(reports()).startsWith("ipythonblocks: no open reports");
    }

    @Test
    void thePrivacyPageSaysWhatIsStoredWhoSeesWhatAndHowToRemoveAGrid() {
        given().when().get("/privacy").then().statusCode(200).contentType(containsString("text/html"))
                .header("Set-Cookie", (String) null)
                .body(containsString("<title>ipythonblocks: privacy, and how to have a grid removed</title>"))
                .body(containsString("<meta name=\"description\" content=\"What ipythonblocks.org stores with a grid"))
                .body(containsString("<h1 class=\"ipb-heading\">Privacy, and how to have a grid removed</h1>"))
                .body(containsString("every block's colour and size"))
                .body(containsString("the notebook code cells you chose to send"))
                .body(containsString("when it was posted"))
                .body(containsString("a hash (SHA-256) of its delete token"))
                .body(containsString("<strong>anyone who has its link</strong>"))
                .body(containsString("The site sets no cookies"))
                .body(containsString("shortened to their first 4 characters"))
                .body(containsString("Until they are removed"))
                .body(containsString("<span class=\"s1\">&#39;delete_token&#39;</span>"))
                .body(containsString("use the <strong>Report this grid</strong> form"))
                .body(not(containsString("Or write to")))
                .body(containsString("<a href=\"/privacy\">Privacy, and how to have a grid removed</a>"));
        for (String page : List.of("/", "/about", "/no-such-page")) {
            given().when().get(page).then().body(containsString("<footer class=\"ipb-footer\"><a href=\"/privacy\">"));
        }
    }
}
