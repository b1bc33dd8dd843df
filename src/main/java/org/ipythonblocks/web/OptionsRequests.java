package org.ipythonblocks.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code OPTIONS <path>} answers 204 with the methods that path takes ({@link Routes#allow}): {@code POST}
 * at {@code /post}, {@code /delete} and {@code /report}, {@code GET} and {@code HEAD} everywhere else. A
 * Vert.x filter, because Quarkus REST answers {@code OPTIONS} with every method of the resource class
 * whose path matched, and several of ours share the path {@code /}: it offered {@code POST} on every
 * page. No CORS headers: another site's page may not call this one from a browser.
 */
@ApplicationScoped
public class OptionsRequests {

    void register(@Observes Filters filters) {
        filters.register(OptionsRequests::answer, Routes.Order.OPTIONS_FILTER);
    }

    private static void answer(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.OPTIONS) {
            rc.next();
            return;
        }
        Routes.label(rc, "/{path}");
        rc.response().setStatusCode(204).putHeader(HttpHeaders.ALLOW, Routes.allow(rc.request().path())).end();
    }
}
