package org.ipythonblocks.grid.post;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.grid.GridIds;
import org.ipythonblocks.grid.GridPost;
import org.ipythonblocks.grid.GridService;
import org.ipythonblocks.grid.GridTakedown;
import org.ipythonblocks.web.ProblemJson;
import org.ipythonblocks.web.ReasonPhrases;
import org.ipythonblocks.web.Routes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes in {@code POST /post}: refuses a body over the limit, lets large bodies in one at a time,
 * reads and validates the body ({@link GridPostReader}), then stores the grid with the hash of a
 * fresh delete token. The body is read and checked before any database work, so an invalid post
 * never holds a connection.
 */
@ApplicationScoped
public class PostIntake {

    /** Bodies above this size are read one at a time, so a few 640×480 grids cannot exhaust a small heap. */
    static final long LARGE_BODY_BYTES = 1 << 20;
    private final Semaphore largeBodies = new Semaphore(1, true);
    /** A refused body up to this size is read and dropped, so its client gets to read the 413; a bigger one is cut off. */
    static final long DRAINED_BYTES = 64L << 20;

    @Inject
    GridService grids;

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

    /** Fired once a grid is stored (committed): what lists or counts grids (the gallery, the home page) refreshes. */
    public record Stored(boolean secret) {
    }

    @Inject
    Event<Stored> stored;

    /** What {@code POST /post} answers: the share URL and the token that deletes the grid. */
    public record Posted(String url, String deleteToken) {
    }

    /**
     * A body declared over the limit is refused before a byte of it is read, whatever its size: our
     * JSON 413 from a Vert.x filter, because for a body over {@code quarkus.http.limits.max-body-size}
     * Quarkus' own check, a route ahead of every resource, would answer an empty 413. A body that
     * declares no length (chunked) is cut off by the reader at the limit, far below that check (64 MiB:
     * Vert.x counts what arrives, ahead of the reader). Either way no more than the limit is held in memory.
     */
    void register(@Observes Filters filters) {
        filters.register(this::refuseDeclaredTooLarge, Routes.Order.POST_SIZE_FILTER);
    }

    private void refuseDeclaredTooLarge(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        int limit = config.post().maxBodyBytes();
        if (declared == null || request.method() != HttpMethod.POST || !request.path().equals(Routes.POST)
                || !declaresMoreThan(declared, limit)) {
            rc.next();
            return;
        }
        PostRejectedException refusal = GridPostReader.tooLarge(limit, Long.parseLong(declared.trim()));
        ReasonPhrases.set(request, refusal.reasonPhrase());
        rc.response().setStatusCode(refusal.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (Long.parseLong(declared.trim()) <= DRAINED_BYTES) {
            // The notebook client sends its whole body before it reads the answer: read the rest and drop
            // it (nothing kept), or closing on it would reset the connection before the 413 is read.
            request.handler(ignored -> {
            }).resume();
        } else if (request.version() != HttpVersion.HTTP_2) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        }
        rc.response().end(ProblemJson.violationsText(refusal.status(), refusal.getMessage(), refusal.violations().stream()
                .map(v -> Map.entry(v.field(), v.message())).toList()));
    }

    private static boolean declaresMoreThan(String contentLength, int limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // not a length: Vert.x refuses the request itself
        }
    }

    /**
     * Reads, validates and stores a posted body; answers the grid's share URL.
     *
     * @param contentLength the declared length, or -1 when the request did not say
     */
    public Posted post(InputStream body, long contentLength) {
        int limit = config.post().maxBodyBytes();
        if (contentLength > limit) {
            throw GridPostReader.tooLarge(limit, contentLength);
        }
        boolean large = contentLength < 0 || contentLength > LARGE_BODY_BYTES;
        if (large && !acquire(largeBodies)) {
            throw new PostRejectedException(503, "The server is busy storing other large grids", List.of(
                    new PostRejectedException.Violation("(body)", "could not be read now; try again in a few seconds")),
                    "Site busy: storing other large grids, try again in a few seconds");
        }
        try {
            GridPost post = new GridPostReader(limit).read(body);
            String deleteToken = ids.newDeleteToken();
            Posted posted = new Posted(config.publicBaseUrl() + "/" + grids.store(post, GridTakedown.hash(deleteToken)), deleteToken);
            stored.fire(new Stored(post.secret()));
            return posted;
        } finally {
            if (large) {
                largeBodies.release();
            }
        }
    }

    private static boolean acquire(Semaphore semaphore) {
        try {
            return semaphore.tryAcquire(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
