package org.ipythonblocks.grid.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.ipythonblocks.NotebookSiteTest;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * One rule for which address names which grid, the page routes': a secret grid only through its
 * {@code /secret/…} address, and only addresses on this site, on every route that takes an address
 * ({@code /oembed}, {@code /delete}, {@code /report}).
 */
@QuarkusTest
class GridAddressRuleTest extends NotebookSiteTest {

    static final String BASE = "http://www.ipythonblocks.org";

    static JsonPath post(boolean secret) {
        return given().body(TestGrids.body("BlockGrid", 2, 2, secret, null)).when().post("/post").then().statusCode(200).extract().jsonPath();
    }

    static String token(JsonPath posted) {
        String url = posted.getString("url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String oembed(String url) {
        return "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @Test
    void aSecretGridAtItsPublicStyleAddressIsNotFoundAsOnItsPage() {
        String id = token(post(true));
        given().when().get("/" + id).then().statusCode(404);
        given().urlEncodingEnabled(false).when().get(oembed(BASE + "/" + id)).then().statusCode(404)
                .contentType(containsString("application/json"));
        given().urlEncodingEnabled(false).when().get(oembed(BASE + "/secret/" + id)).then().statusCode(200)
                .body("html", containsString("/embed/secret/" + id));
    }

    @Test
    void deleteNamesASecretGridOnlyBySecretAddress() {
        JsonPath posted = post(true);
        String id = token(posted);
        given().body(Map.of("url", BASE + "/" + id, "delete_token", posted.getString("delete_token"))).when().post("/delete")
                .then().statusCode(404).body("detail", equalTo("No grid has the id " + id + "."));
        given().body(Map.of("url", id, "delete_token", posted.getString("delete_token"))).when().post("/delete").then().statusCode(404);
        given().when().get("/get/secret/" + id).then().statusCode(200);
        given().body(Map.of("url", BASE + "/secret/" + id, "delete_token", posted.getString("delete_token"))).when().post("/delete")
                .then().statusCode(200);
    }

    @Test
    void anAddressOnAnotherHostIsRefusedAndNamesTheHost() {
        JsonPath posted = post(false);
        String id = token(posted);
        for (String evil : new String[] {"http://evil.example/" + id, "http://www.ipythonblocks.org@evil.example/" + id}) {
            given().body(Map.of("url", evil, "delete_token", posted.getString("delete_token"))).when().post("/delete").then()
                    .statusCode(404).contentType(containsString("application/json"))
                    .statusLine(containsString("Not a grid of this site: the address is on evil.example"))
                    .body("title", equalTo("Not a grid of this site"))
                    .body("detail", containsString("on evil.example, not on this site"));
        }
        given().when().get("/get/" + id).then().statusCode(200);
        given().urlEncodingEnabled(false).when().get(oembed("https://evil.example/" + id)).then().statusCode(404)
                .body("detail", containsString("evil.example"));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("grid", "http://evil.example/" + id).formParam("reason", "spam").when().post("/report").then()
                .statusCode(404).contentType(containsString("text/html")).body(containsString("evil.example"));
        // the site's own addresses: the public base URL's host and the host the request was sent to
        given().body(Map.of("url", root + id, "delete_token", posted.getString("delete_token"))).when().post("/delete").then()
                .statusCode(200);
    }

    @Test
    void aReportNamesASecretGridOnlyBySecretAddress() {
        String id = token(post(true));
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("grid", id).formParam("reason", "spam").when().post("/report").then().statusCode(404)
                .body(containsString("No grid has the id " + id));
        assertThat(testGrids.count("reports")).isZero();
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("grid", "secret/" + id).formParam("reason", "spam").when().post("/report").then().statusCode(303);
        assertThat(testGrids.count("reports")).isOne();
    }
}
