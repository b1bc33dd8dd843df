package org.ipythonblocks.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The galleries' pictures ({@code /tile/<id>.png}): a phone showing 24 big grids on {@code /recent}
 * loads 24 small squares instead of 24 full pictures, and the page does not move as they arrive.
 */
@QuarkusTest
class GalleryTilesTest extends NotebookSiteTest {

    static final Pattern IMG = Pattern.compile("<li><a href=\"/(\\w+)\"><img ([^>]*)>");

    @Inject
    GridIds ids;

    @Inject
    GridTakedown takedown;

    /** A 640×480 ImageGrid of 1 px blocks (as a picture loaded into ipythonblocks) in smooth colours. */
    String photo() {
        StringBuilder json = new StringBuilder(7_000_000).append("{\"width\": 640, \"height\": 480, \"lines_on\": false, \"blocks\": [");
        for (int r = 0; r < 480; r++) {
            json.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < 640; c++) {
                json.append(c == 0 ? "" : ", ").append('[').append(c * 255 / 639).append(", ").append(r * 255 / 479).append(", ")
                        .append((c + r) % 256).append(", 1]");
            }
            json.append(']');
        }
        return ids.publicId(testGrids.insertPublicGrid(json.append("]}").toString(), "null", "ImageGrid"));
    }

    String small() {
        return client.postToWebPath(TestGrids.body("BlockGrid", 3, 2, false, null)).substring(1);
    }

    static BufferedImage png(Response response) throws Exception {
        response.then().statusCode(200).contentType("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
    }

    @Test
    void theTileOfA640By480GridIsASmallSquareOfAFewKilobytesCachedLikeItsPicture() throws Exception {
        String id = photo();
        int full = given().get("/" + id + ".png").then().statusCode(200).extract().asByteArray().length;
        for (int scale : new int[] { 1, 2 }) {
            Response tile = given().get("/tile/" + id + ".png" + (scale == 1 ? "" : "?scale=" + scale));
            tile.then().header("Cache-Control", "public, max-age=86400").header("ETag", org.hamcrest.Matchers.notNullValue());
            BufferedImage image = png(tile);
            assertThat(image.getWidth()).as("the tile box, %d×", scale).isEqualTo(110 * scale);
            assertThat(image.getHeight()).isEqualTo(110 * scale);
            assertThat(tile.asByteArray().length).as("bytes of the %d× tile against %d of the full picture", scale, full)
                    .isLessThan(4 * 1024 * scale * scale).isLessThan(full / (scale == 1 ? 10 : 2));
            int width = 110 * scale;
            int height = Math.round(480f * width / 640);
            int top = (width - height) / 2;
            assertThat(image.getRGB(0, top - 1) & 0xFFFFFF).as("letterboxed in the gallery's grey: the 4:3 shape kept").isEqualTo(0xECF0F1);
            assertThat(image.getRGB(0, top + height) & 0xFFFFFF).isEqualTo(0xECF0F1);
            for (int[] at : new int[][] { { 0, 0 }, { width / 2, height / 2 }, { width - 1, height - 1 } }) {
                int col = (int) ((at[0] + 0.5) * 640 / width);
                int row = (int) ((at[1] + 0.5) * 480 / height);
                int shown = image.getRGB(at[0], top + at[1]);
                int[] block = { col * 255 / 639, row * 255 / 479, (col + row) % 256 };
                for (int channel = 0; channel < 3; channel++) {
                    assertThat(Math.abs((shown >> (16 - 8 * channel) & 0xFF) - block[channel]))
                            .as("each pixel is close to the block under it (thousands of colours made 256): block %d,%d", row, col)
                            .isLessThanOrEqualTo(48);
                }
            }
        }
        given().header("If-None-Match", given().get("/tile/" + id + ".png").header("ETag")).get("/tile/" + id + ".png").then().statusCode(304);
    }

    @Test
    void recentShowsEveryTileWithItsSizeAndBothRenderingsAndTheFirstRowsLoadAtOnce() {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            posted.add(small());
        }
        String html = given().get("/recent").then().statusCode(200).extract().asString();
        Matcher img = IMG.matcher(html);
        int n = 0;
        while (img.find()) {
            String id = img.group(1);
            assertThat(id).isEqualTo(posted.get(posted.size() - 1 - n));
            assertThat(img.group(2)).isEqualTo("src=\"/tile/" + id + ".png\" srcset=\"/tile/" + id + ".png 1x, /tile/" + id
                    + ".png?scale=2 2x\" width=\"110\" height=\"110\" alt=\"\" loading=\"" + (n < 6 ? "eager" : "lazy") + "\"");
            given().get("/tile/" + id + ".png?scale=2").then().statusCode(200).contentType("image/png");
            n++;
        }
        assertThat(n).isEqualTo(8);
        assertThat(given().get("/recent.atom").then().statusCode(200).extract().asString())
                .contains("/tile/" + posted.get(0) + ".png\"/>")
                .contains("/tile/" + posted.get(0) + ".png\" width=\"110\" height=\"110\"");
    }

    @Test
    void aTakenDownGridsTileIsGoneAtOnceLikeItsPicture() {
        String hidden = small();
        String deleted = small();
        for (String id : List.of(hidden, deleted)) {
            given().get("/tile/" + id + ".png").then().statusCode(200);
            given().get("/tile/" + id + ".png?scale=2").then().statusCode(200);
        }
        takedown.hide(new GridRef(false, hidden));
        takedown.delete(new GridRef(false, deleted));
        for (String id : List.of(hidden, deleted)) {
            for (String path : List.of("/tile/" + id + ".png", "/tile/" + id + ".png?scale=2", "/" + id + ".png")) {
                given().get(path).then().statusCode(410).header("Cache-Control", org.hamcrest.Matchers.nullValue());
            }
        }
    }

    @Test
    void aBadTileAddressGetsTheSameClearAnswerAsABadPictureAddress() {
        String id = small();
        String picture = given().get("/" + id + ".png?scale=abc").then().statusCode(400).extract().asString();
        given().get("/tile/" + id + ".png?scale=abc").then().statusCode(400).contentType(containsString("text/html"))
                .body(equalTo(picture));
        given().accept("application/json").get("/tile/" + id + ".png?scale=3").then().statusCode(400)
                .body("title", equalTo("Bad scale")).body("detail", containsString("A tile is drawn at scale 1 or 2"));
        given().get("/tile/" + id + ".png?scale=0.5").then().statusCode(400).body(containsString("A tile is drawn at scale 1 or 2"))
                .body(containsString("href=\"/" + id + "\""));

        given().get("/NoSuchGrid.png").then().statusCode(404);
        given().get("/tile/NoSuchGrid.png").then().statusCode(404).contentType(containsString("text/html"));
        given().accept("application/json").get("/tile/NoSuchGrid.png").then().statusCode(404)
                .body("detail", equalTo("No public grid has the id NoSuchGrid"));
        String secret = client.postToWeb(TestGrids.body("BlockGrid", 2, 2, true, null));
        String token = secret.substring(secret.lastIndexOf('/') + 1);
        given().get("/tile/" + token + ".png").then().statusCode(404);
        given().get("/tile/secret/" + token + ".png").then().statusCode(404);
    }
}
