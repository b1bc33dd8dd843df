package org.ipythonblocks.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ipythonblocks.Problem;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Request smuggling: a proxy in front and this server must agree where each request on a connection
 * ends. A request that says it both ways ({@code Content-Length} and {@code Transfer-Encoding}) or with
 * a transfer coding other than {@code chunked} is how they are made to disagree.
 *
 * <ul>
 * <li>Such a request, where both headers are still there to see, is refused: 400.</li>
 * <li>Netty, which parses requests under Vert.x, drops the {@code Content-Length} of an HTTP/1.1 request
 * that also says {@code Transfer-Encoding: chunked} before any code of ours runs, and reads the body as
 * chunked (RFC 9112, section 6.3 allows that). So every request with a chunked body is answered and
 * then its connection is closed, as that section requires: whatever followed the chunked body on the
 * connection (the smuggled request) is never read as a request.</li>
 * </ul>
 * The notebook client always sends a {@code Content-Length}, so it never meets either rule.
 */
@ApplicationScoped
public class MessageFraming {

    void register(@Observes Filters filters) {
        filters.register(MessageFraming::check, Routes.Order.MESSAGE_FRAMING_FILTER);
    }

    private static void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String transferEncoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (transferEncoding == null || request.version() == HttpVersion.HTTP_2) {
            rc.next();
            return;
        }
        rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        rc.addEndHandler(done -> request.connection().close());
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH) || !transferEncoding.trim().equalsIgnoreCase("chunked")) {
            rc.fail(400, new Problem("Bad request", "A request may say how long its body is one way: "
                    + "with Content-Length, or with Transfer-Encoding: chunked, never both nor any other transfer coding."));
            return;
        }
        rc.next();
    }
}
