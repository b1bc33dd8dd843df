package org.ipythonblocks.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ipythonblocks.TestGrids;
import org.ipythonblocks.legacy.LegacySqlite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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

            Path sqlite = smallLegacyFile(dir);
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

    @Test
    void importFromStandardInputOrAUrlAndExportToStandardOutput(@TempDir Path dir) throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            Path sqlite = smallLegacyFile(dir);

            // heroku run bin/ipb import - < ipborg.db: the file is on the maintainer's machine, not on the dyno
            PackagedApp.Streams imported = app.runAttached(sqlite, Map.of(), "import", "-");
            assertThat(imported.exitCode()).as(imported.err()).isEqualTo(3); // done, one row rejected
            assertThat(imported.err()).contains("bytes read from standard input")
                    .contains("{\"kind\":\"rejected\",\"table\":\"public_grids\",\"id\":8,");
            assertThat(imported.out()).contains("listed in standard error").containsPattern("public_grids\\s+3\\s+2\\s+0\\s+0\\s+1");
            assertThat(load(app, "/get/bizkiL").status()).isEqualTo(200);

            // heroku run bin/ipb export - > backup.jsonl: standard output holds the export and nothing else
            PackagedApp.Streams exported = app.runAttached(null, Map.of(), "export", "-");
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            assertThat(exported.out().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{\"table\":\""));
            assertThat(exported.err()).contains("3 grids written to standard output");
            Path export = dir.resolve("export.jsonl");
            assertThat(app.run("export", export.toString()).exitCode()).isZero();
            assertThat(exported.out()).isEqualTo(Files.readString(export));

            // an import from a URL: a new grid (id 9) beside the three already there
            String newGrid = "{\"table\":\"public_grids\",\"id\":9,\"created_at\":\"2017-07-02T10:11:12Z\",\"ipb_version\":\"1.7.1\","
                    + "\"python_version\":[3,6,1,\"final\",0],\"ipb_class\":\"BlockGrid\",\"code_cells\":null,\"grid_data\":"
                    + LegacySqlite.grid(1, 1, true) + "}\n";
            HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            files.createContext("/backup.jsonl", exchange -> {
                byte[] body = (exported.out() + newGrid).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            files.start();
            try {
                String base = "http://127.0.0.1:" + files.getAddress().getPort();
                PackagedApp.Streams fromUrl = app.runAttached(null, Map.of(), "import", base + "/backup.jsonl?signature=secret");
                assertThat(fromUrl.exitCode()).as(fromUrl.err()).isZero();
                assertThat(fromUrl.out()).containsPattern("public_grids\\s+3\\s+1\\s+2\\s+0\\s+0");
                PackagedApp.Streams missing = app.runAttached(null, Map.of(), "import", base + "/nope.db?signature=secret");
                assertThat(missing.exitCode()).isEqualTo(2);
                assertThat(missing.err()).contains("cannot download " + base + "/nope.db?…: it answered 404").doesNotContain("signature");
            } finally {
                files.stop(0);
            }

            // standard input over the limit: a usage error, nothing imported
            PackagedApp.Streams tooBig = app.runAttached(sqlite, Map.of("IPB_IMPORT_MAX_INPUT_BYTES", "1000"), "import", "-");
            assertThat(tooBig.exitCode()).isEqualTo(2);
            assertThat(tooBig.err()).contains("standard input is larger than 1000 bytes (IPB_IMPORT_MAX_INPUT_BYTES)");
        }
    }

    @Test
    void aWrongCommandLineIsAUsageErrorAndNeedsNoDatabase() throws Exception {
        Map<String, String> noDatabase = Map.of();
        for (String[] args : List.of(new String[] { "frobnicate", "bizkiL" }, new String[] { "delete" },
                new String[] { "hide", "bizkiL", "jcLacK" }, new String[] { "hide", "not/an id" }, new String[] { "import" },
                new String[] { "import", "a.db", "--bogus" }, new String[] { "export" }, new String[] { "reports", "x" })) {
            PackagedApp.Result result = PackagedApp.run(noDatabase, args);
            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.output()).isEqualTo(2);
            assertThat(result.output()).startsWith("ipythonblocks: ").contains("usage:").doesNotContain("Exception");
        }
        assertThat(PackagedApp.run(noDatabase, "frobnicate").output()).startsWith("ipythonblocks: unknown command 'frobnicate'");
        PackagedApp.Result help = PackagedApp.run(noDatabase, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("import FILE|URL|- [--rejects PATH]").contains("export FILE|-");
    }

    @Test
    void aRefusedConnectionIsOneLine() throws Exception {
        try (PackagedApp app = PackagedApp.start(Map.of())) {
            try (Connection c = app.database.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("create role limited login connection limit 0");
            }
            // the URL without the user zonky puts in it, so the command logs in as "limited"
            Map<String, String> limited = Map.of("QUARKUS_DATASOURCE_USERNAME", "limited",
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + app.database.getPort() + "/postgres");
            for (String command : List.of("migrate", "reports", "hide")) {
                PackagedApp.Streams refused = command.equals("hide") ? app.runAttached(null, limited, command, "bizkiL")
                        : app.runAttached(null, limited, command);
                assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
                assertThat(refused.err()).contains("ipythonblocks: PostgreSQL refused a connection: FATAL: too many connections for role \"limited\" (SQLSTATE 53300)")
                        .contains("docs/operations.md").doesNotContain("\tat ");
            }
        }
    }

    @Test
    void aMigrationThatWaitsLongerThanTheWebsTimeoutsCompletes() throws Exception {
        // The 2017 database, whose next migration (V2) alters public_grids; a session holds that table
        // for 20 s, longer than the web's 5 s statement and lock timeouts and its 15 s socket timeout.
        try (EmbeddedPostgres db = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
                Connection holder = db.getPostgresDatabase().getConnection()) {
            holder.createStatement().execute(Files.readString(Path.of("src/main/resources/db/migration/V1__Create_grid_tables.sql")));
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table public_grids in access exclusive mode");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(20_000);
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long started = System.nanoTime();
            PackagedApp.Result migrate = PackagedApp.run(PackagedApp.environment(db), "migrate");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            release.get();
            assertThat(migrate.exitCode()).as(migrate.output()).isZero();
            assertThat(migrate.output()).contains("ipythonblocks: the database schema is up to date");
            assertThat(seconds).as("the migration waited for the lock").isGreaterThanOrEqualTo(16);
        }
    }

    @Test
    void anImportKilledHalfwayLeavesTheSitePostingAndARerunFinishesIt(@TempDir Path dir) throws Exception {
        int rows = 20_000;
        Path file = dir.resolve("many.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int id = 1; id <= rows; id++) {
            lines.append("{\"table\":\"public_grids\",\"id\":").append(id).append(",\"created_at\":\"2017-07-02T10:11:12Z\",")
                    .append("\"ipb_version\":\"1.7.1\",\"python_version\":[3,6,1,\"final\",0],\"ipb_class\":\"BlockGrid\",")
                    .append("\"code_cells\":null,\"grid_data\":").append(LegacySqlite.grid(2, 2, id % 2 == 0)).append("}\n");
        }
        Files.writeString(file, lines);
        try (PackagedApp app = PackagedApp.start(Map.of());
                Connection c = app.database.getPostgresDatabase().getConnection()) {
            Process running = app.startCommand(Map.of("IPB_IMPORT_BATCH_SIZE", "20"), dir.resolve("import.log"), "import", file.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(c, "public_grids") < 500 && running.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, as a dropped heroku run session
            long stored = count(c, "public_grids");
            assertThat(stored).as(Files.readString(dir.resolve("import.log"))).isBetween(500L, rows - 1L);

            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(app.url("/post")))
                    .POST(HttpRequest.BodyPublishers.ofString(TestGrids.body("BlockGrid", 2, 2, false, null))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(count(c, "public_grids where id > " + rows)).as("the post took an id past the file's").isEqualTo(1);

            PackagedApp.Result rerun = app.run("import", file.toString());
            assertThat(rerun.exitCode()).as(rerun.output()).isZero();
            assertThat(count(c, "public_grids")).isEqualTo(rows + 1L);
        }
    }

    private static long count(Connection c, String tableAndCondition) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + tableAndCondition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A small 2014 file: two public grids (ids 1 and 7), one secret, and one row the importer must reject (8). */
    private static Path smallLegacyFile(Path dir) throws Exception {
        Path sqlite = dir.resolve("ipborg.db");
        try (LegacySqlite file = new LegacySqlite(sqlite)) {
            file.row("public_grids", 1, LegacySqlite.grid(3, 2, true), "[\"grid = BlockGrid(3, 2)\"]")
                    .row("public_grids", 7, LegacySqlite.grid(2, 2, false), null)
                    .row("public_grids", 8, "{\"width\": 2}", null)
                    .row("secret_grids", 1, LegacySqlite.grid(1, 1, true), null);
        }
        return sqlite;
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
