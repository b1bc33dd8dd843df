package org.ipythonblocks.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /bizkiL//?a=1} answers 301 {@code Location: /bizkiL?a=1}, as the original's grid routes
 * did, and {@code /about/} goes to {@code /about} too. A Vert.x route ahead of everything else, so
 * every page gets the same rule and the raw path and query are passed on byte for byte (a JAX-RS
 * response would re-encode the {@code Location}). Only paths made of non-empty segments qualify:
 * {@code //evil.example/} must not become the protocol-relative {@code Location: //evil.example}.
 */
@ApplicationScoped
public class TrailingSlashRedirect {

    private static final Pattern WITH_TRAILING_SLASHES = Pattern.compile("((?:/[^/]+)+)/+");

    void register(@Observes Router router) {
        router.route().order(Routes.Order.TRAILING_SLASH_ROUTE).handler(this::redirect);
    }

    void redirect(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        String path = ctx.request().path();
        if (path == null || path.length() < 2 || path.charAt(path.length() - 1) != '/') {
            ctx.next(); // nearly every request: no trailing slash, no regex
            return;
        }
        Matcher m = WITH_TRAILING_SLASHES.matcher(path);
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !m.matches()) {
            ctx.next();
            return;
        }
        String query = ctx.request().query();
        ctx.response().setStatusCode(301)
                .putHeader(HttpHeaders.LOCATION, m.group(1) + (query == null ? "" : "?" + query))
                .end();
    }
}
