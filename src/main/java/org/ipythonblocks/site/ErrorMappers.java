package org.ipythonblocks.site;

import java.io.IOException;
import java.util.List;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ipythonblocks.Problem;
import org.ipythonblocks.grid.GridData;
import org.ipythonblocks.grid.GridGoneException;
import org.ipythonblocks.web.AcceptHeaders;
import org.ipythonblocks.web.ProblemJson;
import org.ipythonblocks.web.ReasonPhrases;
import org.ipythonblocks.web.RequestIds;
import org.ipythonblocks.web.Routes;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every error the site answers, in one place: JSON ({@link ProblemJson}) for the paths that always
 * answer JSON ({@link Routes#answersJson}) and for clients that ask for JSON, a page for browsers. Never a stack trace; unexpected errors are
 * logged with a short request id that the answer shows too.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notFound(String path, GridData grid, List<String> code);

        static native TemplateInstance error(String requestId);

        static native TemplateInstance unavailable(String requestId);

        static native TemplateInstance gone(String path, String reason);

        static native TemplateInstance invalid(String title, String detail, String gridPage, String gridPng);
    }

    /**
     * Every {@link Problem}, in one place: the problem named, as JSON (its detail, or every violation of
     * a refused body) or as a page (a gone grid's own page, or the generic one); its reason phrase on
     * the status line when it has one.
     */
    @ServerExceptionMapper
    public Response problem(Problem e, UriInfo uri, HttpHeaders headers, HttpServerRequest request) {
        e.reasonPhrase().ifPresent(reason -> ReasonPhrases.set(request, reason));
        if (wantsJson(uri.getPath(), accept(headers))) {
            return retryLaterIfBusy(e, e.violations().isEmpty() ? ProblemJson.response(e.status(), e.title(), e.detail())
                    : ProblemJson.violations(e.status(), e.title(), e.violations()));
        }
        if (e instanceof GridGoneException gone) {
            return page(410, Templates.gone(uri.getPath(), gone.reason().words));
        }
        java.util.regex.Matcher picture = Routes.GRID_PICTURE.matcher(uri.getPath());
        boolean ofGrid = picture.matches();
        return retryLaterIfBusy(e, page(e.status(), Templates.invalid(e.title(), e.getMessage(), ofGrid ? picture.group(1) : null,
                ofGrid ? picture.group(1) + ".png" : null)));
    }

    /** A 503 problem says when to come back, on the page as in the JSON. */
    private static Response retryLaterIfBusy(Problem e, Response response) {
        if (e.status() == 503) {
            response.getHeaders().add("Retry-After", "5");
        }
        return response;
    }

    /**
     * A grid, sitemap or page that is not there. The resource's own words when a resource said so; when
     * no route matched at all, ours ("Nothing is at …"), never the framework's.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, HttpHeaders headers, HttpServerRequest request, SimpleResourceInfo resource) {
        String path = uri.getPath();
        if (wantsJson(path, accept(headers))) {
            ReasonPhrases.set(request, notFoundReason(path));
            return ProblemJson.response(404, "Not found", resource.getMethodName() != null && e.getMessage() != null
                    ? e.getMessage() : "Nothing is at " + path);
        }
        return page(404, Templates.notFound(path, SiteGrids.NOT_FOUND, SiteGrids.NOT_FOUND_CODE));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers, HttpServerRequest request) {
        if (e instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            // what Quarkus REST decided before any resource ran (405, 406, 415, a header it could not read)
            Refusal refusal = Refusal.of(wae.getResponse().getStatus(), uri.getPath(), request.method().name(),
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            Response answer = answer(refusal, uri.getPath(), accept(headers), request);
            if (e instanceof NotAllowedException) {
                answer.getHeaders().putSingle(HttpHeaders.ALLOW, Routes.allow(uri.getPath()));
            }
            return answer;
        }
        String requestId = RequestIds.of(request);
        if (e instanceof IOException) {
            // only a request's body is read from a stream here: its client closed the connection mid-body
            LOG.debugf("request %s: %s %s: the body could not be read: %s", requestId, request.method(), uri.getPath(), e.getMessage());
            return answer(Refusal.BODY_NOT_READ, uri.getPath(), accept(headers), request);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable(e, requestId, uri.getPath(), headers, request);
        }
        LOG.errorf(e, "request %s: %s %s failed", requestId, request == null ? "" : request.method(), uri.getPath());
        return serverError(requestId, uri.getPath(), accept(headers), request);
    }

    /** 500: the request id, which the log line shows too, and nothing of the error itself. */
    static Response serverError(String requestId, String path, String accept, HttpServerRequest request) {
        if (wantsJson(path, accept)) {
            ReasonPhrases.set(request, "Internal error on our side, logged as request " + requestId + "; nothing was changed");
            return ProblemJson.response(500, "Internal error", "Something went wrong on our side; it has been logged as request "
                    + requestId + ". Nothing was changed.");
        }
        return page(500, Templates.error(requestId));
    }

    /**
     * A request refused before any resource ran, in the site's words: JSON with the reason phrase where
     * JSON is answered, the "invalid" page elsewhere.
     */
    static Response answer(Refusal refusal, String path, String accept, HttpServerRequest request) {
        ReasonPhrases.set(request, refusal.reason());
        if (wantsJson(path, accept)) {
            return ProblemJson.response(refusal.status(), refusal.title(), refusal.detail());
        }
        return page(refusal.status(), Templates.invalid(refusal.title(), refusal.detail(), null, null));
    }

    /**
     * A status the framework decided, in our words (never its own: "Unable to find matching target
     * resource method", "HTTP 415 Unsupported Media Type"), for the JSON body, the page and the reason phrase.
     */
    record Refusal(int status, String title, String detail, String reason) {

        /** Vert.x refuses a request whose {@code Host} is missing or not a host name before any filter runs. */
        static final Refusal NO_HOST = new Refusal(400, "Bad request", "The Host header is missing or is not a host name.",
                "Bad request: the Host header is missing or is not a host name");

        /** The connection broke while the request's body was read (the client left). */
        static final Refusal BODY_NOT_READ = new Refusal(400, "Bad request", "The request's body could not be read completely.",
                "Bad request: the body could not be read completely");

        static Refusal of(int status, String path, String method, String contentType) {
            return switch (status) {
                case 400 -> new Refusal(400, "Bad request", "This request is not well formed, so it was not answered.",
                        "Bad request: the request is not well formed");
                case 404 -> new Refusal(404, "Not found", "Nothing is at " + path, notFoundReason(path));
                case 405 -> {
                    String takes = Routes.allow(path).replace(", OPTIONS", "").replace(", ", " and ");
                    String detail = path + " takes " + takes + ", not " + Problem.shown(method, 20) + ".";
                    yield new Refusal(405, "Method not allowed", detail, "Method not allowed: " + detail);
                }
                case 406 -> new Refusal(406, "Not acceptable", path + " cannot answer in any type the Accept header asks for.",
                        "Not acceptable: no type the Accept header asks for");
                case 413 -> new Refusal(413, "Too large", "The request is larger than this site takes.", "Request too large");
                case 415 -> new Refusal(415, "Unsupported media type", path + " does not take a body of type \""
                        + Problem.shown(contentType == null ? "" : contentType, 60) + "\".",
                        "Unsupported media type: " + path + " does not take this Content-Type");
                default -> new Refusal(status, "Request refused", "This request cannot be answered (status " + status + ").",
                        "Request refused");
            };
        }
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8").entity(page).build();
    }

    private static String accept(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.ACCEPT);
    }

    /** The database is down or too slow: 503 with Retry-After, a short log line, no stack trace. */
    Response unavailable(Throwable e, String requestId, String path, HttpHeaders headers, HttpServerRequest request) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("request %s: %s answered 503, the database is unavailable: %s", requestId, path, root.toString());
        ReasonPhrases.set(request, "Site busy: the grid store is not answering, try again in " + RETRY_AFTER_SECONDS + " seconds");
        Response.ResponseBuilder response = wantsJson(path, accept(headers))
                ? Response.fromResponse(ProblemJson.response(503, "Service Unavailable", "The grid store is not answering just now; "
                        + "try again in a few seconds (request " + requestId + ")."))
                : Response.status(503).type(MediaType.TEXT_HTML_TYPE + ";charset=UTF-8").entity(Templates.unavailable(requestId));
        return response.header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    static final String RETRY_AFTER_SECONDS = "10";

    /**
     * What a notebook shows for a miss: {@code from_web(id)} of a secret grid's id is the usual mistake,
     * so a miss on the public route suggests {@code secret=True}, the same words whether or not such a
     * secret grid exists (the public route never looks). The id is quoted only when it is a plain id of
     * a sensible length (the route's pattern: letters, digits, underscore).
     */
    static String notFoundReason(String path) {
        if (path.startsWith(Routes.GET_PREFIX + "secret/")) {
            return "No secret grid has this id: check that the whole id was copied";
        }
        java.util.regex.Matcher id = Routes.GET_PUBLIC.matcher(path);
        if (id.matches()) {
            String quoted = id.group(1).length() <= 32 ? "'" + id.group(1) + "'" : "id";
            return "No public grid has this id; if it is a secret grid, load it with from_web(" + quoted + ", secret=True)";
        }
        if (path.startsWith(Routes.GET_PREFIX)) {
            return "No grid has this id: a grid id is 6 or more letters and digits";
        }
        return "Not Found: nothing is at this address";
    }

    /** JSON for the paths that always answer JSON ({@link Routes#answersJson}) and for clients that prefer it; a page otherwise. */
    static boolean wantsJson(String path, String accept) {
        return Routes.answersJson(path) || AcceptHeaders.prefersJson(accept);
    }
}
