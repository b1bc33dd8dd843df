package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.post.GridPostReader;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The largest post the site takes (as many code cells and as much code as it allows, each character its
 * own highlighted token) is served in bounds: ten views at once render its page once, a repeated view
 * reads nothing, and the page and downloads stay a few MiB. Its hidden characters are marked on the page
 * and kept as posted in the downloads.
 */
@QuarkusTest
class LargestPostTest extends NotebookSiteTest {

    @Inject
    SessionFactory sessionFactory;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    /** 500 cells of 400 characters: a name and an operator in turn (a token each), and a right-to-left override. */
    static List<String> largestCode() {
        String cell = "a<".repeat(199) + "\u202Eb";
        assertThat(cell).hasSize(GridPostReader.MAX_CODE_CHARS / GridPostReader.MAX_CODE_CELLS);
        return Collections.nCopies(GridPostReader.MAX_CODE_CELLS, cell);
    }

    @Test
    void tenViewsAtOnceOfTheLargestCodePostRenderItOnceAndARepeatedViewReadsNothing() throws Exception {
        TakedownNotificationsTest.awaitListening(jdbcUrl); // its first connection flushes the output cache
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 10, 10, false, largestCode()));
        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        List<Response> views = new ArrayList<>();
        ExecutorService viewers = Executors.newFixedThreadPool(10);
        try {
            List<Future<Response>> pending = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                pending.add(viewers.submit(() -> given().get(path)));
            }
            for (Future<Response> view : pending) {
                views.add(view.get());
            }
        } finally {
            viewers.shutdownNow();
        }
        assertThat(views).allSatisfy(view -> assertThat(view.statusCode()).isEqualTo(200));
        assertThat(views.stream().map(view -> view.header("ETag")).distinct()).hasSize(1);
        assertThat(stats.getPrepareStatementCount()).as("one render, so one read, for ten views at once").isEqualTo(1);

        stats.clear();
        byte[] page = given().get(path).then().statusCode(200).extract().asByteArray();
        assertThat(stats.getPrepareStatementCount()).as("the largest page is kept in the cache").isZero();
        assertThat(page.length).as("page bytes").isLessThan(12 << 20);
        String html = new String(page, StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;</span><span class=\"ipb-hidden-char\">U+202E</span>").doesNotContain("\u202E");

        for (String download : List.of(".ipynb", ".py")) {
            byte[] file = given().get(path + download).then().statusCode(200).extract().asByteArray();
            assertThat(file.length).as(download + " bytes").isLessThan(4 << 20);
            assertThat(new String(file, StandardCharsets.UTF_8)).as("the code as posted").contains("a<a<\u202Eb");
        }
    }

    @Test
    void bidiAndControlCharactersAreMarkedOnThePageAndKeptInTheDownloads() {
        String code = "access = \"user\u202E \u2066// admin\u2069 \u2066\"  # \u200Bzero\u00ADwidth\u0007bell\ttab";
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, List.of(code)));
        String html = given().get(path).then().statusCode(200).extract().asString();
        for (String mark : List.of("U+202E", "U+2066", "U+2069", "U+200B", "U+00AD", "U+0007")) {
            assertThat(html).contains("<span class=\"ipb-hidden-char\">" + mark + "</span>");
        }
        assertThat(html).doesNotContain("\u202E").doesNotContain("\u2066").doesNotContain("\u200B").doesNotContain("\u0007")
                .contains("bell\ttab");
        assertThat(given().get(path + ".py").then().statusCode(200).extract().asString()).contains("# %%\n" + code + "\n");
        assertThat(given().get(path + ".ipynb").then().statusCode(200).extract().asString())
                .contains(code.replace("\"", "\\\"").replace("\u0007", "\\u0007").replace("\t", "\\t"));
    }

    @Test
    void aPostedCellMarkerCannotFakeACellInTheScriptButStaysInTheNotebook() throws Exception {
        String code = "x = 1\n# %% [markdown]\n# I am not a cell\n#%%\n  # %%\n# In[3]:\n# <codecell>\nprint(x)  # %% stays\n";
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, List.of(code, "y = 2")));
        String script = given().get(path + ".py").then().statusCode(200).extract().asString();
        assertThat(script).contains("# %%\nx = 1\n## %% [markdown]\n# I am not a cell\n##%%\n  ## %%\n## In[3]:\n## <codecell>\n"
                + "print(x)  # %% stays\n\n# %%\ny = 2\n");
        assertThat(script.lines().filter(line -> line.matches("[ \\t]*#[ \\t]*%%.*"))).as("cell markers: the intro, two cells, the loader")
                .hasSize(4);
        assertThat(given().get(path + ".ipynb").then().statusCode(200).extract().asString()).contains("\"# %% [markdown]\\n\"");
    }
}
