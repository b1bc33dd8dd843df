package org.ipythonblocks.grid;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ipythonblocks.IpbConfig;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Takedowns made by other processes (an admin command, another dyno) reach this one within a
 * moment: a daemon thread holds one connection of its own (not the pool's), {@code LISTEN}s on
 * {@link GridTakedown#CHANNEL}, and fires {@link GridsChanged} for each grid named there, which every
 * cache observes. {@code IPB_CACHE_TTL} stays the bound when a notification is missed.
 *
 * <ul>
 * <li>It connects a second after start-up, off the start-up path, and each time it (re)connects it
 * fires "anything changed": whatever was cached before it listened may have missed a takedown.</li>
 * <li>When the connection breaks (the database restarts), it says so once at WARN, retries with a
 * growing pause (at most {@value #MAX_BACKOFF_MILLIS} ms), and says once at INFO when it listens again.</li>
 * <li>Commands do not listen ({@code %command.ipb.cache.listen=false}).</li>
 * </ul>
 */
@ApplicationScoped
public class TakedownListener {

    private static final Logger LOG = Logger.getLogger(TakedownListener.class);
    /** How the listener shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "ipythonblocks takedown listener";
    static final long START_DELAY_MILLIS = 1000;
    static final int POLL_MILLIS = 500;
    static final long MAX_BACKOFF_MILLIS = 5000;
    /** A connection silent this long is asked {@code SELECT 1}, so a dead one is noticed without a takedown. */
    static final long CHECK_AFTER_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Inject
    Event<GridsChanged> changed;

    @Inject
    IpbConfig config;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.cache().listen()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "ipb-takedown-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt(); // wakes a pause; a poll returns within POLL_MILLIS
            try {
                thread.join(2 * POLL_MILLIS + 500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        pause(START_DELAY_MILLIS);
        long lostAt = 0;
        int failures = 0;
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + GridTakedown.CHANNEL);
                changed.fire(GridsChanged.anything()); // what was cached before now may have missed a notification
                if (lostAt == 0) {
                    LOG.infof("Listening for takedowns on channel %s", GridTakedown.CHANNEL);
                } else {
                    LOG.infof("Listening for takedowns again after %d ms; every cache was flushed",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt));
                }
                failures = 0;
                lostAt = 0;
                listen(connection.unwrap(PGConnection.class), statement);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (failures++ == 0) {
                    if (lostAt == 0) {
                        lostAt = System.nanoTime();
                    }
                    LOG.warnf("Not listening for takedowns (%s); retrying, and until then a takedown elsewhere reaches "
                            + "this process within IPB_CACHE_TTL (%s)", e.getMessage(), config.cache().ttl());
                } else {
                    LOG.debugf("still not listening for takedowns (attempt %d): %s", failures, e.getMessage());
                }
                pause(Math.min(MAX_BACKOFF_MILLIS, 250L << Math.min(failures, 5)));
            }
        }
    }

    /** Forgets each grid notified, until the connection fails or the process stops. */
    private void listen(PGConnection connection, Statement statement) throws SQLException {
        long heard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = connection.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    forget(notification.getParameter());
                }
                heard = System.nanoTime();
            } else if (System.nanoTime() - heard > CHECK_AFTER_NANOS) {
                statement.execute("SELECT 1");
                heard = System.nanoTime();
            }
        }
    }

    void forget(String payload) {
        Optional<GridRef> ref = GridTakedown.fromPayload(payload);
        if (ref.isPresent()) {
            changed.fire(new GridsChanged(GridsChanged.Change.ELSEWHERE, ref.get(), 0));
            LOG.debugf("takedown notified: %s", ref.get()); // secret/<token>: the log shows only its start
        } else {
            changed.fire(GridsChanged.anything()); // a payload of another version: forget everything rather than guess
            LOG.debugf("takedown notified with an unknown payload (%d characters): every cache flushed",
                    payload == null ? 0 : payload.length());
        }
    }

    /** A connection of its own, straight from the driver: a pool would validate, time out or recycle it. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL");
        }
        return connection;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // stopping: the loop checks running
        }
    }
}
