package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two web processes of the packaged app on one database, as two dynos run: a takedown made through
 * either, or by the admin command (a one-off process), is answered 410 by both within 2 s; posts to
 * either draw on one rate-limit budget; and both survive a restart of the database, after which
 * takedowns reach both again.
 */
class TwoDynosIT {

    static final long TWO_SECONDS = TimeUnit.SECONDS.toNanos(2);
    static final int BURST = 4;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void takedownsReachBothDynosTheyShareOneBudgetAndSurviveADatabaseRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ipb-two-dynos-db");
        EmbeddedPostgres db = database(dataDir, 0);
        int dbPort = db.getPort();
        // The limit on, with a small burst; on a dyno (DYNO set) the router's X-Forwarded-For names the client.
        Map<String, String> env = Map.of("DYNO", "web.1", "IPB_RATE_LIMIT_ENABLED", "true", "IPB_RATE_LIMIT_BURST", Integer.toString(BURST),
                "IPB_RATE_LIMIT_PER_MINUTE", "1");
        // Both start at once, as dynos do (Flyway's lock lets one of them migrate).
        EmbeddedPostgres shared = db;
        CompletableFuture<PackagedApp> startingB = CompletableFuture.supplyAsync(() -> {
            try {
                return PackagedApp.startOn(shared, env);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (PackagedApp a = PackagedApp.startOn(db, env); PackagedApp b = startingB.join()) {
            List<PackagedApp> dynos = List.of(a, b);
            awaitLog(dynos, "Listening for takedowns on channel ipb_takedown");

            // 1. hide with the admin command, while both dynos have the grid cached
            String first = post(a, "198.51.100.1").path;
            cacheOn(dynos, first);
            PackagedApp.Result hidden = a.run("hide", first);
            assertThat(hidden.exitCode()).as(hidden.output()).isZero();
            assertGoneOnBothWithinTwoSeconds(dynos, first, "hide (admin command)");

            // 2. the poster deletes through one dyno with the token
            Posted second = post(b, "198.51.100.1");
            cacheOn(dynos, second.path);
            HttpResponse<String> deleted = send(a, HttpRequest.newBuilder(URI.create(a.url("/delete")))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + second.path + "\", \"delete_token\": \""
                            + second.deleteToken + "\"}")));
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            assertGoneOnBothWithinTwoSeconds(dynos, second.path, "delete with the token on the other dyno");

            // 3. posts alternating between the dynos share one budget
            for (int i = 0; i < BURST; i++) {
                assertThat(postStatus(dynos.get(i % 2), "203.0.113.9")).as("post %d", i + 1).isEqualTo(200);
            }
            for (PackagedApp dyno : dynos) {
                HttpResponse<String> refused = postResponse(dyno, "203.0.113.9");
                assertThat(refused.statusCode()).as("over the shared budget on dyno %d", dyno.port).isEqualTo(429);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("\"status\":429");
            }
            assertThat(postStatus(b, "203.0.113.10")).as("another address").isEqualTo(200);

            // 4. the database restarts under both
            String third = post(a, "198.51.100.2").path;
            db.close();
            assertThat(status(a, "/get" + third)).as("database down, grid never viewed").isEqualTo(503);
            db = database(dataDir, dbPort);
            for (PackagedApp dyno : dynos) {
                assertThat(statusWithin(dyno, "/get" + third, 200, 30)).as("serving again").isEqualTo(200);
            }
            awaitLog(dynos, "Listening for takedowns again");
            cacheOn(dynos, third);
            PackagedApp.Result hiddenAgain = b.run("hide", third);
            assertThat(hiddenAgain.exitCode()).as(hiddenAgain.output()).isZero();
            assertGoneOnBothWithinTwoSeconds(dynos, third, "hide after the database restart");
            for (PackagedApp dyno : dynos) {
                String log = dyno.output();
                assertThat(log.split("Not listening for takedowns", -1)).as("one warning for the lost connection:\n" + log).hasSize(2);
                assertThat(log).as("no stack trace").doesNotContainPattern("\n\\s+at [a-z]");
            }
        } finally {
            db.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A PostgreSQL keeping its data in {@code dataDir}, so it can be stopped and started again on the same port. */
    static EmbeddedPostgres database(Path dataDir, int port) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    record Posted(String path, String deleteToken) {
    }

    Posted post(PackagedApp dyno, String client) throws Exception {
        HttpResponse<String> posted = postResponse(dyno, client);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode answer = NotebookClient.read(posted.body());
        return new Posted(NotebookClient.pathOf(answer.get("url").asText()), answer.get("delete_token").asText());
    }

    int postStatus(PackagedApp dyno, String client) throws Exception {
        return postResponse(dyno, client).statusCode();
    }

    HttpResponse<String> postResponse(PackagedApp dyno, String client) throws Exception {
        return send(dyno, HttpRequest.newBuilder(URI.create(dyno.url("/post"))).header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))));
    }

    HttpResponse<String> send(PackagedApp dyno, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    int status(PackagedApp dyno, String path) throws Exception {
        return send(dyno, HttpRequest.newBuilder(URI.create(dyno.url(path)))).statusCode();
    }

    /** Views the grid's page and JSON on every dyno, so each has them in its output cache. */
    void cacheOn(List<PackagedApp> dynos, String path) throws Exception {
        for (PackagedApp dyno : dynos) {
            assertThat(status(dyno, path)).isEqualTo(200);
            assertThat(status(dyno, "/get" + path)).isEqualTo(200);
        }
    }

    void assertGoneOnBothWithinTwoSeconds(List<PackagedApp> dynos, String path, String what) throws Exception {
        long start = System.nanoTime();
        for (PackagedApp dyno : dynos) {
            for (String route : List.of("/get" + path, path)) {
                int status = status(dyno, route);
                while (status != 410 && System.nanoTime() - start < TWO_SECONDS) {
                    Thread.sleep(20);
                    status = status(dyno, route);
                }
                assertThat(status).as("%s: %s on dyno %d", what, route, dyno.port).isEqualTo(410);
            }
        }
        System.out.printf("TwoDynosIT: %s answered 410 on both dynos after %d ms%n", what,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    int statusWithin(PackagedApp dyno, String path, int expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int status = status(dyno, path);
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = status(dyno, path);
        }
        return status;
    }

    /** Waits (at most 20 s) until every dyno's log holds {@code line}. */
    static void awaitLog(List<PackagedApp> dynos, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (PackagedApp dyno : dynos) {
            while (!dyno.output().contains(line) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(dyno.output()).as("the log of dyno %d", dyno.port).contains(line);
        }
    }
}
