package org.ipythonblocks.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Token buckets kept in PostgreSQL ({@code rate_limit_buckets}, V12), so every web process (dyno)
 * draws on the same budget. A bucket is named by what it limits and the client's address
 * ({@code post:203.0.113.7}): {@code burst} tokens to start with, refilled continuously at
 * {@code perMinute}; each request takes one.
 *
 * <p>One statement per request, {@link #TAKE}: an upsert that refills the bucket from the time since
 * it was last touched (the database's clock, the same for every dyno), takes a token if there is one,
 * and answers what is left. It locks the bucket's row only for that statement. A failed statement (the
 * database down) fails the request: the limit fails closed, as the post would fail anyway (503).
 *
 * <p>A bucket that is full again is the same as none, so rows past their {@code full_at} are deleted
 * every {@value #CLEANUP_MINUTES} minutes by each process that has taken from a bucket.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);
    static final int CLEANUP_MINUTES = 10;

    /**
     * Parameters: key, burst − 1, seconds per token (how long from burst − 1 to full), tokens per
     * second. {@code excluded.tokens + 1} is the burst. Answers the tokens left and whether one was taken.
     */
    static final String TAKE = """
            insert into rate_limit_buckets as b (bucket_key, tokens, updated_at, full_at, allowed)
            values (?, ?, now(), now() + make_interval(secs => ?), true)
            on conflict (bucket_key) do update set (tokens, updated_at, full_at, allowed) = (
                select t.left_over, now(), now() + make_interval(secs => (excluded.tokens + 1 - t.left_over) / r.per_second), t.taken
                from (select ?::float8 as per_second) r,
                lateral (select least(excluded.tokens + 1, b.tokens + extract(epoch from now() - b.updated_at)::float8 * r.per_second)
                         as refilled) f,
                lateral (select case when f.refilled >= 1 then f.refilled - 1 else f.refilled end as left_over,
                                f.refilled >= 1 as taken) t)
            returning tokens, allowed""";

    static final String CLEANUP = "delete from rate_limit_buckets where full_at < now()";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IpbConfig config;

    private ScheduledExecutorService cleaner;

    /**
     * Takes a token from the bucket {@code bucket:address} ({@code burst} at most, {@code perMinute}
     * back a minute). Answers 0 when there was one, otherwise the whole seconds (at least 1) until one
     * will be there: the value for {@code Retry-After}. Always 0 with {@code ipb.rate-limit.enabled=false}.
     */
    public long take(String bucket, String address, int burst, int perMinute) {
        if (!config.rateLimit().enabled()) {
            return 0;
        }
        startCleaning();
        double perSecond = perMinute / 60.0;
        try (Connection connection = dataSource.getConnection(); PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setString(1, bucket + ":" + address);
            take.setDouble(2, burst - 1);
            take.setDouble(3, 1 / perSecond);
            take.setDouble(4, perSecond);
            try (ResultSet answer = take.executeQuery()) {
                answer.next();
                if (answer.getBoolean(2)) {
                    return 0;
                }
                double waitSeconds = (1 - answer.getDouble(1)) / perSecond;
                return Math.max(1, (long) Math.ceil(waitSeconds - 1e-9));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the rate limit could not be read", e); // 503 through ErrorMappers
        }
    }

    /** The client's address as far as it can be trusted: the key of its budgets ({@link ClientAddress}). */
    public String client(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return ClientAddress.of(request.headers().getAll("X-Forwarded-For"), peer, trustedHops());
    }

    /**
     * The one rule for trusting {@code X-Forwarded-For}: as many proxies as
     * {@code ipb.rate-limit.trusted-proxy-hops} says when it is set; otherwise Heroku's router (the last
     * entry) on a dyno, and none elsewhere.
     */
    int trustedHops() {
        return config.rateLimit().trustedProxyHops().orElse(config.dyno().isPresent() ? 1 : 0);
    }

    /** Deletes the buckets that are full again; answers how many. */
    int cleanUp() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection.prepareStatement(CLEANUP)) {
            return delete.executeUpdate();
        }
    }

    private synchronized void startCleaning() {
        if (cleaner != null) {
            return;
        }
        cleaner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ipb-rate-limit-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        cleaner.scheduleWithFixedDelay(() -> {
            try {
                LOG.debugf("rate limit: %d full buckets deleted", cleanUp());
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("rate limit: full buckets not deleted this time: %s", e.getMessage());
            }
        }, CLEANUP_MINUTES, CLEANUP_MINUTES, TimeUnit.MINUTES);
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (cleaner != null) {
            cleaner.shutdownNow();
            cleaner = null;
        }
    }
}
