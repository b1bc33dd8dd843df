package org.ipythonblocks.web;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * HTTP caching for everything derived from a grid. A grid never changes once posted, so:
 * <ul>
 * <li>a public grid's outputs may be kept by anyone for a year without asking again
 * ({@value #PUBLIC}); a secret grid's only by the visitor's own browser ({@value #PRIVATE}), never
 * by a shared cache;</li>
 * <li>every answer carries a strong {@code ETag}, and a request whose {@code If-None-Match} names it
 * gets {@code 304 Not Modified} with no body;</li>
 * <li>text (HTML, JSON, SVG) goes out gzipped when the client accepts gzip, from a copy compressed
 * once, when the first such client asked; the gzipped form has its own tag, as a different
 * representation must, and {@code Vary: Accept-Encoding} tells caches to keep the two apart.</li>
 * </ul>
 */
public final class CachedResponses {

    static final String PUBLIC = "public, max-age=31536000, immutable";
    static final String PRIVATE = "private, max-age=31536000, immutable";

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
        response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, secret ? PRIVATE : PUBLIC);
        if (output.compressible()) {
            response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (secret) {
            response.header("Referrer-Policy", "no-referrer");
        }
        return response.build();
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
