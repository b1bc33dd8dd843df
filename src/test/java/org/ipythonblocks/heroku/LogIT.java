package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the packaged app writes to its log, as Heroku collects it (and often ships it to a third-party
 * log service): a clean start prints no warning, so the one warning that matters is not lost among
 * those a maintainer learned to ignore; and no secret grid's id or delete token is ever written whole.
 */
class LogIT {

    static PackagedApp app;
    /** The log as it stood when the app answered its first request. */
    static String startLog;

    @BeforeAll
    static void start() throws Exception {
        app = PackagedApp.start(Map.of());
        startLog = app.output();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void aCleanStartPrintsNoWarning() {
        assertThat(warnings(startLog)).as("warnings in the start-up log:\n" + startLog).isEmpty();
        assertThat(startLog).as("the log is there to be read").contains("Listening on");
    }

    @Test
    void secretIdsAndDeleteTokensReachTheLogOnlyShortened() throws Exception {
        NotebookClient client = new NotebookClient(app.url(""));
        List<String> secrets = new ArrayList<>();
        HttpResponse<String> posted = client.post(TestGrids.body("BlockGrid", 3, 3, true, List.of("grid = BlockGrid(3, 3)")), null);
        JsonNode answer = NotebookClient.read(posted.body());
        String path = NotebookClient.pathOf(answer.get("url").asText());
        String token = path.substring("/secret/".length());
        secrets.add(token);
        secrets.add(answer.get("delete_token").asText());
        for (String route : new String[] { path, "/get" + path, path + ".png", path + ".svg", "/embed" + path, path + ".png?scale=99" }) {
            assertThat(client.get(route).statusCode()).as(route).isIn(200, 400);
        }
        // an admin command names the grid (its output goes to the terminal and, on Heroku, to the logs)
        PackagedApp.Result hidden = app.run("hide", "http://www.ipythonblocks.org" + path);
        assertThat(hidden.exitCode()).as(hidden.output()).isZero();
        assertThat(hidden.output()).contains("secret/" + token.substring(0, 4) + "…").doesNotContain(token);

        // the poster deletes another secret grid with its token
        JsonNode other = NotebookClient.read(client.post(TestGrids.body("BlockGrid", 2, 2, true, null), null).body());
        String otherPath = NotebookClient.pathOf(other.get("url").asText());
        secrets.add(otherPath.substring("/secret/".length()));
        secrets.add(other.get("delete_token").asText());
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url("/delete")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + other.get("url").asText() + "\", \"delete_token\": \""
                        + other.get("delete_token").asText() + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);

        // a log message that quotes a secret path: the database goes away under a grid never viewed
        JsonNode third = NotebookClient.read(client.post(TestGrids.body("BlockGrid", 2, 2, true, null), null).body());
        String thirdPath = NotebookClient.pathOf(third.get("url").asText());
        secrets.add(thirdPath.substring("/secret/".length()));
        secrets.add(third.get("delete_token").asText());
        app.database.close();
        assertThat(client.get(thirdPath).statusCode()).isEqualTo(503);

        String log = awaitLine(thirdPath.substring(0, "/secret/".length() + 4) + "… answered 503");
        for (String secret : secrets) {
            assertThat(log).as("the log holds " + secret).doesNotContain(secret);
        }
        assertThat(log).contains(" GET /secret/" + token.substring(0, 4) + "… 200 ")
                .contains(" GET /get/secret/" + token.substring(0, 4) + "… 200 ")
                .contains(" GET /secret/" + token.substring(0, 4) + "….png 200 ")
                .contains(" GET /embed/secret/" + token.substring(0, 4) + "… 200 ");
    }

    @Test
    void oneAccessLogLinePerRequestWithIdMethodPathStatusTimeAndSizeOnStandardOutput() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // none needs the database, which another test here stops
        http.send(HttpRequest.newBuilder(URI.create(app.url("/about"))).header("X-Request-Id", "access-log-test-1").build(),
                HttpResponse.BodyHandlers.discarding());
        http.send(HttpRequest.newBuilder(URI.create(app.url("/about"))).header("X-Request-Id", "access-log-test-2")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        String longPath = "/" + "x-".repeat(1500);
        http.send(HttpRequest.newBuilder(URI.create(app.url(longPath))).header("X-Request-Id", "access-log-test-3").build(),
                HttpResponse.BodyHandlers.discarding());
        String log = awaitLine("access-log-test-3 ");
        assertThat(log).containsPattern("(?m)^access-log-test-1 GET /about 200 \\d+ms \\d+B$")
                .containsPattern("(?m)^access-log-test-2 POST /about 405 \\d+ms \\d+B$")
                .containsPattern("(?m)^access-log-test-3 GET /(x-){99}x…\\(2801 more\\) 404 \\d+ms \\d+B$");
    }

    /** The log once it holds {@code text} (the access log is written in batches), at most 10 s. */
    static String awaitLine(String text) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String log = app.output();
        while (!log.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = app.output();
        }
        assertThat(log).contains(text);
        return log;
    }

    /** Log lines at WARN level (JBoss Logging's format) and the JVM's own warnings. */
    static List<String> warnings(String log) {
        return Arrays.stream(log.split("\n")).filter(line -> line.matches(".*\\bWARN(ING)?\\b.*") || line.contains("VM warning")).toList();
    }
}
