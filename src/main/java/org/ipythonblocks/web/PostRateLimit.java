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
 * Limits {@code POST /post} and {@code POST /delete} per client address, before the body is read:
 * the API must take anonymous requests (the notebook client cannot send credentials), so this is what
 * stops one address from flooding the store or guessing delete tokens. Posts draw on the bucket
 * {@code post:<address>}, delete attempts on {@code delete:<address>} (a failed delete never spends
 * a post), in {@link RateLimits}, shared by every dyno. Over the limit: 429, {@code Retry-After} and a
 * JSON message in the route's own words. Settings: {@link IpbConfig.RateLimit} and
 * {@link IpbConfig.Deletes}; {@code IPB_RATE_LIMIT_ENABLED=false} turns both off. It runs after
 * matching, on the resource's worker thread, because it asks the database.
 */
@ApplicationScoped
public class PostRateLimit {

    private static final Logger LOG = Logger.getLogger(PostRateLimit.class);

    /** A route's budget: its bucket in {@link RateLimits} and the words of its 429. */
    record Budget(String bucket, int burst, int perMinute, String what, String detail) {
    }

    private final boolean enabled;
    private final Budget posts;
    private final Budget deletes;

    @Inject
    RateLimits limits;

    PostRateLimit(IpbConfig config) {
        this.enabled = config.rateLimit().enabled();
        this.posts = new Budget("post", config.rateLimit().burst(), config.rateLimit().perMinute(), "posts",
                "This address has posted %d grids in a short time; it may post %d a minute.");
        this.deletes = new Budget("delete", config.deletes().burst(), config.deletes().perMinute(), "delete attempts",
                "This address has made %d delete attempts in a short time; it may make %d a minute.");
    }

    @ServerRequestFilter
    public Response limit(UriInfo uri, HttpServerRequest request) {
        if (!enabled || !request.method().name().equals("POST")) {
            return null;
        }
        String path = uri.getPath();
        Budget budget = path.equals(Routes.POST) ? posts : path.equals(Routes.DELETE) ? deletes : null;
        if (budget == null) {
            return null;
        }
        String client = limits.client(request);
        long retryAfter = limits.take(budget.bucket(), client, budget.burst(), budget.perMinute());
        if (retryAfter == 0) {
            return null;
        }
        LOG.debugf("rate limit: %s refused for %s, retry after %d s", path, client, retryAfter);
        Response refusal = ProblemJson.response(429, "Too Many Requests",
                budget.detail().formatted(budget.burst(), budget.perMinute()) + " Try again in " + retryAfter + " seconds.");
        ReasonPhrases.set(request, "Too many " + budget.what() + " from this address: try again in " + retryAfter
                + " seconds (at most " + budget.perMinute() + " a minute)");
        refusal.getHeaders().add("Retry-After", Long.toString(retryAfter));
        return refusal;
    }
}
