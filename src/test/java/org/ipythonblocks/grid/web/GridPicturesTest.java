package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;


import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Grids as pictures over HTTP (PNG, SVG, scale, the pixel cap, the social preview), and HTTP caching of everything drawn from a grid. */
@QuarkusTest
class GridPicturesTest extends NotebookSiteTest {

    /** Pages (grid page, embed) 10 minutes, pictures and JSON a day: a takedown reaches caches within that. */
    static String cache(String path, boolean secret) {
        boolean page = !path.contains(".png") && !path.contains(".svg") && !path.startsWith("/get/");
        return (secret ? "private" : "public") + ", max-age=" + (page ? 600 : 86400);
    }

    /** A 2×2 grid of 10 px blocks with lines: red, green / blue, white. */
    String postSmall(boolean secret) {
        Map<String, Object> body = TestGrids.payload("BlockGrid", 2, 2, secret, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.get("grid_data");
        data.put("blocks", List.of(List.of(new int[] { 255, 0, 0, 10 }, new int[] { 0, 255, 0, 10 }),
                List.of(new int[] { 0, 0, 255, 10 }, new int[] { 255, 255, 255, 10 })));
        return client.postToWebPath(PythonJson.dumps(body));
    }

    static BufferedImage png(Response response) throws Exception {
        response.then().statusCode(200).contentType("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
    }

    static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void thePngHasTheBlocksTheirSizesAndTheLines() throws Exception {
        for (boolean secret : new boolean[] { false, true }) {
            String path = postSmall(secret);
            BufferedImage image = png(given().when().get(path + ".png"));
            assertThat(image.getWidth()).isEqualTo(1 + 10 + 1 + 10 + 1);
            assertThat(image.getHeight()).isEqualTo(23);
            assertThat(rgb(image, 0, 0)).as("outer line").isEqualTo(0xFFFFFF);
            assertThat(rgb(image, 1, 1)).isEqualTo(0xFF0000);
            assertThat(rgb(image, 10, 10)).as("a block is 10 px").isEqualTo(0xFF0000);
            assertThat(rgb(image, 11, 5)).as("line between columns").isEqualTo(0xFFFFFF);
            assertThat(rgb(image, 12, 1)).isEqualTo(0x00FF00);
            assertThat(rgb(image, 5, 11)).as("line between rows").isEqualTo(0xFFFFFF);
            assertThat(rgb(image, 1, 12)).isEqualTo(0x0000FF);
            assertThat(rgb(image, 21, 21)).isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void aScaleDrawsItBiggerAndBadScalesAreRefusedByName() throws Exception {
        String path = postSmall(false);
        BufferedImage big = png(given().when().get(path + ".png?scale=3"));
        assertThat(big.getWidth()).as("3 px lines, 30 px blocks").isEqualTo(3 + 30 + 3 + 30 + 3);
        assertThat(rgb(big, 3, 3)).isEqualTo(0xFF0000);
        assertThat(rgb(big, 34, 3)).isEqualTo(0xFFFFFF);

        given().when().get(path + ".png?scale=abc").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Bad scale")).body(containsString("scale must be a number from 0.1 to 10"));
        given().accept("application/json").when().get(path + ".svg?scale=20").then().statusCode(400)
                .contentType(containsString("application/json"))
                .body("title", org.hamcrest.Matchers.equalTo("Bad scale"))
                .body("detail", containsString("got \"20\""));
    }

    @Test
    void aPictureOverThePixelCapIsA400ThatNamesTheCap() {
        Map<String, Object> body = TestGrids.payload("BlockGrid", 100, 100, false, null); // 2,101² px at scale 1
        String path = client.postToWebPath(PythonJson.dumps(body));
        given().when().get(path + ".png?scale=1").then().statusCode(200);
        given().when().get(path + ".png?scale=2").then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("Image too large"))
                .body(containsString("the cap is 5,000,000 pixels"))
                .body(containsString("The largest scale for this grid is 1.09"));
        given().when().get(path + ".svg?scale=2").then().statusCode(400).body(containsString("the cap is 5,000,000 pixels"));
        given().when().get("/zzzzzzzz.png?scale=2").then().statusCode(404);
    }

    @Test
    void theSvgIsXmlWithOneRectanglePerColouredBlock() throws Exception {
        String path = postSmall(false);
        Response svg = given().when().get(path + ".svg");
        svg.then().statusCode(200).contentType("image/svg+xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.asByteArray()));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("23");
        assertThat(root.getAttribute("height")).isEqualTo("23");
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).contains("a 2 by 2 grid");
        NodeList rects = doc.getElementsByTagName("rect");
        StringBuilder seen = new StringBuilder();
        for (int i = 1; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            seen.append(e.getAttribute("x")).append(',').append(e.getAttribute("y")).append(' ').append(e.getAttribute("width"))
                    .append('x').append(e.getAttribute("height")).append(' ').append(e.getAttribute("fill")).append(';');
        }
        assertThat(seen.toString()).isEqualTo("1,1 10x10 #ff0000;12,1 10x10 #00ff00;1,12 10x10 #0000ff;");
        given().when().get(path + ".svg?scale=2").then().statusCode(200).body(containsString("width=\"46\""));
    }

    @Test
    void thePreviewIs1200By630AndOnlyPublicGridsHaveOne() throws Exception {
        String path = postSmall(false);
        BufferedImage preview = png(given().when().get("/preview" + path + ".png"));
        assertThat(preview.getWidth()).isEqualTo(1200);
        assertThat(preview.getHeight()).isEqualTo(630);
        assertThat(rgb(preview, 600, 200)).as("the grid in the middle").isNotEqualTo(GridImages.PREVIEW_BACKGROUND);
        assertThat(rgb(preview, 5, 315)).as("letterbox").isEqualTo(GridImages.PREVIEW_BACKGROUND);

        String secret = postSmall(true);
        given().when().get("/preview" + secret + ".png").then().statusCode(404);
        given().when().get("/preview/" + secret.substring("/secret/".length()) + ".png").then().statusCode(404);
    }

    @Test
    void aPublicGridsPagesAreCachedTenMinutesItsPicturesAndJsonADayWithAStrongEtag() {
        String path = postSmall(false);
        String id = path.substring(1);
        for (String each : new String[] { path, path + ".png", path + ".svg", path + ".png?scale=2", "/get/" + id,
                "/preview/" + id + ".png", "/embed/" + id }) {
            Response first = given().when().get(each);
            first.then().statusCode(200).header("Cache-Control", cache(each, false));
            String etag = first.header("ETag");
            assertThat(etag).as(each).matches("\"[A-Za-z0-9_-]{16}(-gz)?\"");
            given().header("If-None-Match", etag).when().get(each).then().statusCode(304)
                    .header("ETag", etag).header("Cache-Control", cache(each, false)).body(emptyString());
            given().header("If-None-Match", "\"something-else\", W/" + etag).when().get(each).then().statusCode(304);
            given().header("If-None-Match", "\"something-else\"").when().get(each).then().statusCode(200);
        }
        String pngTag = given().when().get(path + ".png").header("ETag");
        String scaledTag = given().when().get(path + ".png?scale=2").header("ETag");
        assertThat(pngTag).as("another picture, another tag").isNotEqualTo(scaledTag);
    }

    @Test
    void aSecretGridIsCachedOnlyByTheVisitorsBrowser() {
        String path = postSmall(true);
        String id = path.substring("/secret/".length());
        for (String each : new String[] { path, path + ".png", path + ".svg", "/get/secret/" + id, "/embed/secret/" + id }) {
            Response first = given().when().get(each);
            first.then().statusCode(200).header("Cache-Control", cache(each, true)).header("Referrer-Policy", "no-referrer");
            given().header("If-None-Match", first.header("ETag")).when().get(each).then().statusCode(304)
                    .header("Cache-Control", cache(each, true));
        }
    }

    @Test
    void textIsGzippedWhenTheClientAcceptsItAndTheTwoFormsHaveTheirOwnTags() {
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 10, 10, false, null));
        String id = path.substring(1);
        for (String each : new String[] { path, "/get/" + id, path + ".svg", "/embed/" + id }) {
            HttpResponse<byte[]> plain = RawHttp.get(root.toString(), each);
            HttpResponse<byte[]> gzipped = RawHttp.get(root.toString(), each, "Accept-Encoding", "gzip, deflate, br");
            assertThat(plain.headers().firstValue("Content-Encoding")).as(each).isEmpty();
            assertThat(gzipped.headers().firstValue("Content-Encoding")).as(each).hasValue("gzip");
            assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(gzipped.body().length).isLessThan(plain.body().length);
            assertThat(RawHttp.gunzip(gzipped.body())).as(each).isEqualTo(plain.body());
            String plainTag = plain.headers().firstValue("ETag").orElseThrow();
            String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
            assertThat(gzipTag).isNotEqualTo(plainTag);
            HttpResponse<byte[]> revalidated = RawHttp.get(root.toString(), each, "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();

            HttpResponse<byte[]> refused = RawHttp.get(root.toString(), each, "Accept-Encoding", "gzip;q=0, identity");
            assertThat(refused.headers().firstValue("Content-Encoding")).as("gzip;q=0 means no gzip").isEmpty();
        }
        HttpResponse<byte[]> png = RawHttp.get(root.toString(), path + ".png", "Accept-Encoding", "gzip");
        assertThat(png.headers().firstValue("Content-Encoding")).as("PNG is compressed already").isEmpty();
        assertThat(png.headers().firstValue("Vary")).isEmpty();
    }

    @Test
    void theNotebookClientStillGetsItsJsonThroughGzip() throws Exception {
        String path = postSmall(false);
        // requests sends Accept-Encoding: gzip, deflate and decompresses before json.loads.
        HttpResponse<byte[]> answer = RawHttp.get(root.toString(), "/get" + path, "Accept-Encoding", "gzip, deflate",
                "User-Agent", "python-requests/2.31.0");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
        String json = new String(answer.headers().firstValue("Content-Encoding").isPresent() ? RawHttp.gunzip(answer.body()) : answer.body(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(NotebookClient.read(json).get("blocks").get(0).get(0).toString()).isEqualTo("[255,0,0,10]");
    }

    @Test
    void notFoundAndGoneAreNotCachedForAYear() {
        given().when().get("/zzzzzzzz.png").then().statusCode(404).header("Cache-Control", nullValue()).header("ETag", nullValue());
        given().when().get("/zzzzzzzz.svg").then().statusCode(404).contentType(containsString("text/html"));
        given().when().get("/get/zzzzzzzz").then().statusCode(404).header("ETag", nullValue());
    }
}
