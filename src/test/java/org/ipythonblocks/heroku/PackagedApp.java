package org.ipythonblocks.heroku;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application ({@code target/quarkus-app}) run as the dyno runs it, as a separate
 * process with the prod profile, on its own embedded PostgreSQL: for integration tests of what
 * only a real process shows (signals, exit codes, start-up).
 */
final class PackagedApp implements AutoCloseable {

    final EmbeddedPostgres database;
    final int port;
    final Process process;
    final Path log;

    private PackagedApp(EmbeddedPostgres database, int port, Process process, Path log) {
        this.database = database;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static PackagedApp start(Map<String, String> extraEnv) throws Exception {
        EmbeddedPostgres db = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("ipb-packaged-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx160m", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("HASHIDS_PUBLIC_SALT", "public");
        env.put("HASHIDS_SECRET_SALT", "secret");
        env.putAll(extraEnv);
        PackagedApp app = new PackagedApp(db, port, builder.start(), log);
        app.awaitUp();
        return app;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private void awaitUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url("/"))).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the packaged app did not come up:\n" + Files.readString(log));
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        database.close();
    }
}
