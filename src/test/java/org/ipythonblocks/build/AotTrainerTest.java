package org.ipythonblocks.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOT training never breaks a build: when it fails, the build step (the same class and classpath
 * the Maven build runs at {@code package}) says so in one line and exits 0, leaving no cache. It needs
 * a JDK 25 (older ones skip the training before anything can fail): the one running the tests, or one
 * under {@code /usr/lib/jvm}, as {@code system.properties} asks Heroku for.
 */
class AotTrainerTest {

    @TempDir
    Path dir;

    @Test
    void aTrainingRunThatCannotStartLeavesNoCacheAndTheBuildGoesOn() throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app")); // no quarkus-run.jar: the app cannot start
        Files.writeString(app.resolve("app.aot"), "a stale cache from an earlier build");

        Result result = train(app, List.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("[aot]")))
                .singleElement().asString()
                .startsWith("[aot] no AOT cache, the build goes on without it")
                .contains("the training run ended with exit code");
        assertThat(app.resolve("app.aot")).doesNotExist();
    }

    @Test
    void aDatabaseThatCannotBeSetUpLeavesNoCacheAndTheBuildGoesOn() throws Exception {
        Path app = Files.createDirectories(dir.resolve("quarkus-app"));

        Result result = train(app, List.of("-Djava.io.tmpdir=" + dir.resolve("no/such/dir")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("[aot] no AOT cache, the build goes on without it");
        assertThat(app.resolve("app.aot")).doesNotExist();
    }

    record Result(int exitCode, String output) {
    }

    private Result train(Path app, List<String> jvmOptions) throws Exception {
        Path java = jdk25().resolve("bin").resolve("java");
        Path out = dir.resolve("trainer.log");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.addAll(List.of("org.ipythonblocks.build.AotTrainer", app.toString(), Path.of("Procfile").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the trainer did not finish within 120 s:\n" + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    /** A JDK 25 or newer: the one running the tests, or one under /usr/lib/jvm. */
    private static Path jdk25() throws IOException {
        if (Runtime.version().feature() >= 25) {
            return Path.of(System.getProperty("java.home"));
        }
        Optional<Path> found = Optional.empty();
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                found = homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= 25).findFirst();
            }
        }
        if (found.isEmpty()) {
            String reason = "no JDK 25 here (system.properties asks Heroku for one; install e.g. temurin-25-jdk)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason);
            }
            Assumptions.abort(reason);
        }
        return found.get();
    }

    private static int feature(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("[^0-9.]", "")).map(v -> Integer.parseInt(v.split("\\.")[0])).findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
