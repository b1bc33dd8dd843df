package org.ipythonblocks.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.ipythonblocks.LogCapture;
import org.ipythonblocks.TestGrids;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
class SitePagesTest {

    @Inject
    TestGrids testGrids;

    @Inject
    SitePages site;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    @AfterEach
    void cleanUp() {
        testGrids.deleteAll();
    }

    @Test
    void homePageShowsTheDemoGridAndTheThreeColumns() {
        site.renderHome(); // the background refresh may have counted another test's grids
        given().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html")).contentType(containsString("charset=UTF-8"))
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("ipythonblocks&nbsp;:&nbsp;code&nbsp;+&nbsp;color"))
                .body(containsString("aria-label=\"A 7 by 2 grid: "))
                .body(containsString("<td title=\"Index: [0, 0]&#10;Color: (231, 76, 60)\" style=\"width: 100px; height: 100px; "
                        + "background-color: rgb(231, 76, 60);\"></td>"))
                .body(containsString("<td title=\"Index: [1, 6]&#10;Color: (142, 68, 173)\""))
                .body(containsString("<h2 id=\"learn\">Learn</h2>")).body(containsString("<h2 id=\"share\">Share</h2>"))
                .body(containsString("<h2 id=\"remix\">Remix</h2>"))
                .body(containsString("href=\"/about#how-to-post\"")).body(containsString("href=\"/random\""))
                .body(containsString("0 public grids shared so far"));
        given().when().head("/").then().statusCode(200).contentType(containsString("text/html")).body(emptyString());
    }

    @Test
    void aboutPageExplainsPostingLoadingSecretsAndTheApi() {
        String page = given().when().get("/about").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>ipythonblocks: about</title>"))
                .body(containsString("id=\"how-to-post\""))
                .body(containsString("<span class=\"n\">post_to_web</span>"))
                .body(containsString("<span class=\"s1\">&#39;1:4,5,6&#39;</span>"))
                .body(containsString("<span class=\"n\">secret</span><span class=\"o\">=</span><span class=\"kc\">True</span>"))
                .body(containsString("<span class=\"n\">from_web</span>"))
                .body(containsString("curl --data '&#123;\"python_version\": [3, 11, 2, \"final\", 0]"))
                .body(containsString("http://www.ipythonblocks.org/post"))
                .body(containsString("curl http://www.ipythonblocks.org/get/bizkiL"))
                .body(containsString("https://github.com/jiffyclub/ipythonblocks"))
                .extract().asString();
        assertThat(page.toLowerCase()).doesNotContain("rackspace").doesNotContain("googleapis")
                .doesNotContain("analytics");
        assertThat(page.split("<script", -1)).as("the one script is the site's own keyboard script").hasSize(2);
        assertThat(page).containsPattern("<script src=\"/static/keyboard\\.[0-9a-f]{10}\\.js\" defer></script>");
        given().when().head("/about").then().statusCode(200);
    }

    @Test
    void pagesUseOnlyTheSitesOwnAssets() {
        Pattern foreignAsset = Pattern.compile("<(?:link|script|img|iframe)[^>]*(?:src|href)=\"(?!/[^/])");
        for (String path : List.of("/", "/about", "/no/such/page")) {
            String page = given().when().get(path).then().extract().asString();
            assertThat(foreignAsset.matcher(page).find()).as(path).isFalse();
            assertThat(page.split("<script", -1)).as(path + ": only the site's keyboard script").hasSize(2);
        }
    }

    @Test
    void slashedAboutRedirects() {
        given().urlEncodingEnabled(false).redirects().follow(false).when().get("/about/").then().statusCode(301).header("Location", "/about");
        given().urlEncodingEnabled(false).redirects().follow(false).when().get("/about///?x=1").then().statusCode(301).header("Location", "/about?x=1");
    }

    @Test
    void unknownPathsGetThe404PageDrawnInBlocks() {
        for (String path : List.of("/no/such/page", "/about/x", "/abc", "/static/nothing.css", "/static/ipborg.0123456789.js", "/site.webmanifest/x")) {
            String page = given().when().get(path).then().statusCode(404)
                    .contentType(containsString("text/html"))
                    .body(containsString("<title>ipythonblocks: not found</title>"))
                    .extract().asString();
            assertThat(page).contains("aria-label=\"A 22 by 10 grid: ");
        }
        String page = given().when().get("/no/such/page").then().extract().asString();
        // 22 × 10 blocks of 20 px with lines; "404" in Emerald on Midnight Blue.
        assertThat(page).contains("<table class=\"blockgrid\">");
        assertThat(page.split("<td ", -1)).hasSize(22 * 10 + 1);
        assertThat(page.split("style=\"width: 20px; height: 20px; ", -1)).hasSize(22 * 10 + 1);
        assertThat(page).contains("title=\"Index: [0, 0]&#10;Color: (44, 62, 80)\"")
                .contains("title=\"Index: [1, 2]&#10;Color: (46, 204, 113)\"") // top of the first 4
                .contains("title=\"Index: [5, 6]&#10;Color: (46, 204, 113)\"") // end of its crossbar
                .contains("title=\"Index: [8, 5]&#10;Color: (46, 204, 113)\"") // foot of its upright
                .contains("title=\"Index: [8, 4]&#10;Color: (44, 62, 80)\"")
                .contains("title=\"Index: [1, 10]&#10;Color: (46, 204, 113)\"") // top of the 0
                .contains("title=\"Index: [1, 9]&#10;Color: (44, 62, 80)\"") // its rounded corner
                .contains("title=\"Index: [4, 11]&#10;Color: (44, 62, 80)\"") // its hole
                .contains("title=\"Index: [8, 19]&#10;Color: (46, 204, 113)\"") // foot of the last 4
                .contains("title=\"Index: [9, 21]&#10;Color: (44, 62, 80)\"");
        // The code that draws it, highlighted like grid pages.
        assertThat(page).contains("<span class=\"kn\">from</span> <span class=\"nn\">ipythonblocks</span> <span class=\"kn\">import</span>")
                .contains("<span class=\"k\">def</span> <span class=\"nf\">four</span>")
                .contains("<span class=\"k\">def</span> <span class=\"nf\">zero</span>")
                .contains("<span class=\"n\">BlockGrid</span><span class=\"p\">(</span><span class=\"mi\">22</span>")
                .contains("<span class=\"n\">post_to_web</span><span class=\"p\">(</span><span class=\"s1\">&#39;1:4,5,6&#39;</span>");
        assertThat(page.split("<div class=\"ipb-codeblock\">", -1)).hasSize(5 + 1);
        given().when().head("/no/such/page").then().statusCode(404);
    }

    @Test
    void jsonClientsStillGetJsonErrors() {
        given().accept("application/json").when().get("/no/such/page").then().statusCode(404)
                .contentType(containsString("application/json"));
    }

    @Test
    void unexpectedErrorsShowARequestIdThatIsAlsoInTheLog() {
        try (LogCapture log = LogCapture.start()) {
            String page = given().when().get("/test-only/fail").then().statusCode(500)
                    .contentType(containsString("text/html"))
                    .body(containsString("Something went wrong"))
                    .body(not(containsString("IllegalStateException")))
                    .body(not(containsString("a failure only the log may show")))
                    .body(not(containsString("at org.")))
                    .extract().asString();
            Matcher id = Pattern.compile("request <code>([0-9a-z]+)</code>").matcher(page);
            assertThat(id.find()).as(page).isTrue();
            assertThat(log.records()).anySatisfy(r -> {
                assertThat(((ExtLogRecord) r).getFormattedMessage()).isEqualTo("request " + id.group(1) + ": GET /test-only/fail failed");
                assertThat(r.getThrown()).hasMessage("a failure only the log may show");
            });
        }
    }

    @Test
    void legacyStaticUrlsKeepAnswering() {
        given().when().get("/static/ipborg.css").then().statusCode(200).contentType(containsString("text/css"))
                .body(containsString("table.blockgrid"));
        given().when().get("/static/pygments.css").then().statusCode(200).contentType(containsString("text/css"))
                .body(containsString(".ipb-code .k"));
        for (String icon : List.of("/static/favicon.ico", "/favicon.ico")) {
            byte[] bytes = given().when().get(icon).then().statusCode(200).contentType(containsString("icon"))
                    .extract().asByteArray();
            assertThat(bytes).startsWith((byte) 0, (byte) 0, (byte) 1, (byte) 0);
            given().when().head(icon).then().statusCode(200);
        }
    }

    @Test
    void homeAndAboutAreGzippedForBrowsersAndRevalidatedWithTheirEtag() {
        site.renderHome();
        String root = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        for (String path : new String[] { "/", "/about" }) {
            java.net.http.HttpResponse<byte[]> plain = org.ipythonblocks.RawHttp.get(root, path);
            java.net.http.HttpResponse<byte[]> gzipped = org.ipythonblocks.RawHttp.get(root, path, "Accept-Encoding", "gzip, deflate, br");
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(gzipped.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
            assertThat(org.ipythonblocks.RawHttp.gunzip(gzipped.body())).isEqualTo(plain.body());

            String etag = gzipped.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
            java.net.http.HttpResponse<byte[]> again = org.ipythonblocks.RawHttp.get(root, path, "Accept-Encoding", "gzip", "If-None-Match", etag);
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(org.ipythonblocks.RawHttp.get(root, path, "If-None-Match", "\"stale\"").statusCode()).isEqualTo(200);
        }
    }
}
