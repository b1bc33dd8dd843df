package org.ipythonblocks.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.UriInfo;

import org.ipythonblocks.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses what another site's page makes a visitor's browser send to {@code /post}, {@code /delete} or
 * {@code /report} (a form or a {@code fetch} with {@code text/plain}, which needs no CORS permission):
 * 403 in words, JSON for the API and a page for the report form, before the rate limit or the body is
 * touched. A browser says where a request comes from in its fetch metadata:
 * <ul>
 * <li>{@code Sec-Fetch-Site: cross-site} is refused; {@code same-site} (a sibling host) too, unless its
 * {@code Origin} is this site's ({@link SiteOrigin#isOurs});</li>
 * <li>without {@code Sec-Fetch-Site} (older browsers), an {@code Origin} that is not this site's is refused.</li>
 * </ul>
 * A request with neither header is no browser's cross-site request, and is taken: the notebook client
 * sends neither, nor do curl and scripts. The site's own report form is {@code same-origin}.
 */
public class CrossSiteRequests {

    private static final Logger LOG = Logger.getLogger(CrossSiteRequests.class);

    @Inject
    SiteOrigin site;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void refuse(UriInfo uri, HttpServerRequest request) {
        String path = uri.getPath();
        if (!Routes.takesBody(path) || !request.method().name().equals("POST")) {
            return;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        boolean ourOrigin = origin != null && site.isOurs(origin, request);
        boolean refused;
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            refused = true;
        } else if ("same-site".equalsIgnoreCase(fetchSite)) {
            refused = !ourOrigin;
        } else if ("same-origin".equalsIgnoreCase(fetchSite) || "none".equalsIgnoreCase(fetchSite)) {
            refused = false;
        } else {
            refused = origin != null && !ourOrigin;
        }
        if (!refused) {
            return;
        }
        String from = origin != null ? "Origin " + Problem.shown(origin, 60)
                : "Sec-Fetch-Site " + Problem.shown(fetchSite, 20);
        LOG.debugf("cross-site %s refused (%s)", path, from);
        ReasonPhrases.set(request, "Refused: sent from another site's page (" + from + ")");
        throw new Problem(403, "Sent from another site",
                "This request came from another site's page (" + from + "), so it was refused and nothing was changed. "
                        + what(path) + " only from this site's own pages or from a program such as the notebook client.");
    }

    private static String what(String path) {
        return switch (path) {
            case Routes.POST -> "Grids are posted";
            case Routes.DELETE -> "Grids are deleted";
            default -> "Grids are reported";
        };
    }
}
