package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.ipythonblocks.command.Commands;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** Grids in other sites: the embed page, oEmbed, the social preview tags, and the grid page's download and embed links. */
@QuarkusTest
class GridEmbedTest extends NotebookSiteTest {

    static final String BASE = "http://www.ipythonblocks.org"; // ipb.public-base-url in tests

    @Inject
    Commands admin;

    @BeforeAll
    static void encodeOurselves() {
        RestAssured.urlEncodingEnabled = false; // oembed() encodes the url parameter itself
    }

    @org.junit.jupiter.api.AfterAll
    static void encodeAgain() {
        RestAssured.urlEncodingEnabled = true;
    }

    String post(int width, int height, boolean secret) {
        return client.postToWebPath(TestGrids.body("BlockGrid", width, height, secret, null));
    }

    static String oembed(String url) {
        return "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @Test
    void theEmbedPageIsOnlyTheGridAndMayBeFramedWhileTheGridPageMayNot() {
        String path = post(3, 2, false);
        String id = path.substring(1);
        String embed = given().when().get("/embed/" + id).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Frame-Options", nullValue())
                .header("Content-Security-Policy", not(containsString("frame-ancestors")))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertThat(embed).contains("<img src=\"/" + id + ".png\" alt=\"A 3 by 2 grid, all black\" width=\"64\" height=\"43\">")
                .contains("<a href=\"" + BASE + "/" + id + "\" target=\"_blank\" rel=\"noopener\">Grid " + id + " on ipythonblocks.org</a>")
                .contains("<meta name=\"color-scheme\" content=\"light dark\">")
                .containsPattern("<link rel=\"stylesheet\" href=\"/static/embed\\.[0-9a-f]{10}\\.css\">")
                .contains("<meta name=\"robots\" content=\"noindex\">")
                .doesNotContain("<nav").doesNotContain("<script");
        given().when().get("/static/embed.css").then().statusCode(200).body(containsString("@media (prefers-color-scheme: dark)"));

        for (String notFramed : new String[] { path, path + ".png", "/", "/get/" + id }) {
            given().when().get(notFramed).then().header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().when().get("/embed/zzzzzzzz").then().statusCode(404);
    }

    @Test
    void aSecretEmbedStaysOutOfSearchEnginesAndLeaksNoReferrer() {
        String path = post(2, 2, true);
        given().when().get("/embed" + path).then().statusCode(200).header("X-Frame-Options", nullValue())
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<meta name=\"robots\" content=\"noindex\">"))
                .body(containsString("A grid on ipythonblocks.org"));
        given().when().get("/embed/secret/zzzzzzzz").then().statusCode(404);
    }

    @Test
    void oEmbedDescribesTheIframeThatEmbedsAGrid() {
        String path = post(3, 2, false); // 64 x 43 px picture
        String id = path.substring(1);
        for (String url : new String[] { BASE + "/" + id, "https://ipythonblocks.org/" + id, BASE + "/embed/" + id }) {
            JsonPath json = given().when().get(oembed(url)).then().statusCode(200)
                    .contentType(containsString("application/json"))
                    .header("Cache-Control", "public, max-age=86400")
                    .extract().jsonPath();
            assertThat(json.getString("version")).isEqualTo("1.0");
            assertThat(json.getString("type")).isEqualTo("rich");
            assertThat(json.getString("provider_name")).isEqualTo("ipythonblocks.org");
            assertThat(json.getString("title")).isEqualTo("Grid " + id + " from ipythonblocks.org: a 3 by 2 grid, all black");
            assertThat(json.getInt("width")).isEqualTo(64 + 16);
            assertThat(json.getInt("height")).isEqualTo(43 + 16 + 24);
            assertThat(json.getString("html")).isEqualTo("<iframe src=\"" + BASE + "/embed/" + id + "\" width=\"80\" height=\"83\" "
                    + "style=\"border:0\" loading=\"lazy\" title=\"A grid from ipythonblocks.org\"></iframe>");
            assertThat(json.getString("thumbnail_url")).isEqualTo(BASE + "/preview/" + id + ".png");
            assertThat(json.getInt("thumbnail_width")).isEqualTo(1200);
            assertThat(json.getInt("thumbnail_height")).isEqualTo(630);
        }
    }

