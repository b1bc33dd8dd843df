package org.ipythonblocks.web;

import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The one place a {@link RenderedOutput} becomes an HTTP answer, for the Quarkus REST resources (a
 * grid's outputs, the gallery, the sitemaps: {@link #of}) and the plain Vert.x routes (the home and
 * about pages, the static files: {@code site.DirectOutput}, through {@link #answer}):
 * <ul>
 * <li>every answer carries a strong {@code ETag}, and a request whose {@code If-None-Match} names it
 * gets {@code 304 Not Modified} with no body;</li>
 * <li>text (HTML, JSON, SVG, CSS, XML) goes out gzipped when the client accepts gzip, from a copy
 * compressed once; the gzipped form has its own tag, as a different representation must, and every
 * answer of text that may have a gzip form ({@link RenderedOutput#compressible}), 200 or 304, plain or
 * gzipped, says {@code Vary: Accept-Encoding} so caches keep the two apart;</li>
 * <li>a grid never changes once posted, but it can be taken down, so a public grid's outputs may be
 * kept by anyone, a secret grid's only by the visitor's own browser, never by a shared cache; pages
 * for {@value #PAGE_SECONDS} s, pictures and JSON for {@value #DAY_SECONDS} s ({@link #cacheControl}),
 * so a takedown reaches every cache within them. Other outputs name their own {@code Cache-Control}.</li>
 * </ul>
 */
public final class OutputResponses {

    /** A page (HTML: the grid page, the embed) may be kept 10 minutes, so a takedown reaches every cache within them. */
    static final int PAGE_SECONDS = 600;
    /** Pictures and JSON a day: fetched again far less often, and a takedown still reaches them within a day. */
    static final int DAY_SECONDS = 86_400;

    private OutputResponses() {
    }

    /**
     * What to answer a request for an output with: 304 or the bytes, gzipped or not, the tag of the
     * form chosen, and whether to say {@code Vary: Accept-Encoding}.
     */
    public record Answer(boolean notModified, boolean gzip, String etag, boolean vary) {
    }

    /** The answer to a request with these {@code Accept-Encoding} and {@code If-None-Match} headers (either may be null). */
    public static Answer answer(RenderedOutput output, String acceptEncoding, String ifNoneMatch) {
        boolean gzip = output.compressible() && acceptsGzip(acceptEncoding) && output.gzip() != null;
        return new Answer(matches(ifNoneMatch, output), gzip, gzip ? output.gzipEtag() : output.etag(), output.compressible());
    }

    /** A grid's output, kept by browsers (and, when public, shared caches) as {@link #cacheControl} says. */
    public static Response of(RenderedOutput output, boolean secret, HttpHeaders request) {
        Response.ResponseBuilder response = builder(output, cacheControl(output, secret), request);
        if (secret) {
            response.header("Referrer-Policy", "no-referrer");
        }
        return response.build();
    }

    /** Any other output, with its own {@code Cache-Control}. */
    public static Response of(RenderedOutput output, String cacheControl, HttpHeaders request) {
        return builder(output, cacheControl, request).build();
    }

    private static Response.ResponseBuilder builder(RenderedOutput output, String cacheControl, HttpHeaders request) {
        Answer answer = answer(output, request.getHeaderString(HttpHeaders.ACCEPT_ENCODING),
                request.getHeaderString(HttpHeaders.IF_NONE_MATCH));
        Response.ResponseBuilder response = answer.notModified() ? Response.notModified()
                : Response.ok(answer.gzip() ? output.gzip() : output.body(), output.mediaType());
        if (answer.gzip() && !answer.notModified()) {
            response.header("Content-Encoding", "gzip");
        }
        response.header(HttpHeaders.ETAG, answer.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (answer.vary()) {
            response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        return response;
    }

    /**
     * How long a browser (and, for a public grid, a shared cache) may keep an output without asking
     * again: a grid never changes, but it can be taken down, which must reach caches in a bounded time.
     * After that, a revalidation with the ETag costs a 304 and no body.
     */
    static String cacheControl(RenderedOutput output, boolean secret) {
        int seconds = output.mediaType().startsWith("text/html") ? PAGE_SECONDS : DAY_SECONDS;
        return (secret ? "private" : "public") + ", max-age=" + seconds;
    }

    /**
     * Whether {@code If-None-Match} names either form of this output (weak comparison, as RFC 9110
     * asks for this header; {@code *} matches anything that exists).
     */
    static boolean matches(String ifNoneMatch, RenderedOutput output) {
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
    static boolean acceptsGzip(String acceptEncoding) {
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
