package org.ipythonblocks.seo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.PythonJson;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.picture.GridImages;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What search engines and link previews read from each page: a description of its own, link texts
 * that say where they go, a canonical URL, noindex where a page must stay out of search results, and
 * Open Graph / Twitter card tags with a preview picture.
 */
@QuarkusTest
class FindablePagesTest extends NotebookSiteTest {

    static final String BASE = SitemapTest.BASE;
    private static final Pattern DESCRIPTION = Pattern.compile("<meta name=\"description\" content=\"([^\"]+)\">");
    private static final Pattern LINK_TEXT = Pattern.compile("<a [^>]*>([^<]*)</a>");

    static String page(String path, int status) {
        return given().get(path).then().statusCode(status).contentType("text/html").extract().asString();
    }

    static String description(String page) {
        Matcher m = DESCRIPTION.matcher(page);
        assertThat(m.find()).as("a meta description").isTrue();
        String description = m.group(1);
        assertThat(m.find()).as("only one").isFalse();
        return description;
    }

    static boolean noindex(String page) {
        return page.contains("<meta name=\"robots\" content=\"noindex\">");
    }

    @Test
    void everyPageHasADescriptionOfItsOwnAndErrorPagesStayOutOfSearchResults() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 3, 2, false, List.of("grid = BlockGrid(3, 2)")));
        String image = client.postToWebPath(TestGrids.body("ImageGrid", 4, 5, false, null));
        String secret = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, true, null));
        String home = page("/", 200);
        String about = page("/about", 200);
        String privacy = page("/privacy", 200);
        String gridPage = page(grid, 200);
        String imagePage = page(image, 200);
        String secretPage = page(secret, 200);
        String embed = page("/embed" + grid, 200);
        String notFound = page("/no/such/page", 404);
        String badScale = page(grid + ".png?scale=99", 400);

        List<String> descriptions = List.of(description(home), description(about), description(privacy), description(gridPage), description(imagePage),
                description(secretPage), description(embed), description(notFound), description(badScale));
        assertThat(descriptions).doesNotHaveDuplicates().allSatisfy(d -> assertThat(d.length()).isBetween(40, 200));
        assertThat(description(home)).contains("Python", "notebooks");
        assertThat(description(gridPage)).isEqualTo("A 3 by 2 grid, all black (BlockGrid " + grid.substring(1)
                + "), shared from a Jupyter notebook with ipythonblocks with the code that drew it: load it into your own notebook with BlockGrid.from_web().");
        assertThat(description(imagePage)).startsWith("A 4 by 5 grid: 55% navy, 45% black (ImageGrid " + image.substring(1) + ")")
                .doesNotContain("with the code");
        assertThat(description(secretPage)).as("no id of a secret grid in its description").startsWith("A 2 by 2 grid").contains(" (BlockGrid), shared");

        assertThat(List.of(home, about, gridPage, imagePage)).noneMatch(FindablePagesTest::noindex);
        assertThat(List.of(secretPage, embed, notFound, badScale)).allMatch(FindablePagesTest::noindex);
    }

    @Test
    void linkTextsSayWhereTheyGo() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 3, 2, false, null));
        for (String path : List.of("/", "/about", "/privacy", grid, "/no/such/page")) {
            Matcher m = LINK_TEXT.matcher(page(path, path.startsWith("/no") ? 404 : 200));
            while (m.find()) {
                assertThat(m.group(1).trim().toLowerCase(java.util.Locale.ROOT)).as("a link on " + path)
                        .isNotIn("learn more", "learn how!", "click here", "here", "more", "read more", "this", "link", "");
            }
        }
    }

    @Test
    void aPublicGridPageHasItsCanonicalUrlAndSocialPreviewTagsASecretOneNone() throws Exception {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 3, 2, false, null));
        String id = grid.substring(1);
        String page = page(grid, 200);
        assertThat(page).contains("<link rel=\"canonical\" href=\"" + BASE + grid + "\">")
                .contains("<meta property=\"og:site_name\" content=\"ipythonblocks.org\">")
                .contains("<meta property=\"og:title\" content=\"BlockGrid " + id + " on ipythonblocks.org\">")
                .contains("<meta property=\"og:description\" content=\"A 3 by 2 grid, all black")
                .contains("<meta property=\"og:url\" content=\"" + BASE + grid + "\">")
                .contains("<meta property=\"og:image\" content=\"" + BASE + "/preview/" + id + ".png\">")
                .contains("<meta property=\"og:image:width\" content=\"1200\">")
                .contains("<meta property=\"og:image:height\" content=\"630\">")
                .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">");

        byte[] png = given().get("/preview/" + id + ".png").then().statusCode(200).contentType("image/png")
                .header("Cache-Control", "public, max-age=86400").extract().asByteArray();
        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(preview.getWidth()).isEqualTo(1200);
        assertThat(preview.getHeight()).isEqualTo(630);
        assertThat(preview.getRGB(5, 5) & 0xFFFFFF).as("the title band").isEqualTo(GridImages.BAND_BACKGROUND);
        boolean siteName = false;
        for (int x = 0; x < 1200 && !siteName; x++) {
            for (int y = 0; y < 60; y++) {
                siteName |= (preview.getRGB(x, y) & 0xFFFFFF) == GridImages.BAND_SITE;
            }
        }
        assertThat(siteName).as("the site's name is drawn in the band").isTrue();

        String secret = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, true, null));
        String secretPage = page(secret, 200);
        assertThat(secretPage).doesNotContain("og:image").doesNotContain("og:url").doesNotContain("twitter:card");
        given().get(secret + ".png").then().statusCode(200).header("Cache-Control", "private, max-age=86400");
    }

    @Test
    void theTooManyBlocksForSvgPageLinksThePngAndTheGridPage() {
        for (boolean secret : new boolean[] { false, true }) {
            var body = TestGrids.payload("ImageGrid", 210, 200, secret, null);
            @SuppressWarnings("unchecked")
            var data = (java.util.Map<String, Object>) body.get("grid_data");
            data.put("blocks", TestGrids.blocks(210, 200, 1));
            String grid = client.postToWebPath(PythonJson.dumps(body));
            String page = given().accept("text/html").get(grid + ".svg").then().statusCode(400).contentType("text/html").extract().asString();
            assertThat(page).contains("Too many blocks for SVG").contains("<a href=\"" + grid + ".png\">the grid as a PNG picture</a>")
                    .contains("<a href=\"" + grid + "\">the grid's page</a>");
            given().get(grid + ".png").then().statusCode(200).contentType("image/png");
        }
        String small = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        assertThat(page(small + ".png?scale=abc", 400)).contains("<a href=\"" + small + ".png\">");
        assertThat(page("/about.png?scale=abc", 404)).doesNotContain("as a PNG picture");
    }
}