    @Test
    void oEmbedShrinksTheIframeToMaxwidthAndMaxheight() {
        String path = post(50, 20, false); // 1,051 x 421 px
        JsonPath wide = given().when().get(oembed(BASE + path)).then().statusCode(200).extract().jsonPath();
        assertThat(wide.getInt("width")).as("640 px at most unless asked").isEqualTo(640);
        JsonPath bounded = given().when().get(oembed(BASE + path) + "&maxwidth=400&maxheight=200&format=json").then().statusCode(200)
                .extract().jsonPath();
        assertThat(bounded.getInt("width")).isLessThanOrEqualTo(400);
        assertThat(bounded.getInt("height")).isLessThanOrEqualTo(200);
        double aspect = (bounded.getInt("width") - 16) / (double) (bounded.getInt("height") - 40);
        assertThat(aspect).isCloseTo(1051 / 421.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void oEmbedOfASecretGridHasNoThumbnailAndIsCachedPrivately() {
        String path = post(2, 2, true);
        JsonPath json = given().when().get(oembed(BASE + path)).then().statusCode(200)
                .header("Cache-Control", "private, max-age=86400").extract().jsonPath();
        assertThat(json.getString("html")).contains(BASE + "/embed" + path);
        assertThat(json.getString("title")).startsWith("A secret grid");
        assertThat(json.getString("thumbnail_url")).isNull();
    }

    @Test
    void oEmbedErrorsNameTheProblemInJson() {
        String path = post(2, 2, false);
        given().when().get("/oembed").then().statusCode(400).contentType(containsString("application/json"))
                .body("title", equalTo("Missing url")).body("detail", containsString("?url="));
        given().when().get(oembed(BASE + path) + "&format=xml").then().statusCode(501)
                .contentType(containsString("application/json")).body("detail", containsString("Only format=json"));
        given().when().get(oembed(BASE + path) + "&maxwidth=wide").then().statusCode(400)
                .body("title", equalTo("Bad maxwidth")).body("detail", containsString("got \"wide\""));
        given().when().get(oembed("https://example.com" + path)).then().statusCode(404)
                .contentType(containsString("application/json")).body("detail", containsString("is on example.com, not on this site"));
        given().when().get(oembed(BASE + "/about")).then().statusCode(404);
        given().when().get(oembed("not a url at all")).then().statusCode(404);
        given().when().get(oembed(BASE + "/zzzzzzzz")).then().statusCode(404).contentType(containsString("application/json"))
                .body("detail", equalTo("No public grid has the id zzzzzzzz"));
    }

    @Test
    void aPublicGridPageHasSocialPreviewTagsDownloadsAndTheEmbedCode() {
        String path = post(3, 2, false);
        String id = path.substring(1);
        String page = given().when().get(path).then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("<meta property=\"og:title\" content=\"BlockGrid " + id + " on ipythonblocks.org\">")
                .contains("<meta property=\"og:description\" content=\"A 3 by 2 grid, all black, shared from a Jupyter notebook with ipythonblocks.\">")
                .contains("<meta property=\"og:url\" content=\"" + BASE + "/" + id + "\">")
                .contains("<meta property=\"og:image\" content=\"" + BASE + "/preview/" + id + ".png\">")
                .contains("<meta property=\"og:image:width\" content=\"1200\">")
                .contains("<meta property=\"og:image:height\" content=\"630\">")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
                .contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"" + BASE + "/oembed?url=http%3A%2F%2Fwww.ipythonblocks.org%2F"
                        + id + "\"")
                .contains("<a href=\"/" + id + ".png\" download=\"ipythonblocks-" + id + ".png\" type=\"image/png\">PNG</a>")
                .contains("<a href=\"/" + id + ".svg\" download=\"ipythonblocks-" + id + ".svg\" type=\"image/svg+xml\">SVG</a>")
                .contains("<a href=\"/get/" + id + "\" download=\"ipythonblocks-" + id + ".json\" type=\"application/json\">JSON</a>")
                .contains("<button type=\"button\" class=\"ipb-copy\" data-copy=\"embed-code\" hidden>Copy embed code</button>");
        Matcher code = Pattern.compile("<textarea id=\"embed-code\"[^>]*>([^<]*)</textarea>").matcher(page);
        assertThat(code.find()).isTrue();
        assertThat(code.group(1)).as("the snippet is text, escaped").isEqualTo("&lt;iframe src=&quot;" + BASE + "/embed/" + id
                + "&quot; width=&quot;80&quot; height=&quot;83&quot; style=&quot;border:0&quot; loading=&quot;lazy&quot; "
                + "title=&quot;A grid from ipythonblocks.org&quot;&gt;&lt;/iframe&gt;");
        // every link the page names answers
        for (String link : new String[] { "/" + id + ".png", "/" + id + ".svg", "/get/" + id, "/preview/" + id + ".png", "/embed/" + id,
                "/static/copy.js" }) {
            given().when().get(link).then().statusCode(200);
        }
    }

    @Test
    void aSecretGridPageHasNoPreviewTagsButItsOwnDownloads() {
        String path = post(2, 2, true);
        String id = path.substring("/secret/".length());
        String page = given().when().get(path).then().statusCode(200).extract().asString();
        assertThat(page).doesNotContain("og:").doesNotContain("twitter:").doesNotContain("/preview/")
                .contains("<a href=\"/secret/" + id + ".png\"").contains("<a href=\"/secret/" + id + ".svg\"")
                .contains("<a href=\"/get/secret/" + id + "\"")
                .contains(BASE + "/embed/secret/" + id);
    }

    @Test
    void aGridTooBigForSvgOffersNoSvgLink() {
        String path = client.postToWebPath(TestGrids.body("ImageGrid", 250, 170, false, null)); // 42,500 blocks
        String page = given().when().get(path).then().statusCode(200).extract().asString();
        assertThat(page).contains(">PNG</a>").doesNotContain(">SVG</a>").contains("<img class=\"blockgrid-image\"");
        given().when().get(path + ".svg").then().statusCode(400).body(containsString("up to 40,000 blocks; this grid has 42,500"));
    }

    @Test
    void takenDownGridsAreGoneFromEmbedsAndOEmbedToo() {
        String path = post(2, 2, false);
        String id = path.substring(1);
        given().when().get("/embed/" + id).then().statusCode(200);
        assertThat(admin.run(new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), "hide", id)).isZero();
        given().when().get("/embed/" + id).then().statusCode(410);
        given().when().get("/preview/" + id + ".png").then().statusCode(410);
        given().when().get(oembed(BASE + path)).then().statusCode(410).contentType(containsString("application/json"));
    }
}
