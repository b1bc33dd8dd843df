package org.ipythonblocks.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.http.HttpResponse;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Another site's page cannot make its visitors' browsers post, delete or report: fetch metadata
 * ({@code Sec-Fetch-Site}) and {@code Origin} say where a browser's request comes from. The notebook
 * client sends neither, and the site's own report form is same-origin: both are taken.
 */
@QuarkusTest
class CrossSiteRequestsTest extends NotebookSiteTest {

    static final String EVIL = "http://evil.example";

    String self() {
        return root.toString().substring(0, root.toString().length() - 1); // http://localhost:<port>
    }

    static RequestSpecification browserForm(String origin, String fetchSite) {
        RequestSpecification form = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        if (origin != null) {
            form.header("Origin", origin);
        }
        if (fetchSite != null) {
            form.header("Sec-Fetch-Site", fetchSite).header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document");
        }
        return form;
    }

    @Test
    void theNotebookClientsExactRequestsAreTaken() {
        // requests.post(url, data=json_string): no Content-Type, no Origin, no fetch metadata
        HttpResponse<String> posted = client.post(TestGrids.body("BlockGrid", 2, 2, false, null), null);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonPath answer = new JsonPath(posted.body());
        given().header("User-Agent", "python-requests/2.31.0").header("Accept", "*/*")
                .body(deleteBody(answer))
                .when().post("/delete").then().statusCode(200);
    }

    @Test
    void aCrossSiteBrowserFormPostIsRefusedInWordsAndNothingIsStored() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null)).substring(1);
        browserForm(EVIL, "cross-site").formParam("grid", grid).formParam("reason", "spam").when().post("/report").then()
                .statusCode(403).contentType(containsString("text/html"))
                .body(containsString("Sent from another site"))
                .body(containsString("came from another site&#39;s page (Origin http://evil.example)"));
        // an older browser: no fetch metadata, only Origin
        browserForm(EVIL, null).formParam("grid", grid).formParam("reason", "spam").when().post("/report").then().statusCode(403);
        // a sandboxed frame's opaque origin
        browserForm("null", null).formParam("grid", grid).formParam("reason", "spam").when().post("/report").then().statusCode(403);
        assertThat(testGrids.count("reports")).isZero();
    }

    @Test
    void aCrossSiteTextPlainPostOrDeleteIsRefusedAsJson() {
        given().contentType("text/plain").header("Origin", EVIL).header("Sec-Fetch-Site", "cross-site")
                .body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post").then()
                .statusCode(403).contentType(containsString("application/json"))
                .statusLine(containsString("403 Refused: sent from another site's page (Origin http://evil.example)"))
                .body("title", equalTo("Sent from another site"))
                .body("detail", containsString("Grids are posted only from this site's own pages or from a program"));
        given().contentType("text/plain").header("Origin", EVIL).body(TestGrids.body("BlockGrid", 2, 2, false, null))
                .when().post("/post").then().statusCode(403);
        assertThat(testGrids.count("public_grids") + testGrids.count("secret_grids")).isZero();

        JsonPath posted = given().body(TestGrids.body("BlockGrid", 2, 2, false, null)).when().post("/post").then().statusCode(200)
                .extract().jsonPath();
        given().contentType("text/plain").header("Sec-Fetch-Site", "cross-site")
                .body(deleteBody(posted))
                .when().post("/delete").then().statusCode(403).contentType(containsString("application/json"))
                .body("detail", containsString("Sec-Fetch-Site cross-site"));
        // a sibling host of the same site is not this site either
        given().contentType("text/plain").header("Origin", "http://blog.localhost").header("Sec-Fetch-Site", "same-site")
                .body(deleteBody(posted))
                .when().post("/delete").then().statusCode(403);
        given().when().get("/get/" + posted.getString("url").substring(posted.getString("url").lastIndexOf('/') + 1)).then().statusCode(200);
    }

    static String deleteBody(JsonPath posted) {
        return "{\"url\": \"" + posted.getString("url") + "\", \"delete_token\": \"" + posted.getString("delete_token") + "\"}";
    }

    @Test
    void theSitesOwnReportFormIsTaken() {
        String grid = client.postToWebPath(TestGrids.body("BlockGrid", 2, 2, false, null)).substring(1);
        browserForm(self(), "same-origin").formParam("grid", grid).formParam("reason", "spam").when().post("/report").then().statusCode(303);
        // no fetch metadata, Origin the host the request was sent to (as the router forwards it)
        browserForm(self(), null).formParam("grid", grid).formParam("reason", "spam").when().post("/report").then().statusCode(303);
        browserForm(self().replace("http:", "https:"), null).header("X-Forwarded-Proto", "https").formParam("grid", grid)
                .formParam("reason", "spam").when().post("/report").then().statusCode(303);
        // the public base URL's origin, also from a sibling host's point of view
        browserForm("http://www.ipythonblocks.org", "same-site").formParam("grid", grid).formParam("reason", "spam")
                .when().post("/report").then().statusCode(303);
        assertThat(testGrids.count("reports")).isEqualTo(4);
        // but not another scheme than the request's
        browserForm(self().replace("http:", "https:"), null).formParam("grid", grid).formParam("reason", "spam")
                .when().post("/report").then().statusCode(403);
    }
}
