package org.ipythonblocks.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Heroku stops a dyno with SIGTERM. From that moment the site takes no new requests (503 with
 * {@code Retry-After}), while Quarkus' graceful shutdown ({@code quarkus.shutdown.timeout}) lets
 * the requests already in flight finish, for at most 10 seconds, before the process exits.
 */
@ApplicationScoped
public class ShutdownGate {

    private volatile boolean stopping;

    void watchForSigterm(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "ipb-shutdown-gate"));
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseWhileStopping() {
        if (!stopping) {
            return null;
        }
        Response refusal = ErrorMappers.json(503, "Service Unavailable", "This server is restarting; try again in a few seconds.");
        refusal.getHeaders().add("Retry-After", "5");
        refusal.getHeaders().add("Connection", "close");
        return refusal;
    }
}
