package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipythonblocks.NotebookClient;
import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A web dyno restarted while its database is down (a Heroku Postgres maintenance, an outage): it
 * starts rather than crash-looping, serves home, about and static files, answers 503 for what needs
 * the database, and recovers by itself, with no restart, when the database returns.
 */
class StartDuringOutageIT {

    /**
     * The web dyno's own Quarkus settings, read from the Procfile's {@code web:} line ({@code -Dquarkus.x.y=v}, given to the
     * artifact under test as {@code QUARKUS_X_Y=v}): the release phase migrates, and the web leaves the database alone at start-up.
     */
    static Map<String, String> webDyno() throws IOException {
        String web = Files.readAllLines(Path.of("Procfile")).stream().filter(line -> line.startsWith("web:")).findFirst().orElseThrow();
        Map<String, String> env = new HashMap<>();
        Matcher option = Pattern.compile("-D(quarkus\\.[\\w.-]+)=(\\S+)").matcher(web);
        while (option.find()) {
            env.put(option.group(1).toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), option.group(2));
        }
        assertThat(env).as("the web line's settings").containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        return env;
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDynoStartedDuringAnOutageServesItsPagesSays503AndRecoversByItself() throws Exception {
        Path dataDir = Files.createTempDirectory("ipb-outage-db");
        EmbeddedPostgres db = TwoDynosIT.database(dataDir, 0);
        int dbPort = db.getPort();
        try {
            PackagedApp.Result migrated = PackagedApp.run(PackagedApp.environment(db), "migrate");
            assertThat(migrated.exitCode()).as(migrated.output()).isZero();
            db.close();
            try (PackagedApp dyno = PackagedApp.startOn(db, webDyno())) {
                HttpResponse<String> home = get(dyno, "/", "text/html");
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).contains("See a random grid").doesNotContain("shared so far");
                assertThat(get(dyno, "/about", "text/html").statusCode()).isEqualTo(200);
                assertThat(get(dyno, "/static/ipborg.css", "*/*").statusCode()).isEqualTo(200);

                HttpResponse<String> page = get(dyno, "/bizkiL", "text/html");
                assertThat(page.statusCode()).isEqualTo(503);
                assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
                assertThat(page.headers().firstValue("Retry-After")).isPresent();
                HttpResponse<String> post = post(dyno);
                assertThat(post.statusCode()).as(post.body()).isEqualTo(503);
                assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
                assertThat(post.body()).contains("\"status\":503");

                db = TwoDynosIT.database(dataDir, dbPort);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (post.statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    post = post(dyno);
                }
                assertThat(post.statusCode()).as("a post once the database is back:\n" + post.body()).isEqualTo(200);
                String path = NotebookClient.pathOf(NotebookClient.read(post.body()).get("url").asText());
                assertThat(get(dyno, path, "text/html").statusCode()).isEqualTo(200);
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!home.body().contains("1 public grid shared so far") && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    home = get(dyno, "/", "text/html");
                }
                assertThat(home.body()).as("the home page, filled in").contains("1 public grid shared so far");
                assertThat(dyno.process.isAlive()).as("the same process throughout").isTrue();
                assertThat(dyno.output()).as("no stack trace").doesNotContainPattern("\n\\s+at [a-z]");
            }
        } finally {
            db.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    HttpResponse<String> get(PackagedApp dyno, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dyno.url(path))).header("Accept", accept)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(PackagedApp dyno) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dyno.url("/post"))).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
