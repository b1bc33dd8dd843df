package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ipythonblocks.TestGrids;
import org.junit.jupiter.api.Test;

/**
 * The takedown commands as an admin runs them on Heroku ({@code heroku run java -jar
 * target/quarkus-app/quarkus-run.jar hide URL}): a second process of the packaged app, against the
 * database the site is serving from.
 */
class AdminCommandsIT {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hideUnhideAndDeleteFromThePackagedApp() throws Exception {
        // The web process caches rendered output; an admin command runs in another process and reaches
        // it when the cache entry expires (IPB_CACHE_TTL, a minute by default, a second here).
        try (PackagedApp app = PackagedApp.start(Map.of("IPB_CACHE_TTL", "1s"))) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(app.url("/post")))
                    .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).contains("\"delete_token\"");
            String url = "http://www.ipythonblocks.org/bizkiL";

            assertThat(status(app, "/get/bizkiL")).isEqualTo(200); // now in the web process's cache
            assertThat(command(app, "hide", url)).isZero();
            assertThat(statusWithin(app, "/get/bizkiL", 410)).isEqualTo(410);
            assertThat(statusWithin(app, "/bizkiL", 410)).isEqualTo(410);
            assertThat(command(app, "unhide", "bizkiL")).isZero();
            assertThat(statusWithin(app, "/get/bizkiL", 200)).isEqualTo(200);
            assertThat(command(app, "delete", "/bizkiL")).isZero();
            assertThat(statusWithin(app, "/get/bizkiL", 404)).isEqualTo(404);
            assertThat(command(app, "delete", "bizkiL")).as("no such grid any more").isEqualTo(1);
        }
    }

    /** The status of {@code path} once it is {@code expected}, or the last one after 5 s. */
    int statusWithin(PackagedApp app, String path, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status = status(app, path);
        while (status != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = status(app, path);
        }
        return status;
    }

    int status(PackagedApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.url(path))).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    static int command(PackagedApp app, String... args) throws Exception {
        Path log = Files.createTempFile("ipb-admin-command", ".log");
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx160m", "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString())));
        builder.command().addAll(List.of(args));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", "0"); // the site is already listening
        env.put("QUARKUS_DATASOURCE_JDBC_URL", app.database.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("HASHIDS_PUBLIC_SALT", "public");
        env.put("HASHIDS_SECRET_SALT", "secret");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        String output = Files.readString(log);
        if (process.exitValue() == 0) {
            assertThat(output).contains("ipythonblocks: grid ");
        }
        Files.deleteIfExists(log);
        return process.exitValue();
    }
}
