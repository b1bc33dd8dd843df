package org.ipythonblocks.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.RawHttp;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The static files: icons and manifest with their types, versioned names cached a year, plain names an hour, gzip, 304. */
@QuarkusTest
class StaticAssetsTest extends NotebookSiteTest {

    static final String YEAR = "public, max-age=31536000, immutable";
    static final String HOUR = "public, max-age=3600";

    /** The versioned path the home page links to for {@code name} (e.g. ipborg.css). */
    static String linked(String page, String name) {
        int dot = name.lastIndexOf('.');
        Matcher m = Pattern.compile("\"(/static/" + Pattern.quote(name.substring(0, dot)) + "\\.[0-9a-f]{10}" + Pattern.quote(name.substring(dot))
                + ")\"").matcher(page);
        assertThat(m.find()).as(name + " linked under a versioned name").isTrue();
        return m.group(1);
    }

    @Test
    void theLayoutLinksVersionedNamesThatAreCachedForAYearAndPlainNamesForAnHour() {
        String home = given().get("/").then().statusCode(200).extract().asString();
        assertThat(home).contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"16x16 32x32 48x48\">")
                .contains("<link rel=\"manifest\" href=\"/site.webmanifest\">")
                .containsPattern("<link rel=\"icon\" href=\"/static/icon\\.[0-9a-f]{10}\\.svg\" type=\"image/svg\\+xml\">")
                .containsPattern("<link rel=\"apple-touch-icon\" href=\"/static/apple-touch-icon\\.[0-9a-f]{10}\\.png\">");
        for (String name : List.of("ipborg.css", "pygments.css", "icon.svg", "apple-touch-icon.png")) {
            String versioned = linked(home, name);
            String plain = "/static/" + name;
            byte[] body = given().get(versioned).then().statusCode(200).header("Cache-Control", YEAR).header("ETag", containsString("\""))
                    .extract().asByteArray();
            assertThat(given().get(plain).then().statusCode(200).header("Cache-Control", HOUR).extract().asByteArray()).isEqualTo(body);
        }
        String css = linked(home, "ipborg.css");
        given().get(css).then().contentType("text/css").body(containsString("ipythonblocks.org"));
        // A page cached from before a deploy names an older hash: it gets today's file, but not for a year.
        given().get("/static/ipborg.0123456789.css").then().statusCode(200).header("Cache-Control", HOUR).contentType("text/css");
        String grid = client.postToWebPath(org.ipythonblocks.TestGrids.body("BlockGrid", 2, 2, false, null));
        String page = given().get(grid).then().statusCode(200).extract().asString();
        given().get(linked(page, "copy.js")).then().statusCode(200).header("Cache-Control", YEAR).contentType("text/javascript");
        String embed = given().get("/embed" + grid).then().statusCode(200).extract().asString();
        given().get(linked(embed, "embed.css")).then().statusCode(200).header("Cache-Control", YEAR);
    }

    @Test
    void textIsGzippedOnceWithItsOwnTagAndRevalidatesTo304() {
        String css = linked(given().get("/").asString(), "ipborg.css");
        HttpResponse<byte[]> gzipped = RawHttp.get(root.toString(), css, "Accept-Encoding", "gzip, br");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        HttpResponse<byte[]> plain = RawHttp.get(root.toString(), css);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(RawHttp.gunzip(gzipped.body())).isEqualTo(plain.body());
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> again = RawHttp.get(root.toString(), css, "Accept-Encoding", "gzip", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        // PNG is already compressed: sent as it is.
        HttpResponse<byte[]> png = RawHttp.get(root.toString(), "/apple-touch-icon.png", "Accept-Encoding", "gzip");
        assertThat(png.headers().firstValue("Content-Encoding")).isEmpty();
    }

    @Test
    void theIconsAndTheManifestAreServedWithTheirTypes() throws Exception {
        for (String path : List.of("/favicon.ico", "/static/favicon.ico")) {
            byte[] ico = given().get(path).then().statusCode(200).contentType("image/vnd.microsoft.icon").header("Cache-Control", HOUR)
                    .extract().asByteArray();
            assertThat(new byte[] { ico[0], ico[1], ico[2], ico[3] }).containsExactly(0, 0, 1, 0);
        }
        given().head("/favicon.ico").then().statusCode(200).contentType("image/vnd.microsoft.icon");
        given().get("/static/icon.svg").then().statusCode(200).contentType("image/svg+xml").body(containsString("<svg"));
        for (String[] icon : new String[][] { { "/apple-touch-icon.png", "180" }, { "/static/apple-touch-icon.png", "180" },
                { "/static/icon-192.png", "192" }, { "/static/icon-512.png", "512" } }) {
            byte[] png = given().get(icon[0]).then().statusCode(200).contentType("image/png").extract().asByteArray();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).as(icon[0]).isEqualTo(Integer.parseInt(icon[1]));
            assertThat(image.getHeight()).as(icon[0]).isEqualTo(Integer.parseInt(icon[1]));
        }

        String manifest = given().get("/site.webmanifest").then().statusCode(200).contentType("application/manifest+json")
                .header("Cache-Control", HOUR).header("X-Content-Type-Options", "nosniff").extract().asString();
        JsonPath json = new JsonPath(manifest);
        assertThat(json.getString("name")).isEqualTo("ipythonblocks.org");
        assertThat(json.getString("short_name")).isEqualTo("ipythonblocks");
        assertThat(json.getString("display")).isEqualTo("standalone");
        assertThat(json.getString("start_url")).isEqualTo("/");
        assertThat(json.getString("theme_color")).matches("#[0-9a-f]{6}");
        assertThat(json.getString("background_color")).matches("#[0-9a-f]{6}");
        assertThat(json.getList("icons.sizes", String.class)).contains("192x192", "512x512");
        for (String src : json.getList("icons.src", String.class)) {
            assertThat(src).as("same origin").startsWith("/");
            given().get(src).then().statusCode(200).header("Cache-Control", nullValue() == null ? HOUR : HOUR);
        }
    }
}
