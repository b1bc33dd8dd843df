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
import org.ipythonblocks.legacy.LegacySqlite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every admin command as a maintainer runs it on Heroku ({@code heroku run java -jar
 * target/quarkus-app/quarkus-run.jar hide URL}, or the native executable with the same arguments): a
 * second process of the packaged app, against the database the site is serving from.
 */
class AdminCommandsIT {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hideUnhideAndDeleteFromThePackagedApp() throws Exception {
        // The web process caches rendered output; an admin command runs in another process. Here the web
        // process does not listen for its notifications (TwoDynosIT tests those): the fallback for a missed
        // one is that the cache entry expires (IPB_CACHE_TTL, a minute by default, a second here).
        try (PackagedApp app = PackagedApp.start(Map.of("IPB_CACHE_TTL", "1s", "IPB_CACHE_LISTEN", "false"))) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(app.url("/post")))
                    .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(posted.body()).contains("\"delete_token\"");
            String url = "http://www.ipythonblocks.org/bizkiL";

            assertThat(status(app, "/get/bizkiL")).isEqualTo(200); // now in the web process's cache

            // a visitor reports it with the grid page's form; the admin lists the reports from another process
            HttpResponse<String> reported = http.send(HttpRequest.newBuilder(URI.create(app.url("/report")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grid=bizkiL&reason=spam&note=buy+now")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(303);
            PackagedApp.Result reports = app.run("reports");
            assertThat(reports.exitCode()).as(reports.output()).isZero();
            assertThat(reports.output()).contains("ipythonblocks: 1 open report of 1 grid").contains(url + "\n")
                    .contains("  1 report (spam 1)").contains("  spam  \"buy now\"");

            assertThat(command(app, "hide", url)).isZero();
            assertThat(app.run("reports").output()).as("hide closed the grid's reports").contains("ipythonblocks: no open reports");
            assertThat(statusWithin(app, "/get/bizkiL", 410)).isEqualTo(410);
            assertThat(statusWithin(app, "/bizkiL", 410)).isEqualTo(410);
            assertThat(command(app, "unhide", "bizkiL")).isZero();
            assertThat(statusWithin(app, "/get/bizkiL", 200)).isEqualTo(200);
            assertThat(command(app, "delete", "/bizkiL")).isZero();
            assertThat(statusWithin(app, "/get/bizkiL", 410)).as("deleted: gone, not unknown").isEqualTo(410);
            assertThat(command(app, "delete", "bizkiL")).as("no such grid any more").isEqualTo(1);
        }
    }

    @Test
    void migrateImportAndExportFromThePackagedApp(@TempDir Path dir) throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            PackagedApp.Result migrate = app.run("migrate");
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            assertThat(migrate.output()).contains("ipythonblocks: the database schema is up to date");

            // A small 2014 file: two public grids (ids 1 and 7), one secret, and one row the importer must reject.
            Path sqlite = dir.resolve("ipborg.db");
            try (LegacySqlite file = new LegacySqlite(sqlite)) {
                file.row("public_grids", 1, LegacySqlite.grid(3, 2, true), "[\"grid = BlockGrid(3, 2)\"]")
                        .row("public_grids", 7, LegacySqlite.grid(2, 2, false), null)
                        .row("public_grids", 8, "{\"width\": 2}", null)
                        .row("secret_grids", 1, LegacySqlite.grid(1, 1, true), null);
            }
            PackagedApp.Result imported = app.run("import", sqlite.toString(), "--rejects", dir.resolve("rejects.jsonl").toString());
            assertThat(imported.exitCode()).as(imported.output()).isEqualTo(3); // done, one row rejected
            assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("\"id\":8");
            NotebookLoad grid = load(app, "/get/bizkiL"); // row 1 with the public salt "public"
            assertThat(grid.status()).isEqualTo(200);
            assertThat(grid.body()).contains("\"width\": 3").contains("\"height\": 2");

            Path export = dir.resolve("export.jsonl");
            PackagedApp.Result exported = app.run("export", export.toString());
            assertThat(exported.exitCode()).as(exported.output()).isZero();
            List<String> lines = Files.readAllLines(export);
            assertThat(lines).hasSize(3);
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"id\":7"));

            // The export goes back in: every row is already there, so nothing changes and nothing is lost.
            PackagedApp.Result again = app.run("import", export.toString(), "--rejects", dir.resolve("again.jsonl").toString());
            assertThat(again.exitCode()).as(again.output()).isIn(0, 3);
            assertThat(load(app, "/get/bizkiL").body()).isEqualTo(grid.body());

            PackagedApp.Result unknown = app.run("frobnicate");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.output()).contains("unknown command 'frobnicate'");
            PackagedApp.Result missing = app.run("import", dir.resolve("nope.db").toString());
            assertThat(missing.exitCode()).as(missing.output()).isEqualTo(2);
            PackagedApp.Result help = PackagedApp.run(Map.of(), "help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.output()).contains("usage:").contains("migrate").contains("export FILE").contains("reports");
        }
    }

    record NotebookLoad(int status, String body) {
    }

    NotebookLoad load(PackagedApp app, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new NotebookLoad(response.statusCode(), response.body());
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
        PackagedApp.Result result = app.run(args);
        if (result.exitCode() == 0) {
            assertThat(result.output()).contains("ipythonblocks: grid ");
        }
        return result.exitCode();
    }
}
