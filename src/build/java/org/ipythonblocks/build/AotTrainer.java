package org.ipythonblocks.build;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Builds the JDK AOT cache ({@code target/quarkus-app/app.aot}, JEP 483/514/515) that makes the web
 * dyno start fast. A build step of its own ({@code src/build/java}), run by the Maven build right after
 * packaging (exec-maven-plugin, phase {@code package}), so it also runs in Heroku's build
 * ({@code ./mvnw -DskipTests clean dependency:list install}).
 *
 * <p>The training run needs a database: it starts an embedded PostgreSQL (the same zonky binaries as
 * dev mode and the tests, from the build's own classpath, never in the package), launches the
 * packaged app the way the {@code Procfile} does, with {@code -XX:AOTCacheOutput}, sends it the
 * requests a visitor and a notebook make, and stops it with SIGTERM; the JVM writes the cache as it
 * exits. With a JDK older than 25 it does nothing (the cache format needs 25); {@code -Daot.skip=true}
 * skips the Maven execution that runs it.
 *
 * <p>It never fails the build: if the embedded PostgreSQL cannot start, the app does not come up or
 * no cache is written, it deletes what it made and says so in one line; the web dyno then starts
 * without the cache (the JVM notes its absence in three {@code [error][aot]} lines and goes on).
 *
 * <p>Arguments: the {@code target/quarkus-app} directory and the {@code Procfile}.
 */
public final class AotTrainer {

    private AotTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path app = Path.of(args[0]);
        Path procfile = Path.of(args[1]);
        Path cache = app.resolve("app.aot");
        Files.deleteIfExists(cache);
        if (Runtime.version().feature() < 25) {
            System.out.println("[aot] JDK " + Runtime.version().feature() + ": the AOT cache needs JDK 25+, skipped");
            return;
        }
        try {
            train(app, procfile, cache);
        } catch (Exception | LinkageError e) {
            Files.deleteIfExists(cache);
            System.out.println("[aot] no AOT cache, the build goes on without it (the web dyno starts slower): "
                    + e + (Files.exists(trainingLog(app)) ? "; see " + trainingLog(app) : ""));
        }
    }

    private static Path trainingLog(Path app) {
        return app.toAbsolutePath().getParent().resolve("aot-training.log");
    }

    private static void train(Path app, Path procfile, Path cache) throws Exception {
        long started = System.nanoTime();
        Path dataDir = Files.createTempDirectory("ipb-aot-db");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start()) {
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptionsOf(procfile));
            command.add("-XX:AOTCacheOutput=" + cache.toAbsolutePath());
            command.add("-jar");
            command.add(app.resolve("quarkus-run.jar").toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(trainingLog(app).toFile());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("IPB_MANAGEMENT_PORT", Integer.toString(freePort()));
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", pg.getJdbcUrl("postgres", "postgres"));
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "");
            builder.environment().put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
            builder.environment().put("HASHIDS_PUBLIC_SALT", "aot-training-public");
            builder.environment().put("HASHIDS_SECRET_SALT", "aot-training-secret");
            Process process = builder.start();
            try {
                exercise("http://127.0.0.1:" + port, process);
            } finally {
                process.destroy(); // SIGTERM: the JVM writes the AOT cache on its way out
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the training run did not stop; see target/aot-training.log");
                }
            }
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("no AOT cache was written; see target/aot-training.log");
        }
        System.out.printf("[aot] %s: %d MiB in %.1f s%n", cache, Files.size(cache) >> 20, (System.nanoTime() - started) / 1e9);
    }

    /** The JVM options of the Procfile's web command, so the cache matches how the dyno runs (GC, heap). */
    static List<String> jvmOptionsOf(Path procfile) throws IOException {
        String web = Files.readAllLines(procfile).stream().filter(l -> l.startsWith("web:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no web: line in " + procfile));
        return Arrays.stream(web.substring(4).trim().split("\\s+"))
                .filter(t -> t.startsWith("-X") && !t.startsWith("-XX:AOTCache"))
                .toList();
    }

    /** What visitors and notebooks do: the code paths the first request after a cold start needs. */
    static void exercise(String base, Process app) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        waitUntilUp(http, base, app);
        String grid = "{\"python_version\": [3, 11, 2, \"final\", 0], \"ipb_version\": \"1.9.1\", \"ipb_class\": \"BlockGrid\", "
                + "\"code_cells\": [\"from ipythonblocks import BlockGrid\\ngrid = BlockGrid(3, 2)\\ngrid.show()\"], "
                + "\"secret\": %s, \"grid_data\": {\"lines_on\": true, \"width\": 3, \"height\": 2, "
                + "\"blocks\": [[[1, 2, 3, 20], [4, 5, 6, 20], [7, 8, 9, 20]], [[10, 11, 12, 20], [13, 14, 15, 20], [16, 17, 18, 20]]]}}";
        List<String> paths = new ArrayList<>(List.of("/", "/about", "/random", "/no/such/page", "/get/zzzzzz",
                "/static/ipborg.css", "/favicon.ico"));
        for (boolean secret : new boolean[] { false, true }) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/post"))
                    .POST(HttpRequest.BodyPublishers.ofString(grid.formatted(secret))).build(), HttpResponse.BodyHandlers.ofString());
            String url = posted.body().replaceAll(".*\"url\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            String path = url.replaceFirst("^https?://[^/]+", "");
            paths.add(path);
            paths.add(path + ".png");
            paths.add(path + ".svg");
            paths.add("/embed" + path);
            paths.add("/get" + path);
            if (!secret) {
                paths.add("/preview" + path + ".png");
                paths.add("/oembed?url=" + java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        http.send(HttpRequest.newBuilder(URI.create(base + "/post")).POST(HttpRequest.BodyPublishers.ofString("{\"bad\": 1}")).build(),
                HttpResponse.BodyHandlers.discarding());
        for (int round = 0; round < 300; round++) {
            for (String path : paths) {
                // as browsers ask (gzip) on even rounds, as the notebook's older clients may on odd ones
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
                if (round % 2 == 0) {
                    request.header("Accept-Encoding", "gzip, deflate, br");
                }
                http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private static void waitUntilUp(HttpClient http, String base, Process app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the training run ended with exit code " + app.exitValue() + " before it answered");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app did not answer within 120 s; see target/aot-training.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
