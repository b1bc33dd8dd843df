package org.ipythonblocks.grid.post;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.Problem;
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
 * Takes in {@code POST /post}: refuses a body over the limit, reads and validates the body
 * ({@link GridPostReader}) within the room for bodies in flight, then stores the grid with the hash of
 * a fresh delete token, large grids one at a time. The body is read and checked before any database
 * work, so an invalid post never holds a connection.
 *
 * <p>What a post holds, and for how long:
 * <ul>
 * <li><b>room for its body</b> ({@code ipb.post.in-flight-bytes}, 16 MiB): its declared length (a
 * chunked body: the limit), taken only once its first byte has arrived, so a client that sends headers
 * and then nothing holds none. It is given back when the post is stored or refused, or when its client
 * stalls or leaves ({@code web.BodyDeadlines} ends the read then). A post that finds no room waits up to
 * 20 s, then gets 503. Room is counted in bytes, not bodies: a client sending slowly holds its own
 * size, not the one turn every large post needs.</li>
 * <li><b>the store</b>: posts over 1 MiB are stored one at a time (the JSON written to the database is
 * as large again as the grid), once their body is whole; storing never waits on a client.</li>
 * </ul>
 */
@ApplicationScoped
public class PostIntake {

    /** Bodies above this size are stored one at a time, so a few 640×480 grids cannot exhaust a small heap. */
    static final long LARGE_BODY_BYTES = 1 << 20;
    private final Semaphore largeStores = new Semaphore(1, true);
    /** Room for bodies in flight, in KiB: see the class comment. */
    private Semaphore inFlight;
    private int inFlightKib;
    /** A refused body up to this size is read and dropped, so its client gets to read the 413; a bigger one is cut off. */
    static final long DRAINED_BYTES = 64L << 20;
    /** The longest a post waits for room or for its turn to store before it gets 503. */
    static final long WAIT_SECONDS = 20;

    @Inject
    GridService grids;

    @Inject
    GridIds ids;

    @Inject
    IpbConfig config;

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
        Problem refusal = GridPostReader.tooLarge(limit, Long.parseLong(declared.trim()));
        ReasonPhrases.set(request, refusal.reasonPhrase().orElseThrow());
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

    @PostConstruct
    void init() {
        inFlightKib = (int) Math.min(Integer.MAX_VALUE, Math.max(config.post().inFlightBytes() >> 10, config.post().maxBodyBytes() >> 10) + 1);
        inFlight = new Semaphore(inFlightKib, true);
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
        PushbackInputStream arriving = new PushbackInputStream(body, 1);
        int room = firstByteArrived(arriving) ? (int) Math.min(inFlightKib, ((contentLength < 0 ? limit : contentLength) >> 10) + 1) : 0;
        if (!acquire(inFlight, room)) {
            throw busy("receiving", "could not be read now");
        }
        try {
            GridPost post = new GridPostReader(limit).read(arriving);
            boolean large = contentLength < 0 || contentLength > LARGE_BODY_BYTES;
            if (large && !acquire(largeStores, 1)) {
                throw busy("storing", "could not be stored now");
            }
            try {
                String deleteToken = ids.newDeleteToken();
                Posted posted = new Posted(config.publicBaseUrl() + "/" + grids.store(post, GridTakedown.hash(deleteToken)), deleteToken);
                return posted;
            } finally {
                if (large) {
                    largeStores.release();
                }
            }
        } finally {
            inFlight.release(room);
        }
    }

    /**
     * Waits for the body's first byte and puts it back. False when there is none (an empty body) or the
     * stream already failed: the reader then says what is wrong, and the post holds no room meanwhile.
     */
    private static boolean firstByteArrived(PushbackInputStream body) {
        try {
            int first = body.read();
            if (first < 0) {
                return false;
            }
            body.unread(first);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Problem busy(String doing, String what) {
        return new Problem(503, "The server is busy " + doing + " other large grids", List.of(
                new Problem.Violation("(body)", what + "; try again in a few seconds")),
                "Site busy: " + doing + " other large grids, try again in a few seconds");
    }

    private static boolean acquire(Semaphore semaphore, int permits) {
        try {
            return semaphore.tryAcquire(permits, WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
