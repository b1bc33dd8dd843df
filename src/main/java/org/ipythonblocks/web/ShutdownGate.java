package org.ipythonblocks.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Heroku stops a dyno with SIGTERM. From that moment the site takes no new requests, on any route
 * (503 with {@code Retry-After}), while Quarkus' graceful shutdown ({@code quarkus.shutdown.timeout})
 * lets the requests already in flight finish, for at most 10 seconds, before the process exits.
 * A Vert.x filter, so pages served straight by Vert.x routes are refused too.
 */
@ApplicationScoped
public class ShutdownGate {

    static final String REFUSAL = ProblemJson.text(503, "Service Unavailable", "This server is restarting; try again in a few seconds.");

    static final String RESTARTING = "Site restarting: try again in a few seconds";

    private volatile boolean stopping;

    void watchForSigterm(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "ipb-shutdown-gate"));
        }
    }

    void register(@Observes Filters filters) {
        filters.register(this::refuseWhileStopping, Routes.Order.SHUTDOWN_GATE_FILTER);
    }

    private void refuseWhileStopping(RoutingContext rc) {
        if (!stopping) {
            rc.next();
            return;
        }
        ReasonPhrases.set(rc.request(), RESTARTING);
        HttpServerResponse response = rc.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                .putHeader("Retry-After", "5");
        if (rc.request().version() != HttpVersion.HTTP_2) {
            // HTTP/2 forbids a Connection header (clients reject the whole response); only HTTP/1 closes this way.
            response.putHeader("Connection", "close");
        }
        response.end(REFUSAL);
    }
}
