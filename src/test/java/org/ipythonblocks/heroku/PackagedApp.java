package org.ipythonblocks.heroku;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application run as the dyno runs it, as a separate process with the prod profile, on
 * its own embedded PostgreSQL: for integration tests of what only a real process shows (signals,
 * exit codes, start-up, the admin commands).
 *
 * <p>What runs is the artifact under test: {@code target/quarkus-app} on a JVM, or, in
 * {@code ./mvnw verify -Dnative}, the native executable (failsafe sets {@code ipb.it.native}).
 */
final class PackagedApp implements AutoCloseable {

    final EmbeddedPostgres database;
    final int port;
    final Process process;
    final Path log;
    /** Whether closing the app stops its database too (not when several apps share one). */
    private final boolean ownsDatabase;

    private PackagedApp(EmbeddedPostgres database, int port, Process process, Path log, boolean ownsDatabase) {
        this.database = database;
        this.port = port;
        this.process = process;
        this.log = log;
        this.ownsDatabase = ownsDatabase;
    }

    /** Whether the tests run against the native executable rather than the JVM package. */
    static boolean isNative() {
        return Boolean.getBoolean("ipb.it.native");
    }

    /** The command line of the artifact under test, as the Procfile or the container runs it, then {@code args}. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (isNative()) {
            Path runner = Path.of(System.getProperty("native.image.path"));
            if (!Files.isExecutable(runner)) {
                throw new IllegalStateException("no native executable at " + runner + ": build it with ./mvnw verify -Dnative");
            }
            command.addAll(List.of(runner.toAbsolutePath().toString(), "-Xmx64m"));
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx160m", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        }
        command.addAll(List.of(args));
        return command;
    }

    static PackagedApp start(Map<String, String> extraEnv) throws Exception {
        return start(EmbeddedPostgres.builder().setCleanDataDirectory(true).start(), true, extraEnv);
    }

    /** Another process on a database that outlives it: a second dyno. */
    static PackagedApp startOn(EmbeddedPostgres db, Map<String, String> extraEnv) throws Exception {
        return start(db, false, extraEnv);
    }

    private static PackagedApp start(EmbeddedPostgres db, boolean ownsDatabase, Map<String, String> extraEnv) throws Exception {
        int port = ManagementPort.free();
        Path log = Files.createTempFile("ipb-packaged-app", ".log");
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment(db));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("IPB_MANAGEMENT_PORT", Integer.toString(ManagementPort.free()));
        builder.environment().putAll(extraEnv);
        PackagedApp app = new PackagedApp(db, port, builder.start(), log, ownsDatabase);
        app.awaitUp();
        return app;
    }

    /** What the dyno's environment gives the app: the database and both salts. */
    static Map<String, String> environment(EmbeddedPostgres db) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("HASHIDS_PUBLIC_SALT", "public");
        env.put("HASHIDS_SECRET_SALT", "secret");
        return env;
    }

    /** Runs one admin command ({@code heroku run ... hide URL}) against this app's database; its exit code and output. */
    Result run(String... args) throws Exception {
        return run(environment(database), args);
    }

    /** Runs the artifact once with {@code args} in {@code env} (PORT 0: a site may already listen). */
    static Result run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile("ipb-admin-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().putAll(env);
            builder.environment().put("PORT", "0");
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 120 s: " + args[0] + "\n" + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A command's exit code and what it printed (standard output and error together). */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs one admin command as {@code heroku run} does, with {@code stdin} (or nothing) on its standard
     * input and {@code extraEnv} over this app's environment; its exit code and its two streams apart.
     */
    Streams runAttached(Path stdin, Map<String, String> extraEnv, String... args) throws Exception {
        Path out = Files.createTempFile("ipb-admin-command", ".out");
        Path err = Files.createTempFile("ipb-admin-command", ".err");
        try {
            java.io.File input = stdin == null ? emptyFile() : stdin.toFile();
            Process process = startCommand(extraEnv, args, builder -> builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(input)));
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 120 s: " + args[0] + "\n" + Files.readString(err));
            }
            return new Streams(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Starts one admin command against this app's database and leaves it running (its output to {@code log}). */
    Process startCommand(Map<String, String> extraEnv, Path log, String... args) throws IOException {
        return startCommand(extraEnv, args, builder -> builder.redirectErrorStream(true).redirectOutput(log.toFile()));
    }

    private Process startCommand(Map<String, String> extraEnv, String[] args, java.util.function.UnaryOperator<ProcessBuilder> streams)
            throws IOException {
        ProcessBuilder builder = streams.apply(new ProcessBuilder(command(args)));
        builder.environment().putAll(environment(database));
        builder.environment().put("PORT", "0");
        builder.environment().putAll(extraEnv);
        return builder.start();
    }

    private static java.io.File emptyFile() throws IOException {
        Path empty = Files.createTempFile("ipb-empty", ".in");
        empty.toFile().deleteOnExit();
        return empty.toFile();
    }

    /** A command's exit code, standard output and standard error. */
    record Streams(int exitCode, String out, String err) {
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
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsDatabase) {
            database.close();
        }
    }
}
