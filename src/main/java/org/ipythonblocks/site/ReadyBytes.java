package org.ipythonblocks.site;

import java.nio.ByteBuffer;

import org.ipythonblocks.web.CachedResponses;
import org.ipythonblocks.web.RenderedOutput;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * An answer made once and written as it is to every request by a plain Vert.x route (the home and
 * about pages, the static files): plain and gzipped (compressed once), each form with its strong
 * ETag, and a 304 for a request that names it.
 *
 * <p>Each form is a {@link Buffer} over direct memory: {@code Buffer.buffer(byte[])} would copy the
 * bytes into a new heap buffer per request, and Netty would copy that again into a direct buffer for
 * the socket. Every write gets its own view of it ({@code Buffer.getByteBuf()} duplicates), so one
 * buffer serves all requests on all event loops; the garbage collector frees it once it is replaced.
 */
record ReadyBytes(RenderedOutput output, CharSequence type, Buffer plain, Buffer gzip, CharSequence etag, CharSequence gzipEtag) {

    private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

    static ReadyBytes of(RenderedOutput output) {
        byte[] gzip = output.gzip();
        return new ReadyBytes(output, HttpHeaders.createOptimized(output.mediaType()), direct(output.body()),
                gzip == null ? null : direct(gzip), HttpHeaders.createOptimized(output.etag()),
                gzip == null ? null : HttpHeaders.createOptimized(output.gzipEtag()));
    }

    /** Answers the request with these bytes (gzipped when the client accepts it) and this {@code Cache-Control}. */
    void serve(RoutingContext rc, CharSequence cacheControl) {
        boolean gzipped = gzip != null && CachedResponses.acceptsGzip(rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, type).putHeader(HttpHeaders.ETAG, gzipped ? gzipEtag : etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (gzip != null) {
            rc.response().putHeader(HttpHeaders.VARY, ACCEPT_ENCODING);
        }
        if (CachedResponses.matches(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), output)) {
            rc.response().setStatusCode(304).end();
        } else if (gzipped) {
            rc.response().putHeader(HttpHeaders.CONTENT_ENCODING, GZIP).end(gzip);
        } else {
            rc.response().end(plain);
        }
    }

    private static Buffer direct(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }
}
