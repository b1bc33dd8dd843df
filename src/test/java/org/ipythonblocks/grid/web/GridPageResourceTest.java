package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;


import org.ipythonblocks.grid.picture.GridImages;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.RawHttp;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class GridPageResourceTest extends NotebookSiteTest {

    static final String HTML = "text/html";
    static final Pattern CELL = Pattern.compile("<td title=\"Index: \\[(\\d+), (\\d+)\\]&#10;Color: \\((\\d+), (\\d+), (\\d+)\\)\" "
            + "style=\"width: (\\d+)px; height: (\\d+)px; background-color: rgb\\((\\d+), (\\d+), (\\d+)\\);\"></td>");

    /** Posts like {@code grid.post_to_web()} and answers the path of the grid's page ({@code /bizkiL}, {@code /secret/…}). */
    String post(String body) {
        return client.postToWebPath(body);
    }

    String post(String ipbClass, int width, int height, boolean secret, List<String> cells) {
        return post(TestGrids.body(ipbClass, width, height, secret, cells));
    }

    /** GET exactly this path and query (no re-encoding), without following redirects. */
    static Response get(String path) {
        return given().urlEncodingEnabled(false).redirects().follow(false).when().get(path);
    }

    @Test
    void publicGridPageShowsTheGridItsCodeAndHowToLoadIt() {
        String path = post("BlockGrid", 3, 2, false, List.of("grid = BlockGrid(3, 2)\nfor block in grid:\n    block.red = 255"));
        String id = path.substring(1);

        get(path).then().statusCode(200)
                .contentType(containsString(HTML)).contentType(containsString("charset=UTF-8"))
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .body(containsString("<title>ipythonblocks: BlockGrid " + id + "</title>"))
                .body(containsString("<form class=\"ipb-report-form\" method=\"post\" action=\"/report\">"))
                .body(containsString("<input type=\"hidden\" name=\"grid\" value=\"" + id + "\">"))
                .body(not(containsString("noindex")))
                .body(containsString("aria-label=\"A 3 by 2 grid"))
                .body(containsString("<table class=\"blockgrid\">"))
                .body(containsString("<span class=\"k\">for</span> <span class=\"n\">block</span> <span class=\"ow\">in</span>"))
                .body(containsString("<span class=\"n\">BlockGrid</span><span class=\"o\">.</span><span class=\"n\">from_web</span>"
                        + "<span class=\"p\">(</span><span class=\"s1\">&#39;" + id + "&#39;</span><span class=\"p\">)</span>"))
                .body(containsString("<dd>3 by 2 blocks</dd>"))
                .body(containsString("<dd>1.9.1</dd>"))
                .body(containsString("<dd>3.11.2</dd>"))
                .body(containsString("<time datetime=\"20"));
        given().when().head(path).then().statusCode(200).contentType(containsString(HTML)).body(emptyString());
    }

    @Test
    void imageGridPagesLoadWithImageGrid() {
        String path = post("ImageGrid", 2, 2, false, null);
        get(path).then().statusCode(200)
                .body(containsString("<span class=\"n\">ImageGrid</span><span class=\"o\">.</span><span class=\"n\">from_web</span>"))
                .body(containsString("<dd>ImageGrid</dd>"))
                .body(not(containsString("The code")));
    }

    @Test
    void secretGridPageIsKeptOutOfSearchEnginesAndReferrers() {
        String path = post("BlockGrid", 2, 2, true, null);
        assertThat(path).matches("/secret/[0-9A-Za-z]{20}");
        String token = path.substring("/secret/".length());

        get(path).then().statusCode(200).contentType(containsString(HTML))
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("<meta name=\"robots\" content=\"noindex\">"))
                .body(containsString("<title>ipythonblocks: a secret BlockGrid</title>"))
                .body(containsString("<span class=\"s1\">&#39;" + token + "&#39;</span><span class=\"p\">,</span> "
                        + "<span class=\"n\">secret</span><span class=\"o\">=</span><span class=\"kc\">True</span>"));
        given().when().head(path).then().statusCode(200).header("Referrer-Policy", "no-referrer");
        // A secret grid is not a public grid, under either id.
        get("/" + token).then().statusCode(404).contentType(containsString(HTML));
    }

    @Test
    void legacySecretGridIsFoundByItsHashId() {
        testGrids.insertLegacySecretGrid(1);
        get("/secret/MiXoi4").then().statusCode(200)
                .header("Referrer-Policy", "no-referrer")
                .body(containsString("aria-label=\"A 4 by 1 grid"))
                .body(containsString("<table class=\"blockgrid blockgrid-nolines\">"))
                .body(containsString("<dd>2.7.6</dd>"))
                .body(containsString("<dd>1.6.0</dd>"));
    }

    @Test
    void unknownAndNonCanonicalIdsGetTheNotFoundPage() {
        String path = post("BlockGrid", 1, 1, false, null);
        assertThat(path).isEqualTo("/bizkiL");
        for (String missing : List.of("/oTAnTn", "/bizkiLx", "/zzzzzzzzzzzzzzzzzzzzzzzz", "/secret/bizkiL", "/secret/oTAnTn",
                "/secret", "/oTAnTn.png", "/secret/bizkiL.png")) {
            get(missing).then().statusCode(404)
                    .contentType(containsString(HTML))
                    .body(containsString("<title>ipythonblocks: not found</title>"))
                    .body(containsString("aria-label=\"A 22 by 10 grid: "));
        }
        given().when().head("/oTAnTn").then().statusCode(404);
    }

    @Test
    void trailingSlashesRedirectToThePathWithout() {
        String path = post("BlockGrid", 1, 1, false, null);
        get(path + "//?a=1&b=%20").then().statusCode(301).header("Location", path + "?a=1&b=%20");
        get(path + "/").then().statusCode(301).header("Location", path);
        given().urlEncodingEnabled(false).redirects().follow(false).when().head(path + "/").then().statusCode(301).header("Location", path);
        String secret = post("BlockGrid", 1, 1, true, null);
        get(secret + "/").then().statusCode(301).header("Location", secret);
        // Never a protocol-relative redirect to another host.
        for (String sneaky : List.of("//evil.example/", "///evil.example//", "/%5Cevil.example/")) {
            HttpResponse<String> response = client.get(sneaky);
            assertThat(response.headers().firstValue("Location")).as(sneaky)
                    .satisfiesAnyOf(l -> assertThat(l).isEmpty(), l -> assertThat(l.get()).matches("/[^/\\\\].*"));
        }
    }

    @Test
    void randomRedirectsRelativelyToAPublicGrid() {
        String path = post("BlockGrid", 1, 1, false, null);
        post("BlockGrid", 1, 1, true, null);
        for (int i = 0; i < 5; i++) {
            get("/random").then().statusCode(303).header("Location", path).header("Cache-Control", "no-store");
        }
        given().urlEncodingEnabled(false).redirects().follow(false).when().head("/random").then().statusCode(303).header("Location", path);
    }

    @Test
    void literalRoutesWinOverTheIdRoute() {
        // "random" is six word characters, like an id; the literal route wins.
        get("/random").then().statusCode(200).body(containsString("No grids"));
    }

    @Test
    void randomWithNoPublicGridSaysSo() {
        post("BlockGrid", 1, 1, true, null);
        get("/random").then().statusCode(200).contentType(containsString(HTML))
                .body(containsString("No grids to show yet"));
    }

    @Test
    void aGridPageNamesTheGridsColoursAndIsNoTabStopWithoutJavaScript() {
        Map<String, Object> payload = TestGrids.payload("BlockGrid", 10, 10, false, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = (Map<String, Object>) payload.get("grid_data");
        List<List<int[]>> rows = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            int[] rgb = r < 6 ? new int[] { 255, 215, 0 } : r < 9 ? new int[] { 0, 0, 128 } : new int[] { 255, 255, 255 };
            rows.add(java.util.Collections.nCopies(10, new int[] { rgb[0], rgb[1], rgb[2], 20 }));
        }
        gridData.put("blocks", rows);
        String path = post(PythonJson.dumps(payload));

        String page = get(path).then().statusCode(200).extract().asString();
        assertThat(page).contains("<h1 class=\"ipb-heading\">BlockGrid " + path.substring(1) + "</h1>")
                .contains("role=\"img\" aria-label=\"A 10 by 10 grid: 60% gold, 30% navy, 10% white\"")
                .contains("<figcaption>A 10 by 10 grid: 60% gold, 30% navy, 10% white. Blocks of 20 pixels, with white lines "
                        + "between them; the top left block is gold and the bottom right one white.</figcaption>")
                .contains("style=\"--cols: 10; --block: 20px; --line: 1px\"")
                .contains("data-colour-names=\"black:0,0,0;")
                .contains("<p class=\"visually-hidden\" aria-live=\"polite\"></p>")
                .containsPattern("<script src=\"/static/keyboard\\.[0-9a-f]{10}\\.js\" defer></script>")
                .doesNotContain("tabindex");
        given().when().get("/static/keyboard.js").then().statusCode(200).body(containsString("ArrowRight"));
    }

    @Test
    void codeCellsAreEscapedAndKeepNonAsciiText() {
        String attack = "</pre><script>alert(1)</script>";
        String unicode = "# café, 日本, 🎉\nname = \"é日本🎉\"  # ok";
        String path = post("BlockGrid", 1, 1, false, List.of(attack, unicode, "x = '<b>&amp;</b>'"));

        String page = get(path).then().statusCode(200).extract().asString();
        assertThat(page.split("<script", -1)).as("the scripts are the site's own: the keyboard and the copy button").hasSize(3);
        assertThat(page).containsPattern("<script src=\"/static/copy\\.[0-9a-f]{10}\\.js\" defer></script>")
                .doesNotContain("<script>").doesNotContain("alert(1)</").doesNotContain("<b>");
        assertThat(codeBlocks(page)).startsWith(attack, unicode, "x = '<b>&amp;</b>'");
        assertThat(page).contains("<span class=\"c1\"># café, 日本, 🎉</span>")
                .contains("<span class=\"s2\">&quot;é日本🎉&quot;</span>");
    }

    @Test
    void smallGridIsDrawnCellByCellAsTheLibraryDraws() {
        // Colours over 255 are shown as 255, sizes under 1 as 1; lines off.
        String body = PythonJson.dumps(payload(false, List.of(
                List.of(new int[] { 300, 0, 10, 0 }, new int[] { 1, 2, 3, 20 }, new int[] { 255, 256, 1000, 7 }),
                List.of(new int[] { 9, 8, 7, 1 }, new int[] { 0, 0, 0, 40 }, new int[] { 12, 34, 56, 20 }))));
        String page = get(post(body)).then().statusCode(200).extract().asString();

        assertThat(page).contains("<table class=\"blockgrid blockgrid-nolines\"><tbody>");
        assertThat(cells(page)).containsExactly(
                "0,0 rgb(255,0,10) 1px", "0,1 rgb(1,2,3) 20px", "0,2 rgb(255,255,255) 7px",
                "1,0 rgb(9,8,7) 1px", "1,1 rgb(0,0,0) 40px", "1,2 rgb(12,34,56) 20px");
        assertThat(page.split("<tr>", -1)).hasSize(3);

        String withLines = get(post(PythonJson.dumps(payload(true, List.of(List.<int[]>of(new int[] { 1, 2, 3, 4 }))))))
                .then().statusCode(200).extract().asString();
        assertThat(withLines).contains("<table class=\"blockgrid\"><tbody>");
        assertThat(cells(withLines)).containsExactly("0,0 rgb(1,2,3) 4px");
    }

    @Test
    void raggedLegacyRowsAreDrawnNotFailed() {
        testGrids.insertPublicGrid("""
                {"width": 3, "height": 3, "lines_on": true,
                 "blocks": [[[1, 1, 1, 10], [2, 2, 2, 10], [3, 3, 3, 10]], [[4, 4, 4, 10]], []]}""",
                "[\"print('old')\"]", "SomethingElse");
        String page = get("/bizkiL").then().statusCode(200).extract().asString();
        assertThat(cells(page)).containsExactly("0,0 rgb(1,1,1) 10px", "0,1 rgb(2,2,2) 10px", "0,2 rgb(3,3,3) 10px",
                "1,0 rgb(4,4,4) 10px");
        assertThat(page).contains("<dd>3 by 3 blocks</dd>").contains("BlockGrid</span><span class=\"o\">.</span>");
        assertThat(readPng(get("/bizkiL.png").then().statusCode(200).extract().asByteArray()).getWidth())
                .isEqualTo(1 + 3 * 11);
    }

    @Test
    void bigGridIsShownAsAnImageThatDrawsEveryBlock() {
        int width = 101;
        int height = 100; // 10,100 blocks: over GridImages.MAX_TABLE_BLOCKS
        Map<String, Object> payload = TestGrids.payload("ImageGrid", width, height, false, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = (Map<String, Object>) payload.get("grid_data");
        gridData.put("blocks", TestGrids.blocks(width, height, 5));
        String path = post(PythonJson.dumps(payload));

        String page = get(path).then().statusCode(200).extract().asString();
        int pitch = 5 + 1;
        assertThat(page).doesNotContain("<td").contains("<img class=\"blockgrid-image\" src=\"" + path + ".png\" srcset=\"")
                .contains(path + ".png " + (1 + width * pitch) + "w\" sizes=\"(max-width: 1200px) 100vw, 1100px\" alt=\"A 101 by 100 grid: ").contains("\" width=\"" + (1 + width * pitch) + "\" height=\"" + (1 + height * pitch) + "\">");

        Response png = get(path + ".png");
        png.then().statusCode(200).contentType("image/png");
        BufferedImage image = readPng(png.asByteArray());
        assertThat(image.getWidth()).isEqualTo(1 + width * pitch);
        assertThat(image.getHeight()).isEqualTo(1 + height * pitch);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(image.getRGB(pitch, 3) & 0xFFFFFF).as("the line between two blocks").isEqualTo(0xFFFFFF);
        for (int[] rc : new int[][] { { 0, 0 }, { 0, 100 }, { 99, 0 }, { 57, 33 }, { 99, 100 } }) {
            int r = rc[0];
            int c = rc[1];
            int[] block = TestGrids.blocks(width, height, 5).get(r).get(c);
            for (int[] d : new int[][] { { 0, 0 }, { 4, 4 } }) {
                int rgb = image.getRGB(1 + c * pitch + d[0], 1 + r * pitch + d[1]) & 0xFFFFFF;
                assertThat(rgb).as("block [%d, %d]", r, c).isEqualTo(block[0] << 16 | block[1] << 8 | block[2]);
            }
        }
        given().when().head(path + ".png").then().statusCode(200).contentType("image/png");
    }

    @Test
    void theBiggestGridDrawnAsATableStaysUnderAMegabyte() {
        int width = 100;
        int height = GridImages.MAX_TABLE_BLOCKS / width;
        List<List<int[]>> white = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<int[]> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                row.add(new int[] { 255, 255, 255, 20 });
            }
            white.add(row);
        }
        String path = post(PythonJson.dumps(payload(true, white)));
        Response page = get(path);
        page.then().statusCode(200);
        assertThat(page.asString()).doesNotContain("<img class=\"blockgrid-image\"");
        assertThat(page.asString().split("<td ", -1)).hasSize(width * height + 1);
        String table = page.asString().substring(page.asString().indexOf("<table"), page.asString().indexOf("</table>"));
        assertThat(table.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(1_000_000);
        // What a browser downloads: the page gzipped, a few per cent of it.
        HttpResponse<byte[]> gzipped = RawHttp.get(root.toString(), path, "Accept-Encoding", "gzip, deflate, br");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.body().length).isLessThan(50_000);
        assertThat(RawHttp.gunzip(gzipped.body())).isEqualTo(page.asByteArray());
    }

    @Test
    void aGridOf640By480BlocksMakesASmallPage() {
        String path = post("ImageGrid", 640, 480, true, null);
        Response page = get(path);
        page.then().statusCode(200).header("Referrer-Policy", "no-referrer");
        assertThat(page.asByteArray().length).isLessThan(20_000);
        assertThat(page.asString()).contains("src=\"" + path + ".png\"").contains("alt=\"A 640 by 480 grid");

        Response png = get(path + ".png");
        png.then().statusCode(200).contentType("image/png").header("Referrer-Policy", "no-referrer");
        BufferedImage image = readPng(png.asByteArray());
        assertThat((long) image.getWidth() * image.getHeight()).isLessThanOrEqualTo(GridImages.MAX_PIXELS);
        assertThat(page.asString()).contains("width=\"" + image.getWidth() + "\" height=\"" + image.getHeight() + "\"");
    }

    static Map<String, Object> payload(boolean linesOn, List<List<int[]>> blocks) {
        Map<String, Object> body = TestGrids.payload("BlockGrid", blocks.get(0).size(), blocks.size(), false, null);
        @SuppressWarnings("unchecked")
        Map<String, Object> gridData = new LinkedHashMap<>((Map<String, Object>) body.get("grid_data"));
        gridData.put("lines_on", linesOn);
        gridData.put("blocks", blocks);
        body.put("grid_data", gridData);
        return body;
    }

    /** Each table cell as "row,col rgb(r,g,b) sizepx", checking that title and style agree. */
    static List<String> cells(String page) {
        List<String> cells = new ArrayList<>();
        Matcher m = CELL.matcher(page);
        while (m.find()) {
            assertThat(m.group(6)).isEqualTo(m.group(7));
            assertThat(List.of(m.group(3), m.group(4), m.group(5))).containsExactly(m.group(8), m.group(9), m.group(10));
            cells.add(m.group(1) + "," + m.group(2) + " rgb(" + m.group(3) + "," + m.group(4) + "," + m.group(5) + ") "
                    + m.group(6) + "px");
        }
        assertThat(page.split("<td", -1)).as("every cell has the library's shape").hasSize(cells.size() + 1);
        return cells;
    }

    /** The text of every highlighted code block, tags removed and entities decoded. */
    static List<String> codeBlocks(String page) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("<div class=\"ipb-code\"><pre>(.*?)</pre></div>", Pattern.DOTALL).matcher(page);
        while (m.find()) {
            String text = m.group(1).replaceAll("<span class=\"[a-z0-9]+\">", "").replace("</span>", "");
            assertThat(text).doesNotContain("<");
            blocks.add(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&"));
        }
        return blocks;
    }

    static BufferedImage readPng(byte[] png) {
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
