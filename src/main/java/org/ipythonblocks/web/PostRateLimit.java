package org.ipythonblocks.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ipythonblocks.IpbConfig;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Limits {@code POST /post} (and {@code POST /delete}) per client address, before the body is
 * read: the API must take anonymous posts (the notebook client cannot send credentials), so this
 * is what stops one address from flooding the store. The budget is the bucket {@code post:<address>}
 * in {@link RateLimits}, shared by every dyno. Over the limit: 429, {@code Retry-After} and a JSON
 * message. Settings: {@link IpbConfig.RateLimit}; {@code IPB_RATE_LIMIT_ENABLED=false} turns it off.
 * It runs after matching, on the resource's worker thread, because it asks the database.
 */
@ApplicationScoped
public class PostRateLimit {

    private static final Logger LOG = Logger.getLogger(PostRateLimit.class);
    /** The bucket name of posts and deletes in {@link RateLimits}. */
    static final String BUCKET = "post";

    private final IpbConfig.RateLimit config;

    @Inject
    RateLimits limits;

    PostRateLimit(IpbConfig config) {
        this.config = config.rateLimit();
    }

    @ServerRequestFilter
    public Response limit(UriInfo uri, HttpServerRequest request) {
        if (!config.enabled() || !request.method().name().equals("POST")) {
            return null;
        }
        String path = uri.getPath();
        if (!Routes.writes(path)) {
            return null;
        }
        String client = limits.client(request);
        long retryAfter = limits.take(BUCKET, client, config.burst(), config.perMinute());
        if (retryAfter == 0) {
            return null;
        }
        LOG.debugf("rate limit: %s refused for %s, retry after %d s", path, client, retryAfter);
        Response refusal = ProblemJson.response(429, "Too Many Requests", "This address has posted " + config.burst()
                + " grids in a short time; it may post " + config.perMinute() + " a minute. Try again in "
                + retryAfter + " seconds.");
        ReasonPhrases.set(request, "Too many posts from this address: try again in " + retryAfter + " seconds (at most "
                + config.perMinute() + " a minute)");
        refusal.getHeaders().add("Retry-After", Long.toString(retryAfter));
        return refusal;
    }
}
