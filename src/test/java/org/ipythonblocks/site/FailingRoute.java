package org.ipythonblocks.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/** Test-only: a Vert.x route (not a resource) that fails, to see what a visitor gets from a failure outside the mappers. */
@ApplicationScoped
public class FailingRoute {

    void register(@Observes Router router) {
        router.get("/test-only/route-fails").order(-20).handler(rc -> {
            throw new IllegalStateException("a route failure only the log may show");
        });
    }
}
