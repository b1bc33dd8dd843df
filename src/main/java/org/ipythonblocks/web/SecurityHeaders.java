package org.ipythonblocks.web;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers on every answer: pages, the JSON API, static files, errors, health and metrics.
 * A Vert.x filter runs before every route (the static files of {@code META-INF/resources} included),
 * and the headers are added just before the response's headers are written, so a resource that set
 * its own {@code Content-Security-Policy} or a stricter {@code Referrer-Policy} keeps it.
 *
 * <p>Nothing here redirects: the notebook client speaks plain HTTP and turns a redirected POST into
 * a GET, so {@code /post} must be answered where it is asked.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; style-src-attr 'unsafe-inline'; "
            + "script-src 'self'; base-uri 'none'; form-action 'self'";
    static final String NOT_FRAMEABLE = "; frame-ancestors 'none'";
    static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    static final String HSTS = "max-age=31536000";
    // Header names and fixed values pre-encoded once (Vert.x AsciiString), not per response.
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence XFO = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence XCTO = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence REFERRER = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence STS = HttpHeaders.createOptimized("Strict-Transport-Security");
    private static final CharSequence POLICY = HttpHeaders.createOptimized(CONTENT_SECURITY_POLICY);
    private static final CharSequence POLICY_NOT_FRAMEABLE = HttpHeaders.createOptimized(CONTENT_SECURITY_POLICY + NOT_FRAMEABLE);
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence OUR_REFERRER_POLICY = HttpHeaders.createOptimized(REFERRER_POLICY);
    private static final CharSequence HSTS_VALUE = HttpHeaders.createOptimized(HSTS);
    private static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");

    /** Referrer policies from the strictest to the most lenient. */
    private static final List<String> REFERRER_STRICTNESS = List.of("no-referrer", "same-origin", "strict-origin",
            "strict-origin-when-cross-origin", "origin", "origin-when-cross-origin", "no-referrer-when-downgrade", "unsafe-url");

    /**
     * The one exception to "never in a frame": the embed page exists to be framed by
     * other sites, so paths under {@code /embed/} get neither {@code X-Frame-Options} nor
     * {@code frame-ancestors 'none'}.
     */
    static boolean mayBeFramed(String path) {
        return path != null && path.startsWith(Routes.EMBED_PREFIX);
    }

    void register(@Observes Filters filters) {
        filters.register(this::onRequest, Routes.Order.SECURITY_HEADERS_FILTER);
    }

    private void onRequest(RoutingContext rc) {
        arrange(rc);
        rc.next();
    }

    /** Has the headers added to {@code rc}'s answer; also for a request that failed before this filter ran. */
    public static void arrange(RoutingContext rc) {
        boolean frameable = mayBeFramed(rc.normalizedPath());
        boolean https = cameOverHttps(rc.request());
        rc.addHeadersEndHandler(ignored -> apply(rc.response().headers(), frameable, https));
    }

    static void apply(MultiMap headers, boolean frameable, boolean https) {
        if (!headers.contains(CSP)) {
            headers.set(CSP, frameable ? POLICY : POLICY_NOT_FRAMEABLE);
        }
        if (!frameable) {
            headers.set(XFO, DENY);
        }
        headers.set(XCTO, NOSNIFF);
        String theirs = headers.get(REFERRER);
        if (theirs == null) {
            headers.set(REFERRER, OUR_REFERRER_POLICY);
        } else {
            headers.set(REFERRER, stricter(theirs, REFERRER_POLICY));
        }
        if (https) {
            headers.set(STS, HSTS_VALUE);
        }
    }

    /** Of a policy a resource set (may be null) and ours, the one that gives away less. */
    static String stricter(String theirs, String ours) {
        if (theirs == null) {
            return ours;
        }
        int theirRank = REFERRER_STRICTNESS.indexOf(theirs.trim().toLowerCase(Locale.ROOT));
        return theirRank >= 0 && theirRank <= REFERRER_STRICTNESS.indexOf(ours) ? theirs : ours;
    }

    /**
     * HTTPS as the visitor used it: a TLS connection to us, or Heroku's router saying so in
     * {@code X-Forwarded-Proto} (the router terminates TLS). A client that forges the header on plain
     * HTTP only gets an HSTS header that browsers ignore over HTTP.
     */
    static boolean cameOverHttps(HttpServerRequest request) {
        String proto = request.getHeader(FORWARDED_PROTO);
        if (proto != null) {
            String last = proto.substring(proto.lastIndexOf(',') + 1).trim();
            if (last.equalsIgnoreCase("https")) {
                return true;
            }
        }
        // The connection's own TLS, not request.isSSL(): Quarkus answers that through its forwarded-
        // headers parser, which works out host, scheme and client address too (4% of the home page's time).
        HttpConnection connection = request.connection();
        return connection != null && connection.isSsl();
    }
}
