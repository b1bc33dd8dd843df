package org.ipythonblocks.site;

import java.nio.ByteBuffer;

import org.ipythonblocks.web.OutputResponses;
import org.ipythonblocks.web.RenderedOutput;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * An output written as it is to every request by a plain Vert.x route (the home and about pages, the
 * static files): the {@link RenderedOutput} with each of its forms, plain and gzipped (compressed
 * once, here), ready in direct memory. What to answer (304 or which form, the ETag, {@code Vary})
 * {@link OutputResponses#answer} decides, as it does for every other output.
 *
 * <p>Each form is a {@link Buffer} over direct memory: {@code Buffer.buffer(byte[])} would copy the
 * bytes into a new heap buffer per request, and Netty would copy that again into a direct buffer for
 * the socket. Every write gets its own view of it ({@code Buffer.getByteBuf()} duplicates), so one
 * buffer serves all requests on all event loops; the garbage collector frees it once it is replaced.
 */
record DirectOutput(RenderedOutput output, CharSequence type, Buffer plain, Buffer gzip) {

    private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

    static DirectOutput of(RenderedOutput output) {
        byte[] gzip = output.gzip();
        return new DirectOutput(output, HttpHeaders.createOptimized(output.mediaType()), direct(output.body()),
                gzip == null ? null : direct(gzip));
    }

    /** Answers the request with these bytes (gzipped when the client accepts it) and this {@code Cache-Control}. */
    void serve(RoutingContext rc, CharSequence cacheControl) {
        OutputResponses.Answer answer = OutputResponses.answer(output, rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING),
                rc.request().getHeader(HttpHeaders.IF_NONE_MATCH));
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, type).putHeader(HttpHeaders.ETAG, answer.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (answer.vary()) {
            rc.response().putHeader(HttpHeaders.VARY, ACCEPT_ENCODING);
        }
        if (answer.notModified()) {
            rc.response().setStatusCode(304).end();
        } else if (answer.gzip()) {
            rc.response().putHeader(HttpHeaders.CONTENT_ENCODING, GZIP).end(gzip);
        } else {
            rc.response().end(plain);
        }
    }

    private static Buffer direct(byte[] bytes) {
        return Buffer.buffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }
}
