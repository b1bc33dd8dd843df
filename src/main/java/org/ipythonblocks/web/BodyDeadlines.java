package org.ipythonblocks.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.ipythonblocks.IpbConfig;
import org.ipythonblocks.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request body arrives in bounded time, or the request gets 408 and lets go of what it holds.
 *
 * <p>A resource reads its body as a blocking {@code InputStream} on a worker thread. Quarkus' own
 * bound is {@code quarkus.http.read-timeout}: one read that waits that long fails and the connection
 * is closed, with no answer, however long the body has been trickling in before. Here each body's
 * stream is watched instead, and only the time its reads spend waiting for the client counts (not
 * the time the site spends parsing or waiting for room to hold it):
 *
 * <ul>
 * <li><b>a pause</b>: one read waiting longer than {@code ipb.bodies.stall} (10 s);</li>
 * <li><b>a trickle</b>: the waiting adding up to more than the stall plus one second per
 * {@code ipb.bodies.min-bytes-per-second} (16 KiB) received, so an 8 MiB post may take
 * 10 s + 512 s at the slowest, and one byte every 9 s is cut off after 10 s.</li>
 * </ul>
 * A watchdog on the event loop checks the reads every quarter of a second and interrupts the one that
 * ran out; the stream then throws {@link Problem} (408, named in words and in the
 * reason phrase), which the error mappers answer, and the connection is closed once the answer is out
 * (the rest of the body is never read). {@code quarkus.http.read-timeout} stays above the stall, as
 * a backstop for any read outside these streams.
 */
@ApplicationScoped
public class BodyDeadlines {

    private static final Logger LOG = Logger.getLogger(BodyDeadlines.class);
    static final long CHECK_EVERY_MILLIS = 250;

    @Inject
    IpbConfig config;

    @Inject
    Vertx vertx;

    private final Set<Watched> reading = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();

    /** Puts the watch on the body of every {@code POST}, before the resource reads it. */
    @ServerRequestFilter
    public void watch(ContainerRequestContext context, RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST || request.isEnded()) {
            return;
        }
        Watched watched = new Watched(context.getEntityStream(), request, config.bodies().stall().toNanos(),
                config.bodies().minBytesPerSecond());
        context.setEntityStream(watched);
        reading.add(watched);
        if (watching.compareAndSet(false, true)) { // from the first body on (the admin commands never take one)
            vertx.setPeriodic(CHECK_EVERY_MILLIS, id -> {
                long now = System.nanoTime();
                reading.forEach(each -> each.check(now));
            });
        }
        rc.addEndHandler(done -> {
            reading.remove(watched);
            if (watched.expired() && request.version() != HttpVersion.HTTP_2) {
                request.connection().close(); // the rest of the body is not read: this connection cannot carry another request
            }
        });
    }

    /** A body's stream that times its reads. */
    static final class Watched extends InputStream {

        private final InputStream in;
        private final HttpServerRequest request;
        private final long stallNanos;
        private final int minBytesPerSecond;
        private long received;
        /** The time reads spent waiting for the client, finished reads only. */
        private long waitedNanos;
        private Thread reader;
        private long readSince;
        private Problem expired;

        Watched(InputStream in, HttpServerRequest request, long stallNanos, int minBytesPerSecond) {
            this.in = in;
            this.request = request;
            this.stallNanos = stallNanos;
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            synchronized (this) {
                if (expired == null && waitedNanos > allowance()) {
                    expire(tooSlow(waitedNanos));
                }
                if (expired != null) {
                    throw expired;
                }
                reader = Thread.currentThread();
                readSince = System.nanoTime();
            }
            try {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    synchronized (this) {
                        received += n;
                    }
                }
                return n;
            } catch (InterruptedIOException e) {
                synchronized (this) {
                    if (expired != null) {
                        throw expired;
                    }
                }
                throw e;
            } finally {
                synchronized (this) {
                    waitedNanos += System.nanoTime() - readSince;
                    reader = null;
                    if (expired != null) {
                        Thread.interrupted(); // ours, and it is answered: the worker thread goes back clean
                    }
                }
            }
        }

        /** The watchdog: ends a read that waited too long, for a pause or in all. */
        synchronized void check(long now) {
            if (reader == null || expired != null) {
                return;
            }
            long waiting = now - readSince;
            if (waiting > stallNanos) {
                expire(stalled());
            } else if (waitedNanos + waiting > allowance()) {
                expire(tooSlow(waitedNanos + waiting));
            } else {
                return;
            }
            reader.interrupt();
        }

        synchronized boolean expired() {
            return expired != null;
        }

        /** The stall, and one more second per {@code minBytesPerSecond} received. */
        private long allowance() {
            return stallNanos + TimeUnit.SECONDS.toNanos(received) / minBytesPerSecond;
        }

        private void expire(Problem why) {
            expired = why;
            LOG.debugf("%s %s: %s", request.method(), request.path(), why.getMessage());
        }

        private Problem stalled() {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(stallNanos);
            ReasonPhrases.set(request, "Request timeout: no byte of the body came for " + seconds + " s, after "
                    + received + of() + " bytes");
            return new Problem(408, "Request timeout", "No byte of the request's body arrived for " + seconds
                    + " seconds, after " + received + of() + " bytes, so the request was given up.");
        }

        private Problem tooSlow(long waited) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waited));
            String needed = ReasonPhrases.size(minBytesPerSecond) + "/s";
            ReasonPhrases.set(request, "Request timeout: " + received + of() + " bytes came in " + seconds
                    + " s, a body must come at " + needed + " or faster");
            return new Problem(408, "Request timeout", "The request's body came too slowly: " + received + of()
                    + " bytes in " + seconds + " seconds; a body must come at " + needed
                    + " or faster on average, so the request was given up.");
        }

        /** " of 3000000 bytes" when the length was declared. */
        private String of() {
            String declared = request.getHeader("Content-Length");
            return declared == null ? "" : " of " + declared.trim();
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        /** Closing an expired body reads nothing more of it (Quarkus' stream would read it to the end). */
        @Override
        public void close() throws IOException {
            if (!expired()) {
                in.close();
            }
        }
    }
}
