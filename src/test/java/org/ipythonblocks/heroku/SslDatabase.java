package org.ipythonblocks.heroku;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL that, like Heroku Postgres, is reached through a {@code DATABASE_URL} with SSL: an
 * embedded server with a self-signed certificate (made with {@code openssl}), and the app in the
 * prod profile given only {@code DATABASE_URL} and the two salts, as a dyno is.
 */
public class SslDatabase implements QuarkusTestResourceLifecycleManager {

    /** For the tests (they run in this JVM): a JDBC URL of the same database, to look behind the app. */
    static volatile String jdbcUrl;

    private EmbeddedPostgres server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("ipb-ssl-db");
            Path key = dir.resolve("server.key");
            Path cert = dir.resolve("server.crt");
            Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log")));
            }
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            server = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                    .setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", cert.toString())
                    .setServerConfig("ssl_key_file", key.toString())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        jdbcUrl = server.getJdbcUrl("postgres", "postgres");
        return Map.of(
                "DATABASE_URL", "postgres://postgres:any%20password@localhost:" + server.getPort() + "/postgres",
                "HASHIDS_PUBLIC_SALT", "public",
                "HASHIDS_SECRET_SALT", "secret");
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
