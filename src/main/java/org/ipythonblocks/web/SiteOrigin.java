package org.ipythonblocks.web;

import java.net.URI;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridRef;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * Who "this site" is, for a request: the host of {@code ipb.public-base-url} and the host the request
 * was sent to (its {@code Host}, as Heroku's router forwards it, with the scheme of
 * {@code X-Forwarded-Proto}), so that the site is itself at its herokuapp.com address as at its domain.
 */
@ApplicationScoped
public class SiteOrigin {

    @Inject
    IpbConfig config;

    /** Whether a URL's host (lower case, no port) is this site's ({@link GridRef#parse}). */
    public Predicate<String> hosts(HttpServerRequest request) {
        HostAndPort own = request.authority();
        String requestHost = own == null ? null : own.host().toLowerCase(Locale.ROOT);
        return host -> GridRef.sameSite(host, config.publicBaseUrl()) || host.equals(requestHost);
    }

    /**
     * Whether an {@code Origin} header names this site exactly: the scheme, host and port of the public
     * base URL, or those the request was sent to. {@code null} (an opaque origin) never does.
     */
    public boolean isOurs(String origin, HttpServerRequest request) {
        String normalised = normalise(origin);
        if (normalised == null) {
            return false;
        }
        if (normalised.equals(normalise(config.publicBaseUrl()))) {
            return true;
        }
        HostAndPort own = request.authority();
        if (own == null) {
            return false;
        }
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        String scheme = forwardedProto != null && forwardedProto.matches("(?i)https?") ? forwardedProto : request.scheme();
        return normalised.equals(normalise(scheme + "://" + own.host() + (own.port() < 0 ? "" : ":" + own.port())));
    }

    /** {@code scheme://host:port} in lower case with the scheme's default port written out; null when not an http(s) origin. */
    static String normalise(String origin) {
        if (origin == null || origin.length() > 300) {
            return null;
        }
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
