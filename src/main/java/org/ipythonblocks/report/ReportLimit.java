package org.ipythonblocks.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.web.ClientAddress;
import org.ipythonblocks.web.TokenBuckets;

import io.vertx.core.http.HttpServerRequest;

/**
 * How often one client address may send a report: {@code ipb.reports.burst} at once, then
 * {@code ipb.reports.per-minute}; off with the rest of the rate limit ({@code IPB_RATE_LIMIT_ENABLED}).
 * The address is {@link ClientAddress}'s, as for posts, and is only ever a key here: it is never stored
 * with a report.
 */
@ApplicationScoped
public class ReportLimit {

    private final boolean enabled;
    private final int trustedProxyHops;
    private final TokenBuckets buckets;

    ReportLimit(IpbConfig config) {
        this.enabled = config.rateLimit().enabled();
        this.trustedProxyHops = config.rateLimit().trustedProxyHops();
        this.buckets = new TokenBuckets(config.reports().burst(), config.reports().perMinute(), config.rateLimit().maxClients(),
                System::nanoTime);
    }

    /** 0 when this request's client may report now, else the seconds until it may (for {@code Retry-After}). */
    public long retryAfter(HttpServerRequest request) {
        if (!enabled) {
            return 0;
        }
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        List<String> forwardedFor = request.headers().getAll("X-Forwarded-For");
        return buckets.take(ClientAddress.of(forwardedFor, peer, trustedProxyHops));
    }
}
