package org.ipythonblocks.grid;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.ipythonblocks.TestGrids;
import org.ipythonblocks.command.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TakedownTest {

    static final String BASE = "http://www.ipythonblocks.org/";

    @Inject
    TestGrids testGrids;

    @Inject
    GridService grids;

    @Inject
    RandomGridIds randomIds;

    @Inject
    GridIds ids;

    @Inject
    Commands admin;

    @Inject
    EntityManager em;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    @AfterEach
    void clean() {
        testGrids.deleteAll();
    }

    static JsonPath post(boolean secret) {
        return given().body(TestGrids.body("BlockGrid", 2, 1, secret, null)).when().post("/post").then().statusCode(200)
                .body("url", matchesPattern(".*/\\w{6,}"))
                .body("delete_token", matchesPattern("[A-Za-z0-9_-]{32}"))
                .extract().jsonPath();
    }

    int admin(String... args) {
        return admin.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), args);
    }

    @Test
    void thePostAnswerCarriesADeleteTokenWhoseHashAloneIsStored() throws Exception {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(post(false).getString("delete_token"));
        }
        assertThat(tokens).hasSize(5);
        String token = post(false).getString("delete_token");
        byte[] stored = QuarkusTransaction.requiringNew().call(() -> (byte[]) em
                .createNativeQuery("select delete_token_hash from public_grids where id = 6").getSingleResult());
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        long plain = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from public_grids where encode(delete_token_hash, 'escape') like '%' || :t || '%'")
                .setParameter("t", token).getSingleResult()).longValue());
        assertThat(plain).isZero();
    }

    @Test
    void thePosterDeletesWithTheToken() {
        JsonPath posted = post(false);
        String url = posted.getString("url");
        String token = posted.getString("delete_token");
        String otherToken = post(false).getString("delete_token");

        given().body(Map.of("url", url, "delete_token", otherToken)).when().post("/delete").then().statusCode(403)
                .body("status", equalTo(403))
                .body("detail", containsString("use the \"Report this grid\" form on its page, " + url + "#report"));
        given().body("{\"url\": \"" + url + "\"}").when().post("/delete").then().statusCode(400)
                .body("violations[0].field", equalTo("delete_token"));
        given().body("not json").when().post("/delete").then().statusCode(400).contentType(containsString("json"));
        given().body(Map.of("url", BASE + "jcLacK", "delete_token", token)).when().post("/delete").then().statusCode(404)
                .contentType(containsString("json"));
        given().when().get("/get/bizkiL").then().statusCode(200);

        // no Content-Type, as from requests.post(data=...)
        given().body(("{\"url\": \"" + url + "\", \"delete_token\": \"" + token + "\"}").getBytes(StandardCharsets.US_ASCII))
                .when().post("/delete").then().statusCode(200).body("title", equalTo("Deleted"));
        given().when().get("/get/bizkiL").then().statusCode(410);
        given().body(Map.of("url", url, "delete_token", token)).when().post("/delete").then().statusCode(410)
                .body("detail", equalTo("This grid has been removed by its poster."));
        given().when().get("/get/oTAnTn").then().statusCode(200);
    }

    @Test
    void secretGridsToo() {
        JsonPath posted = post(true);
        String url = posted.getString("url");
        String id = url.substring(url.lastIndexOf('/') + 1);
        given().body(Map.of("url", "/secret/" + id, "delete_token", posted.getString("delete_token"))).when().post("/delete")
                .then().statusCode(200);
        given().when().get("/get/secret/" + id).then().statusCode(410);
    }

    @Test
    void aHiddenGridIsGoneOnEveryRouteAndNeverRandomUntilUnhidden() {
        post(false); // bizkiL
        post(false); // oTAnTn
        JsonPath secret = post(true);
        String secretId = secret.getString("url").substring(secret.getString("url").lastIndexOf('/') + 1);

        assertThat(admin("hide", BASE + "bizkiL")).isZero();
        assertThat(admin("hide", "/secret/" + secretId)).isZero();

        given().when().get("/get/bizkiL").then().statusCode(410).contentType(containsString("application/json"))
                .body("status", equalTo(410)).body("title", equalTo("Gone"));
        given().when().get("/get/secret/" + secretId).then().statusCode(410);
        given().accept("text/html").when().get("/test-only/page/bizkiL").then().statusCode(410)
                .contentType(containsString("text/html")).body(containsString("taken down")).body(containsString("<nav"));
        assertThatThrownBy(() -> grids.find(new GridRef(false, "bizkiL"))).isInstanceOf(GridGoneException.class);
        assertThatThrownBy(() -> grids.find(new GridRef(true, secretId))).isInstanceOf(GridGoneException.class);
        for (int i = 0; i < 100; i++) {
            assertThat(randomIds.next()).contains("oTAnTn");
        }
        // unknown ids stay 404, not 410
        given().when().get("/get/jcLacK").then().statusCode(404);

        assertThat(admin("unhide", "bizkiL")).isZero();
        given().when().get("/get/bizkiL").then().statusCode(200);
        given().when().get("/test-only/page/bizkiL").then().statusCode(200);

        assertThat(admin("hide", "oTAnTn")).isZero();
        for (int i = 0; i < 50; i++) {
            assertThat(randomIds.next()).contains("bizkiL");
        }
        assertThat(admin("hide", "bizkiL")).isZero();
        assertThat(randomIds.next()).isEmpty();
    }

    /**
     * A deleted grid answers 410 on every route and says who removed it; a hidden one says "taken
     * down"; none comes up in /random; a deleted row keeps only its id, its token and the deletion.
     */
    @Test
    void aDeletedGridIsGoneOnEveryRouteSayingWhyAndItsDataIsErased() {
        String deleteToken = post(false).getString("delete_token"); // bizkiL, row 1
        post(false); // oTAnTn
        String hiddenSecret = post(true).getString("url");
        String deletedSecret = post(true).getString("url");
        String secretPath = deletedSecret.substring(deletedSecret.indexOf("/secret/"));
        String hiddenPath = hiddenSecret.substring(hiddenSecret.indexOf("/secret/"));
        given().body(Map.of("url", BASE + "bizkiL", "delete_token", deleteToken)).when().post("/delete").then().statusCode(200);
        assertThat(admin("delete", deletedSecret)).isZero();
        assertThat(admin("hide", hiddenSecret)).isZero();

        Map<String, String> why = Map.of("/bizkiL", "removed by its poster", secretPath, "deleted", hiddenPath, "taken down");
        why.forEach((path, words) -> {
            for (String route : new String[] { path, path + ".png", path + ".svg", "/embed" + path }) {
                given().accept("text/html").when().get(route).then().statusCode(410).body(containsString(words));
            }
            given().when().get("/get" + path).then().statusCode(410).contentType(containsString("application/json"))
                    .body("detail", equalTo("This grid has been " + words + "."));
            given().queryParam("url", "http://www.ipythonblocks.org" + path).when().get("/oembed").then().statusCode(410)
                    .body("detail", containsString(words));
        });
        given().when().get("/preview/bizkiL.png").then().statusCode(410);
        for (int i = 0; i < 100; i++) {
            assertThat(randomIds.next()).contains("oTAnTn");
        }
        Object[] erased = (Object[]) em.createNativeQuery("select ipb_version, python_version, grid_data, code_cells, ipb_class, "
                + "created_at, hidden_at, delete_token_hash, deleted_by, deleted_at is not null from public_grids where id = 1")
                .getSingleResult();
        assertThat(erased).containsExactly(null, null, null, null, null, null, null, null, "poster", true);
        Object[] secret = (Object[]) em.createNativeQuery("select grid_data, token, deleted_by from secret_grids where token = :t")
                .setParameter("t", secretPath.substring("/secret/".length())).getSingleResult();
        assertThat(secret).containsExactly(null, secretPath.substring("/secret/".length()), "admin");
        // the id is never handed out again, nor can the grid be deleted, hidden or shown twice
        assertThat(post(false).getString("url")).doesNotEndWith("/bizkiL");
        assertThat(admin("hide", "bizkiL")).isEqualTo(1);
        assertThat(admin("delete", "bizkiL")).isEqualTo(1);
        assertThat(admin("delete", "http://evil.example/oTAnTn")).as("another site's address").isEqualTo(2);
        given().when().get("/get/oTAnTn").then().statusCode(200);
        // deleted already: 410 saying by whom, as every other route answers
        given().body(Map.of("url", BASE + "bizkiL", "delete_token", deleteToken)).when().post("/delete").then().statusCode(410)
                .contentType(containsString("json")).body("detail", equalTo("This grid has been removed by its poster."));
        given().body(Map.of("url", secretPath, "delete_token", deleteToken)).when().post("/delete").then().statusCode(410)
                .body("detail", equalTo("This grid has been deleted."));
    }

    @Test
    void theCommandsSayWhyADeletedGridCannotBeHiddenOrShown() {
        post(false);
        assertThat(admin("delete", "bizkiL")).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (String command : new String[] { "hide", "unhide", "delete" }) {
            err.reset();
            assertThat(admin.run(new PrintStream(out), new PrintStream(err, true), command, "bizkiL")).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("ipythonblocks: grid bizkiL has been deleted: its data is erased, so there is "
                    + "nothing left to " + command + System.lineSeparator());
        }
        err.reset();
        assertThat(admin.run(new PrintStream(out), new PrintStream(err, true), "hide", "jcLacK")).isEqualTo(1);
        assertThat(err.toString()).startsWith("ipythonblocks: no grid jcLacK");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void adminDeleteAndBadArguments() {
        post(false);
        post(false); // oTAnTn
        testGrids.insertLegacySecretGrid(7);
        String legacy = ids.legacySecretId(7);
        assertThat(admin("delete", "secret/" + legacy)).isZero();
        given().when().get("/get/secret/" + legacy).then().statusCode(410);
        assertThat(admin("delete", "http://www.ipythonblocks.org/bizkiL")).isZero();
        given().when().get("/get/bizkiL").then().statusCode(410);
        assertThat(admin("delete", "bizkiL")).isEqualTo(1);
        assertThat(admin("delete", "http://evil.example/oTAnTn")).as("another site's address").isEqualTo(2);
        given().when().get("/get/oTAnTn").then().statusCode(200);
        assertThat(admin("hide", "no such thing!")).isEqualTo(2);
        assertThat(admin("hide")).isEqualTo(2);
    }
}
