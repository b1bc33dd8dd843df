package org.ipythonblocks.gallery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.grid.GridsChanged;
import org.ipythonblocks.web.RenderedOutput;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /recent}: the newest public grids, 24 to a page, newest first, older and newer links that
 * walk keyset ranges both ways; never a secret, hidden or deleted grid; one statement per page view
 * and none once cached; the Atom feed of the same grids; the home page's strip and count.
 */
@QuarkusTest
class GalleryTest extends NotebookSiteTest {

    static final Pattern TILE = Pattern.compile("<li><a href=\"/(\\w+)\"><img src=\"/tile/\\1\\.png\"");
    static final Pattern OLDER = Pattern.compile("href=\"/recent\\?before=(\\w+)\" rel=\"next\"");
    static final Pattern NEWER = Pattern.compile("href=\"/recent\\?after=(\\w+)\" rel=\"prev\"");

    @Inject
    GridIds ids;

    @Inject
    GridTakedown takedown;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    RecentGrids recent;

    @Inject
    Event<GridsChanged> changed;

    /**
     * A page read before a takedown and rendered after the gallery forgot its pages is not kept
     * (Caffeine's invalidateAll leaves a computation in flight alone: Caffeine issue 251).
     */
    @Test
    void aPageReadWhileAGridWasTakenDownIsNotKept() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch takenDown = new CountDownLatch(1);
        CompletableFuture<RenderedOutput> held = CompletableFuture
                .supplyAsync(() -> inRequestContext(() -> recent.rendered("held", RecentGrids.Cursor.NEWEST, page -> {
                    reading.countDown();
                    try {
                        assertThat(takenDown.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return RenderedOutput.text("before".getBytes(), "text/plain");
                })));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        changed.fire(GridsChanged.anything());
        takenDown.countDown();
        assertThat(new String(held.get(10, TimeUnit.SECONDS).body())).isEqualTo("before");

        String next = new String(recent.rendered("held", RecentGrids.Cursor.NEWEST,
                page -> RenderedOutput.text("after".getBytes(), "text/plain")).body());
        assertThat(next).as("read again, not the page read before the takedown").isEqualTo("after");
    }

    @Test
    void keptPagesHoldAtMostTheirBudgetHoweverLargeTheyAre() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 10; i++) {
            byte[] body = new byte[1 << 20];
            for (int b = 0; b < body.length; b++) {
                body[b] = (byte) (i % 2 == 0 ? "<li></li>".charAt(b % 9) : 32 + random.nextInt(90));
            }
            inRequestContext(() -> recent.rendered("large" + body.length + "-" + System.nanoTime(), RecentGrids.Cursor.NEWEST,
                    page -> RenderedOutput.text(body, "text/html")));
        }
        assertThat(recent.keptBytes()).isPositive().isLessThanOrEqualTo(RecentGrids.MAX_CACHED_BYTES + RecentGrids.MAX_SETTLED_BYTES);
    }

    /** What {@code work} answers, run with a request context of its own (as a request's thread has one). */
    static <T> T inRequestContext(java.util.function.Supplier<T> work) {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        context.activate();
        try {
            return work.get();
        } finally {
            context.terminate();
        }
    }

    /** Public grids with row ids 1..count, committed. */
    List<String> seed(int count) {
        List<String> public_ = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long row = testGrids.insertPublicGrid("{\"width\": 1, \"height\": 1, \"lines_on\": false, \"blocks\": [[[1, 2, 3, 20]]]}",
                    "null", i % 2 == 0 ? "BlockGrid" : "ImageGrid");
            public_.add(ids.publicId(row));
        }
        return public_;
    }

    static List<String> tiles(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = TILE.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String link(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    String page(String query) {
        return given().get("/recent" + query).then().statusCode(200).contentType(startsWith("text/html"))
                .header("Cache-Control", equalTo("no-cache")).extract().asString();
    }

    List<String> newestFirst(long from, long to) {
        List<String> expected = new ArrayList<>();
        for (long row = from; row >= to; row--) {
            expected.add(ids.publicId(row));
        }
        return expected;
    }

    @Test
    void newestFirstTwentyFourToAPageWalkingOlderAndNewer() {
        seed(60);
        String first = page("");
        assertThat(tiles(first)).containsExactlyElementsOf(newestFirst(60, 37));
        assertThat(link(NEWER, first)).isNull();
        assertThat(link(OLDER, first)).isEqualTo(ids.publicId(37));

        String second = page("?before=" + ids.publicId(37));
        assertThat(tiles(second)).containsExactlyElementsOf(newestFirst(36, 13));
        assertThat(link(NEWER, second)).isEqualTo(ids.publicId(36));
        assertThat(link(OLDER, second)).isEqualTo(ids.publicId(13));

        String last = page("?before=" + ids.publicId(13));
        assertThat(tiles(last)).containsExactlyElementsOf(newestFirst(12, 1));
        assertThat(link(OLDER, last)).isNull();
        assertThat(link(NEWER, last)).isEqualTo(ids.publicId(12));

        String back = page("?after=" + ids.publicId(12));
        assertThat(tiles(back)).containsExactlyElementsOf(newestFirst(36, 13));
        assertThat(link(NEWER, back)).isEqualTo(ids.publicId(36));
        assertThat(link(OLDER, back)).isEqualTo(ids.publicId(13));
        String top = page("?after=" + ids.publicId(36));
        assertThat(tiles(top)).containsExactlyElementsOf(newestFirst(60, 37));
        assertThat(link(NEWER, top)).isNull();
    }

    @Test
    void neverASecretHiddenOrDeletedGridAndATakedownLeavesTheCachedPageAtOnce() {
        List<String> public_ = seed(5);
        String secret = client.postToWeb(TestGrids.body("BlockGrid", 1, 1, true, null));
        String token = secret.substring(secret.lastIndexOf('/') + 1);
        assertThat(tiles(page(""))).containsExactlyElementsOf(newestFirst(5, 1)).doesNotContain(token);
        takedown.hide(new GridRef(false, public_.get(4)));
        takedown.delete(new GridRef(false, public_.get(3)));
        String after = page("");
        assertThat(tiles(after)).containsExactlyElementsOf(newestFirst(3, 1));
        assertThat(after).doesNotContain(token);
        assertThat(given().get("/recent.atom").then().statusCode(200).extract().asString())
                .doesNotContain(public_.get(4)).doesNotContain(public_.get(3)).doesNotContain(token);
    }

    @Test
    void aNewPostShowsAtOnce() {
        seed(3);
        assertThat(tiles(page(""))).hasSize(3);
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        assertThat(tiles(page(""))).startsWith(path.substring(1)).hasSize(4);
    }

    @Test
    void aPageViewIsOneStatementAndNoneOnceCached() {
        seed(30);
        Statistics stats = sessionFactory.getStatistics();
        for (String query : List.of("", "?before=" + ids.publicId(10), "?after=" + ids.publicId(3))) {
            stats.clear();
            page(query);
            assertThat(stats.getPrepareStatementCount()).as("first view of /recent" + query).isEqualTo(1);
            stats.clear();
            page(query);
            assertThat(stats.getPrepareStatementCount()).as("cached view of /recent" + query).isZero();
        }
    }

    /**
     * A page with a newer page (older pages, and newer pages short of the newest) cannot change when a
     * grid is posted, so it is read again from what was kept, without a statement; pages a post does
     * change show it at once.
     */
    @Test
    void aPageWithANewerPageIsKeptThroughAPostAndServedWithoutAStatement() {
        seed(60);
        String older = "?before=" + ids.publicId(37);
        String newer = "?after=" + ids.publicId(12);
        String top = "?after=" + ids.publicId(40);
        String next = "?before=" + ids.publicId(61); // the row the next post takes: no newer page yet
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (String query : List.of(older, newer, top, next, "")) {
            seen.put(query, page(query));
        }
        assertThat(link(NEWER, seen.get(next))).isNull();

        String posted = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null)).substring(1);
        assertThat(posted).isEqualTo(ids.publicId(61));

        Statistics stats = sessionFactory.getStatistics();
        for (String query : List.of(older, newer)) {
            stats.clear();
            assertThat(page(query)).as("/recent%s after a post", query).isEqualTo(seen.get(query));
            java.net.http.HttpResponse<byte[]> plain = org.ipythonblocks.RawHttp.get(root.toString(), "/recent" + query);
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(new String(plain.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .as("/recent%s after a post, to a client without gzip", query).isEqualTo(seen.get(query));
            assertThat(stats.getPrepareStatementCount()).as("statements for /recent%s after a post", query).isZero();
        }
        assertThat(tiles(page(""))).first().isEqualTo(posted);
        assertThat(tiles(page(top))).as("the newer page that was the newest").first().isEqualTo(posted);
        assertThat(link(NEWER, page(next))).as("the page below the posted grid now has a newer page").isEqualTo(ids.publicId(60));
    }

    /**
     * A page kept through posts still loses a grid at once when it is taken down, here or on another
     * dyno (a takedown notification), and shows it again at once when it is shown again.
     */
    @Test
    void aTakedownOfAGridOnAKeptOlderPageTakesItOffAtOnce() {
        seed(60);
        String older = "?before=" + ids.publicId(37);
        assertThat(tiles(page(older))).containsExactlyElementsOf(newestFirst(36, 13));
        client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        assertThat(tiles(page(older))).as("kept through the post").containsExactlyElementsOf(newestFirst(36, 13));

        GridRef hidden = new GridRef(false, ids.publicId(20));
        takedown.hide(hidden);
        assertThat(tiles(page(older))).doesNotContain(hidden.id()).hasSize(24).endsWith(ids.publicId(12));
        takedown.unhide(hidden);
        assertThat(tiles(page(older))).containsExactlyElementsOf(newestFirst(36, 13));

        testGrids.hidePublicGrid(30); // by another dyno: this one hears of it through the takedown listener
        changed.fire(new GridsChanged(GridsChanged.Change.ELSEWHERE, new GridRef(false, ids.publicId(30)), 0));
        assertThat(tiles(page(older))).doesNotContain(ids.publicId(30)).hasSize(24);
    }

    @Test
    void theFeedIsAtomWithAnEntryAndAPicturePerGrid() throws Exception {
        seed(30);
        byte[] feed = given().get("/recent.atom").then().statusCode(200).contentType(startsWith("application/atom+xml"))
                .extract().asByteArray();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document atom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(feed));
        String ns = "http://www.w3.org/2005/Atom";
        assertThat(atom.getDocumentElement().getLocalName()).isEqualTo("feed");
        assertThat(atom.getDocumentElement().getNamespaceURI()).isEqualTo(ns);
        NodeList entries = atom.getElementsByTagNameNS(ns, "entry");
        assertThat(entries.getLength()).isEqualTo(24);
        List<String> expected = newestFirst(30, 7);
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            String id = expected.get(i);
            assertThat(entry.getElementsByTagNameNS(ns, "title").item(0).getTextContent()).endsWith(" " + id);
            assertThat(entry.getElementsByTagNameNS(ns, "id").item(0).getTextContent()).endsWith("/" + id);
            assertThat(entry.getElementsByTagNameNS(ns, "updated").item(0).getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            NodeList links = entry.getElementsByTagNameNS(ns, "link");
            assertThat(((Element) links.item(1)).getAttribute("href")).endsWith("/tile/" + id + ".png");
            assertThat(entry.getElementsByTagNameNS(ns, "content").item(0).getTextContent()).contains("<img src=\"").contains("/tile/" + id + ".png\"");
        }
    }

    @Test
    void theGalleryIsInTheNavigationAndABadCursorIsA400() {
        given().get("/about").then().statusCode(200).body(containsString("<a href=\"/recent\">Recent</a>"));
        given().get("/recent?before=nothere!").then().statusCode(400);
        given().get("/recent?before=bizkiL&after=bizkiL").then().statusCode(400);
        given().get("/recent").then().statusCode(200).body(containsString("No grids here yet"));
    }

    @Test
    void theHomePageShowsTheLatestGridsAndTheirCountWithinMomentsOfAPost() throws Exception {
        List<String> public_ = seed(10);
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null));
        String home = "";
        for (int i = 0; i < 50 && !home.contains("11 public grids"); i++) {
            Thread.sleep(100);
            home = given().get("/").then().statusCode(200).extract().asString();
        }
        assertThat(home).contains("11 public grids shared so far");
        assertThat(tiles(home)).containsExactly(path.substring(1), public_.get(9), public_.get(8), public_.get(7), public_.get(6),
                public_.get(5), public_.get(4), public_.get(3));
        takedown.hide(new GridRef(false, path.substring(1)));
        for (int i = 0; i < 50 && !home.contains("10 public grids"); i++) {
            Thread.sleep(100);
            home = given().get("/").then().statusCode(200).extract().asString();
        }
        assertThat(home).contains("10 public grids shared so far").doesNotContain(path.substring(1));
    }
}
