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
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(app.url("/post")))
                    .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).contains("\"delete_token\"");
            String url = "http://www.ipythonblocks.org/bizkiL";

            assertThat(command(app, "hide", url)).isZero();
            assertThat(status(app, "/get/bizkiL")).isEqualTo(410);
            assertThat(command(app, "unhide", "bizkiL")).isZero();
            assertThat(status(app, "/get/bizkiL")).isEqualTo(200);
            assertThat(command(app, "delete", "/bizkiL")).isZero();
            assertThat(status(app, "/get/bizkiL")).isEqualTo(404);
            assertThat(command(app, "delete", "bizkiL")).as("no such grid any more").isEqualTo(1);
        }
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
