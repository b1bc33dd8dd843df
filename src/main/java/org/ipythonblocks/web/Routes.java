package org.ipythonblocks.web;

import java.util.regex.Pattern;

import org.ipythonblocks.grid.GridIds;

import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place for what the filters, the error mappers and the resources must agree on: the paths
 * of routes that more than one class names, which paths always answer JSON, and the order in which
 * the filters and routes that wrap every request run.
 */
public final class Routes {

    /** {@code POST /post}: the notebook client's upload. */
    public static final String POST = "/post";
    /** {@code POST /delete}: the poster deletes a grid with its delete token. */
    public static final String DELETE = "/delete";
    /** {@code POST /report}: the "Report this grid" form of every grid page. */
    public static final String REPORT = "/report";
    /** {@code GET /privacy}: what the site stores and how a grid is removed. */
    public static final String PRIVACY = "/privacy";
    /** {@code GET /oembed?url=…}: the oEmbed question for a grid page. */
    public static final String OEMBED = "/oembed";
    /** {@code GET /get/<id>}, {@code /get/secret/<id>}: a grid's JSON for {@code BlockGrid.from_web()}. */
    public static final String GET_PREFIX = "/get/";
    /** {@code GET /embed/<id>}, {@code /embed/secret/<id>}: the only pages other sites may frame. */
    public static final String EMBED_PREFIX = "/embed/";
    /** {@code GET /preview/<id>.png}: the picture social sites show for a public grid. */
    public static final String PREVIEW_PREFIX = "/preview/";
    /** {@code GET /tile/<id>.png}: a public grid's small picture in the galleries ({@code ?scale=2} for 2× screens). */
    public static final String TILE_PREFIX = "/tile/";
    /** A grid's id in a path template: {@code {id}} limited to {@link GridIds#ID_REGEX}, so {@code /about} is never an id. */
    public static final String ID = "{id: " + GridIds.ID_REGEX + "}";

    /** A grid's picture ({@code /bizkiL.svg}, {@code /secret/<id>.png}, {@code /tile/bizkiL.png}): its page's path is group 1. */
    public static final Pattern GRID_PICTURE = Pattern.compile("(?:" + Pattern.quote(TILE_PREFIX.substring(0, TILE_PREFIX.length() - 1))
            + ")?(/(?:secret/)?" + GridIds.ID_REGEX + ")\\.(?:svg|png)");

    /** {@code /get/<id>} of a public grid: the id is group 1. */
    public static final Pattern GET_PUBLIC = Pattern.compile(Pattern.quote(GET_PREFIX) + "(" + GridIds.ID_REGEX + ")");

    private Routes() {
    }

    /** The API and oEmbed: their errors are JSON whatever the client accepts. */
    public static boolean answersJson(String path) {
        return path.equals(POST) || path.equals(DELETE) || path.equals(OEMBED) || path.startsWith(GET_PREFIX);
    }

    /**
     * What {@code OPTIONS} and a 405's {@code Allow} say a path takes: {@code POST} at the three addresses
     * that take a body ({@code /post}, {@code /delete}, {@code /report}), {@code GET} and {@code HEAD}
     * everywhere else; {@code OPTIONS} everywhere.
     */
    public static String allow(String path) {
        return takesBody(path) ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
    }

    /**
     * Names the route of a request that a Vert.x filter answers, for the HTTP metrics (the {@code uri} tag
     * of {@code http_server_requests_seconds}), the way Quarkus REST names each of its routes: by a
     * template, never by the raw path, so no client can add time series by making up paths.
     */
    public static void label(RoutingContext rc, String template) {
        ((HttpServerRequestInternal) rc.request()).context().putLocal("UrlPathTemplate", template);
    }

    /** The three addresses that take a body ({@code POST}): the ones another site's page must not make a browser send. */
    public static boolean takesBody(String path) {
        return path.equals(POST) || path.equals(DELETE) || path.equals(REPORT);
    }

    /**
     * The order of what runs around every request. Vert.x filters run highest priority first;
     * Vert.x routes lowest order first, all of these before Quarkus REST's routes.
     */
    public static final class Order {

        /** Refuses everything once SIGTERM came, before anything else does work. */
        public static final int SHUTDOWN_GATE_FILTER = 3000;
        /** Gives the request its id, which everything after it logs. */
        public static final int REQUEST_IDS_FILTER = 2000;
        /** After the request id is set. */
        public static final int ACCESS_LOG_FILTER = 1900;
        /** Closes the connection after a request whose body came chunked, before anything reads the body. */
        public static final int MESSAGE_FRAMING_FILTER = 1850;
        /** Before anything reads {@code Accept} or its kin ({@link AcceptHeaders}). */
        public static final int ACCEPT_HEADERS_FILTER = 1800;
        public static final int SECURITY_HEADERS_FILTER = 1000;
        /** Answers {@code OPTIONS} (after the security headers are arranged). */
        public static final int OPTIONS_FILTER = 950;
        /**
         * Refuses a {@code POST /post} declared over the limit, before Quarkus' own body-size check
         * (a route at order -2) could answer it with an empty 413.
         */
        public static final int POST_SIZE_FILTER = 900;

        /** Redirects trailing slashes away before any route sees the path. */
        public static final int TRAILING_SLASH_ROUTE = -100;
        /** Home and about, served as ready bytes ahead of Quarkus REST. */
        public static final int SITE_PAGES_ROUTE = -50;
        /** The static files this site knows ({@code site.StaticAssets}), ahead of Quarkus' own static handler. */
        public static final int STATIC_ASSETS_ROUTE = -40;
        /**
         * Answers a request that failed outside a resource (a bad {@code Host} that Vert.x refuses before any
         * filter, an error in a response filter) with the site's own page or JSON, ahead of Quarkus' default
         * error handler (the router's last failure handler).
         */
        public static final int FAILURE_ROUTE = -30;

        private Order() {
        }
    }
}
