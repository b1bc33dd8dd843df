package org.ipythonblocks.web;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Every request gets an id, answered in {@code X-Request-Id} and written in its access-log line
 * ({@link AccessLog}) and in any error the request logs, so an error page,
 * a log line and a user's report can be matched. Heroku's router already sends an
 * {@code X-Request-Id}; a well-formed one is kept, so Heroku's router logs match ours too.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The header name pre-encoded once (Vert.x AsciiString), for the lookups every request makes. */
    static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._-]{8,200}");

    void register(@Observes Filters filters) {
        filters.register(RequestIds::assign, Routes.Order.REQUEST_IDS_FILTER);
    }

    private static void assign(RoutingContext rc) {
        String incoming = rc.request().getHeader(HEADER_NAME);
        String id = incoming != null && ACCEPTABLE.matcher(incoming).matches() ? incoming : newId();
        rc.response().putHeader(HEADER_NAME, id);
        rc.next();
    }

    /**
     * The id of the request being answered. A request that failed before the filter ran (Vert.x refuses
     * a bad {@code Host} before any filter) gets one here, answered in {@code X-Request-Id} like any other.
     */
    public static String of(HttpServerRequest request) {
        if (request == null) {
            return newId();
        }
        String id = request.response().headers().get(HEADER_NAME);
        if (id == null) {
            id = newId();
            if (!request.response().headWritten()) {
                request.response().putHeader(HEADER_NAME, id);
            }
        }
        return id;
    }

    /** 32 random hex digits, the first always 8 to f; written straight into one array (no intermediate strings). */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[32];
        for (int half = 0; half < 2; half++) {
            long bits = random.nextLong() | Long.MIN_VALUE;
            for (int i = 15; i >= 0; i--) {
                id[half * 16 + i] = HEX[(int) bits & 0xf];
                bits >>>= 4;
            }
        }
        return new String(id, StandardCharsets.ISO_8859_1);
    }
}
