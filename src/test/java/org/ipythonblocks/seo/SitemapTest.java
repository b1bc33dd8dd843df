package org.ipythonblocks.seo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** robots.txt and the sitemap as crawlers read them: what is listed, what never is, and the 50,000 split. */
@QuarkusTest
class SitemapTest extends NotebookSiteTest {

    static final String BASE = "http://www.ipythonblocks.org";

    @Inject
    jakarta.enterprise.event.Event<org.ipythonblocks.grid.GridsChanged> changed;

    @Inject
    GridIds ids;

    @BeforeEach
    void forgetRenderedSitemaps() {
        changed.fire(org.ipythonblocks.grid.GridsChanged.anything());
    }

    /** The document, parsed with namespaces; checks the root element is sitemaps.org's. */
    static Document xml(Response response, String root) throws Exception {
        response.then().statusCode(200).contentType("application/xml").header("Cache-Control", "public, max-age=3600");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asByteArray()));
        Element element = doc.getDocumentElement();
        assertThat(element.getLocalName()).isEqualTo(root);
        assertThat(element.getNamespaceURI()).isEqualTo(Sitemaps.NAMESPACE);
        return doc;
    }

    /**
     * The sitemaps.org schema, structurally: every child of the root is {@code url} (or
     * {@code sitemap}) with exactly one {@code loc}, an absolute URL, and at most one {@code lastmod}
     * as a W3C date; no more than 50,000 of them.
     */
    static List<String> locs(Document doc, String entry) {
        List<String> locs = new ArrayList<>();
        NodeList children = doc.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.TEXT_NODE) {
                assertThat(child.getTextContent()).isBlank();
                continue;
            }
            assertThat(child.getLocalName()).isEqualTo(entry);
            assertThat(child.getNamespaceURI()).isEqualTo(Sitemaps.NAMESPACE);
            NodeList fields = child.getChildNodes();
            String loc = null;
            for (int f = 0; f < fields.getLength(); f++) {
                Node field = fields.item(f);
                assertThat(field.getLocalName()).isIn("loc", "lastmod");
                if (field.getLocalName().equals("loc")) {
                    assertThat(loc).as("one loc per entry").isNull();
                    loc = field.getTextContent();
                } else {
                    assertThat(field.getTextContent()).matches("\\d{4}-\\d{2}-\\d{2}");
                }
            }
            assertThat(loc).startsWith(BASE + "/");
            locs.add(loc);
        }
        assertThat(locs).hasSizeLessThanOrEqualTo(Sitemaps.GRIDS_PER_FILE);
        return locs;
    }

    static List<String> index() throws Exception {
        return locs(xml(given().get("/sitemap.xml"), "sitemapindex"), "sitemap");
    }

    static List<String> file(int n) throws Exception {
        return locs(xml(given().get("/sitemap-" + n + ".xml"), "urlset"), "url");
    }

    @Test
    void robotsKeepsCrawlersOutOfSecretGridsEmbedsAndTheApiAndNamesTheSitemap() {
        given().get("/robots.txt").then().statusCode(200).contentType("text/plain")
                .body(containsString("User-agent: *\nDisallow: /secret/\nDisallow: /embed/\nDisallow: /get/\n"))
                .body(containsString("\nSitemap: " + BASE + "/sitemap.xml\n"))
                .header("Cache-Control", "public, max-age=3600");
    }

    @Test
    void anEmptySiteListsItsOwnPagesOnly() throws Exception {
        assertThat(index()).containsExactly(BASE + "/sitemap-pages.xml");
        assertThat(locs(xml(given().get("/sitemap-pages.xml"), "urlset"), "url")).containsExactly(BASE + "/", BASE + "/about", BASE + "/recent", BASE + "/privacy");
        given().get("/sitemap-0.xml").then().statusCode(404);
    }

    @Test
    void hiddenDeletedAndSecretGridsAreNeverListed() throws Exception {
        String shown = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        String hidden = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        String deleted = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        String secret = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, true, null));
        testGrids.insertLegacySecretGrid(7);
        testGrids.hidePublicGrid(2);
        testGrids.deletePublicGrid(3);
        assertThat(hidden).isEqualTo("/" + ids.publicId(2));
        assertThat(deleted).isEqualTo("/" + ids.publicId(3));

        assertThat(index()).containsExactly(BASE + "/sitemap-pages.xml", BASE + "/sitemap-0.xml");
        List<String> listed = file(0);
        assertThat(listed).containsExactly(BASE + shown);
        assertThat(String.join("\n", listed)).doesNotContain(NotebookClient.pathOf(secret).substring(8), "/secret/", ids.legacySecretId(7));
        given().get("/sitemap-0.xml").then().body(containsString("<lastmod>" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "</lastmod>"));
    }

    @Test
    void aGridItsPosterDeletesLeavesTheSitemapAtOnce() throws Exception {
        io.restassured.path.json.JsonPath posted = given().body(TestGrids.body("BlockGrid", 2, 1, false, null)).post("/post").then()
                .statusCode(200).extract().jsonPath();
        String url = posted.getString("url");
        String kept = client.postToWebPath(TestGrids.body("BlockGrid", 2, 1, false, null));
        assertThat(file(0)).containsExactly(url, BASE + kept);
        given().body(java.util.Map.of("url", url, "delete_token", posted.getString("delete_token"))).post("/delete").then().statusCode(200);
        assertThat(file(0)).as("without waiting for the hour").containsExactly(BASE + kept);
    }

    @Test
    void fiftyThousandGridsAFileAndTheIndexListsEachFile() throws Exception {
        long max = testGrids.insertPublicGrids(Sitemaps.GRIDS_PER_FILE + 3);
        assertThat(max).isEqualTo(50_003);
        testGrids.hidePublicGrid(50_002);
        testGrids.deletePublicGrid(10);

        assertThat(index()).containsExactly(BASE + "/sitemap-pages.xml", BASE + "/sitemap-0.xml", BASE + "/sitemap-1.xml");
        List<String> first = file(0);
        assertThat(first).hasSize(Sitemaps.GRIDS_PER_FILE - 1).startsWith(BASE + "/" + ids.publicId(1))
                .doesNotContain(BASE + "/" + ids.publicId(10)).endsWith(BASE + "/" + ids.publicId(50_000));
        assertThat(file(1)).containsExactly(BASE + "/" + ids.publicId(50_001), BASE + "/" + ids.publicId(50_003));
        given().get("/sitemap-1.xml").then().body(containsString("<lastmod>2026-12-01</lastmod>"));
        given().get("/sitemap-2.xml").then().statusCode(404);
    }

    @Test
    void aSitemapIsGzippedAndRevalidatedLikeEveryOutput() {
        testGrids.insertPublicGrids(100);
        Response gzipped = given().header("Accept-Encoding", "gzip").get("/sitemap-0.xml");
        gzipped.then().statusCode(200).header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
        String etag = gzipped.header("ETag");
        given().header("Accept-Encoding", "gzip").header("If-None-Match", etag).get("/sitemap-0.xml").then().statusCode(304);
        given().get("/sitemap-x.xml").then().statusCode(404);
        java.net.http.HttpResponse<byte[]> plain = org.ipythonblocks.RawHttp.get(root.toString(), "/sitemap-0.xml");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<urlset xmlns=\"" + Sitemaps.NAMESPACE + "\">");
        given().get("/sitemap-0.xml").then().header("ETag", equalTo(given().get("/sitemap-0.xml").header("ETag")));
    }
}
