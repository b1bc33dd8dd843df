package org.ipythonblocks.site;

import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.ipythonblocks.Problem;
import org.ipythonblocks.web.AccessLog;
import org.ipythonblocks.web.ProblemJson;
import org.ipythonblocks.web.ReasonPhrases;
import org.ipythonblocks.web.RequestIds;
import org.ipythonblocks.web.Routes;
import org.ipythonblocks.web.SecurityHeaders;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers what fails outside a resource, where {@link ErrorMappers} cannot: Vert.x refuses a request
 * whose {@code Host} is missing or not a host name (400) before any filter runs, and an exception in a
 * response filter ends a request outside the mappers. Quarkus' own handler would answer those with its
 * default page, an error id of its own and an ERROR with a stack trace, a 400 included. A Vert.x
 * filter of ours that refuses a request fails it with an {@link Problem}, answered here.
 *
 * <p>Here they get the site's page or JSON, the same words as the mappers ({@link ErrorMappers.Refusal}),
 * the request's {@code X-Request-Id} and its access-log line. A client's mistake logs nothing more
 * (one DEBUG line with the cause); a 503 (every worker thread busy) one WARN line; a 500 an ERROR with
 * its stack trace and request id.
 */
@ApplicationScoped
public class RouteFailures {

    private static final Logger LOG = Logger.getLogger(RouteFailures.class);

    @Inject
    AccessLog accessLog;

    void register(@Observes Router router) {
        router.route().order(Routes.Order.FAILURE_ROUTE).failureHandler(this::answer);
    }

    void answer(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        Throwable failure = rc.failure();
        if (response.ended() || response.closed() || failure instanceof IOException) {
            // the client left, or there is nothing more to say: Quarkus logs such a failure at DEBUG too
            LOG.debugf("%s %s failed after its answer began: %s", request.method(), request.path(), failure);
            if (!response.ended() && !response.closed()) {
                request.connection().close();
            }
            return;
        }
        if (!response.headers().contains(RequestIds.HEADER)) {
            // failed before the filters ran: give it what they give every request
            accessLog.begin(rc);
            SecurityHeaders.arrange(rc);
        }
        String requestId = RequestIds.of(request);
        if (response.headWritten()) {
            LOG.errorf(failure, "request %s: %s %s failed after its answer began", requestId, request.method(), request.path());
            request.connection().close();
            return;
        }
        int status = status(rc);
        String path = request.path() == null ? "" : request.path();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean json = ErrorMappers.wantsJson(path, accept);
        String body;
        if (status == 503) {
            LOG.warnf("request %s: %s %s answered 503, every worker thread is busy", requestId, request.method(), path);
            ReasonPhrases.set(request, "Site busy: try again in a few seconds");
            body = json ? ProblemJson.text(503, "Service Unavailable", "The site is busy just now; try again in a few seconds (request "
                    + requestId + ").") : ErrorMappers.Templates.unavailable(requestId).render();
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        } else if (status >= 500) {
            LOG.errorf(failure, "request %s: %s %s failed", requestId, request.method(), path);
            ReasonPhrases.set(request, "Internal error on our side, logged as request " + requestId + "; nothing was changed");
            body = json ? ProblemJson.text(status, "Internal error", "Something went wrong on our side; it has been logged as request "
                    + requestId + ". Nothing was changed.") : ErrorMappers.Templates.error(requestId).render();
        } else {
            LOG.debugf("request %s: %s %s refused with %d: %s", requestId, request.method(), path, status, failure);
            ErrorMappers.Refusal refusal = failure instanceof Problem invalid
                    ? new ErrorMappers.Refusal(status, invalid.title(), invalid.getMessage(), invalid.title() + ": " + invalid.getMessage())
                    : status == 400 && request.authority() == null ? ErrorMappers.Refusal.NO_HOST
                    : ErrorMappers.Refusal.of(status, path, request.method().name(), request.getHeader(HttpHeaders.CONTENT_TYPE));
            ReasonPhrases.set(request, refusal.reason());
            body = json ? ProblemJson.text(status, refusal.title(), refusal.detail())
                    : ErrorMappers.Templates.invalid(refusal.title(), refusal.detail(), null, null).render();
            if (status == 405) {
                response.putHeader(HttpHeaders.ALLOW, Routes.allow(path));
            }
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, json ? "application/json" : "text/html;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body);
    }

    /** The status Vert.x or Quarkus failed the request with; 500 for an exception that names none. */
    static int status(RoutingContext rc) {
        if (rc.statusCode() >= 400) {
            return rc.statusCode();
        }
        Throwable failure = rc.failure();
        if (failure instanceof WebApplicationException wae && wae.getResponse().getStatus() >= 400) {
            return wae.getResponse().getStatus();
        }
        if (failure instanceof RejectedExecutionException) {
            return 503; // every worker thread busy, as Quarkus' own handler answers it
        }
        return 500;
    }
}
