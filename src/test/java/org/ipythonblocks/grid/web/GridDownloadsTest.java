package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.ipythonblocks.grid.GridRef;
import org.ipythonblocks.grid.GridTakedown;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A grid to take home: {@code /<id>.ipynb} is a notebook that Jupyter opens (valid against the
 * nbformat 4 schema kept in the test resources), {@code /<id>.py} the same cells as a script; both
 * are saved under a file name, cached like the pictures, and 404 or 410 like the page.
 */
@QuarkusTest
class GridDownloadsTest extends NotebookSiteTest {

    static Schema nbformat;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    GridTakedown takedown;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream schema = GridDownloadsTest.class.getResourceAsStream("/nbformat.v4.schema.json")) {
            nbformat = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
        }
    }

    static final List<String> CELLS = List.of("from ipythonblocks import BlockGrid\ngrid = BlockGrid(3, 2)\n",
            "for block in grid:\n    block.red = 255", "get_ipython().run_line_magic('matplotlib', 'inline')");

    static List<String> sources(JsonNode notebook) {
        List<String> sources = new ArrayList<>();
        for (JsonNode cell : notebook.get("cells")) {
            StringBuilder text = new StringBuilder();
            cell.get("source").forEach(line -> text.append(line.asText()));
            sources.add(cell.get("cell_type").asText() + ":" + text);
        }
        return sources;
    }

    JsonNode notebook(String path) throws IOException {
        Response response = given().get(path + ".ipynb");
        response.then().statusCode(200).contentType(startsWith("application/x-ipynb+json"))
                .header("Content-Disposition", equalTo("attachment; filename=\"ipythonblocks-" + path.substring(path.lastIndexOf('/') + 1)
                        + ".ipynb\""));
        JsonNode notebook = JSON.readTree(response.asByteArray());
        assertThat(nbformat.validate(notebook)).as("nbformat 4 schema errors").isEmpty();
        assertThat(notebook.get("nbformat").asInt()).isEqualTo(4);
        assertThat(notebook.get("nbformat_minor").asInt()).isEqualTo(5);
        return notebook;
    }

    @Test
    void aPublicGridIsANotebookOfItsCodeCellsInOrderThenTheCellThatLoadsIt() throws IOException {
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 3, 2, false, CELLS));
        String id = path.substring(1);
        List<String> cells = sources(notebook(path));
        assertThat(cells).hasSize(5);
        assertThat(cells.get(0)).startsWith("markdown:# BlockGrid " + id + " from ipythonblocks.org")
                .contains("/" + id + ">")
                .contains("pip install ipythonblocks");
        assertThat(cells.subList(1, 4)).containsExactly("code:" + CELLS.get(0), "code:" + CELLS.get(1), "code:" + CELLS.get(2));
        assertThat(cells.get(4)).isEqualTo("code:from ipythonblocks import BlockGrid\n\ngrid = BlockGrid.from_web('" + id + "')\ngrid");

        String script = given().get(path + ".py").then().statusCode(200).contentType(startsWith("text/x-python"))
                .header("Content-Disposition", equalTo("attachment; filename=\"ipythonblocks-" + id + ".py\""))
                .header("Cache-Control", equalTo("public, max-age=86400")).extract().asString();
        assertThat(script).startsWith("# %% [markdown]\n# # BlockGrid " + id + " from ipythonblocks.org\n#\n")
                .contains("# %%\n" + CELLS.get(0) + "\n# %%\n" + CELLS.get(1) + "\n\n# %%\n" + CELLS.get(2) + "\n\n# %%\n"
                        + "from ipythonblocks import BlockGrid\n\ngrid = BlockGrid.from_web('" + id + "')\ngrid\n")
                .endsWith("grid\n");
    }

    @Test
    void aSecretImageGridLoadsAsAnImageGridWithSecretTrueAndIsKeptPrivately() throws IOException {
        String path = client.postToWebPath(TestGrids.body("ImageGrid", 4, 3, true, null));
        String token = path.substring("/secret/".length());
        List<String> cells = sources(notebook(path));
        assertThat(cells).hasSize(2);
        assertThat(cells.get(0)).startsWith("markdown:# A secret grid from ipythonblocks.org").contains("posted without its code");
        assertThat(cells.get(1)).isEqualTo("code:from ipythonblocks import ImageGrid\n\ngrid = ImageGrid.from_web('" + token
                + "', secret=True)\ngrid");
        given().get(path + ".ipynb").then().header("Cache-Control", equalTo("private, max-age=86400"))
                .header("Referrer-Policy", equalTo("no-referrer"));
        assertThat(given().get(path + ".py").then().statusCode(200).extract().asString())
                .contains("ImageGrid.from_web('" + token + "', secret=True)");
        given().get("/" + token + ".ipynb").then().statusCode(404);
    }

    @Test
    void downloadsAreCachedWithAnETagAndAnswer304() {
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, CELLS));
        for (String kind : List.of(".ipynb", ".py")) {
            String etag = given().get(path + kind).then().statusCode(200).extract().header("ETag");
            assertThat(etag).isNotBlank();
            given().header("If-None-Match", etag).get(path + kind).then().statusCode(304);
        }
    }

    @Test
    void unknownIsNotFoundAndTakenDownIsGone() {
        given().get("/oTAnTn.ipynb").then().statusCode(404);
        given().get("/oTAnTn.py").then().statusCode(404);
        given().get("/secret/Zz9abcdefghijklmnopq.ipynb").then().statusCode(404);
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, CELLS));
        given().get(path + ".ipynb").then().statusCode(200);
        takedown.hide(new GridRef(false, path.substring(1)));
        given().get(path + ".ipynb").then().statusCode(410).body(containsString("taken down"));
        given().get(path + ".py").then().statusCode(410);
    }

    @Test
    void theGridPageLinksBothDownloads() {
        String path = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, CELLS));
        String id = path.substring(1);
        given().get(path).then().statusCode(200)
                .body(containsString("<a href=\"/" + id + ".ipynb\" download=\"ipythonblocks-" + id + ".ipynb\""))
                .body(containsString("<a href=\"/" + id + ".py\" download=\"ipythonblocks-" + id + ".py\""));
        assertThat(new String(GridNotebooks.script(List.of(new GridNotebooks.Cell(true, "a\n\nb"))), StandardCharsets.UTF_8))
                .isEqualTo("# %% [markdown]\n# a\n#\n# b\n");
    }
}
