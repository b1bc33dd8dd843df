package org.ipythonblocks.web;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * HTTP caching for everything derived from a grid. A grid never changes once posted, but it can be
 * taken down, so:
 * <ul>
 * <li>a public grid's outputs may be kept by anyone, a secret grid's only by the visitor's own
 * browser, never by a shared cache; pages for {@value #PAGE_SECONDS} s, pictures and JSON for
 * {@value #DAY_SECONDS} s ({@link #cacheControl}), so a takedown reaches every cache within them;</li>
 * <li>every answer carries a strong {@code ETag}, and a request whose {@code If-None-Match} names it
 * gets {@code 304 Not Modified} with no body;</li>
 * <li>text (HTML, JSON, SVG) goes out gzipped when the client accepts gzip, from a copy compressed
 * once, when the first such client asked; the gzipped form has its own tag, as a different
 * representation must, and {@code Vary: Accept-Encoding} tells caches to keep the two apart.</li>
 * </ul>
 */
public final class CachedResponses {

    /** A page (HTML: the grid page, the embed) may be kept 10 minutes, so a takedown reaches every cache within them. */
    static final int PAGE_SECONDS = 600;
    /** Pictures and JSON a day: fetched again far less often, and a takedown still reaches them within a day. */
    static final int DAY_SECONDS = 86_400;

    private CachedResponses() {
    }

    public static Response of(RenderedOutput output, boolean secret, HttpHeaders request) {
        boolean gzip = output.compressible() && acceptsGzip(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING))
                && output.gzip() != null;
        String etag = gzip ? output.gzipEtag() : output.etag();
        boolean unchanged = matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), output);
        Response.ResponseBuilder response = unchanged ? Response.notModified()
                : Response.ok(gzip ? output.gzip() : output.body(), output.mediaType());
        if (gzip && !unchanged) {
            response.header("Content-Encoding", "gzip");
        }
        response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl(output, secret));
        if (output.compressible()) {
            response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (secret) {
            response.header("Referrer-Policy", "no-referrer");
        }
        return response.build();
    }

    /**
     * How long a browser (and, for a public grid, a shared cache) may keep an output without asking
     * again: a grid never changes, but it can be taken down, which must reach caches in a bounded time.
     * After that, a revalidation with the ETag costs a 304 and no body.
     */
    public static String cacheControl(RenderedOutput output, boolean secret) {
        int seconds = output.mediaType().startsWith("text/html") ? PAGE_SECONDS : DAY_SECONDS;
        return (secret ? "private" : "public") + ", max-age=" + seconds;
    }

    /**
     * Whether {@code If-None-Match} names either form of this output (weak comparison, as RFC 9110
     * asks for this header; {@code *} matches anything that exists).
     */
    public static boolean matches(String ifNoneMatch, RenderedOutput output) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(output.etag()) || tag.equals(output.gzipEtag())) { // gzipEtag may be null: equals says false
                return true;
            }
        }
        return false;
    }

    /** Whether {@code Accept-Encoding} allows gzip: named (or {@code *}) without {@code q=0}. */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean starAllows = false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim();
            boolean allowed = true;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        allowed = Double.parseDouble(param.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        allowed = false;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return allowed;
            }
            if (coding.equals("*")) {
                starAllows = allowed;
            }
        }
        return starAllows;
    }
}
