package org.ipythonblocks.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered answer (a grid's page, JSON, PNG, SVG, embed or preview; the home and about pages),
 * made once and served many times: the bytes, their gzip form for text, and a strong {@code ETag} for each form, derived from
 * the bytes, so the same output gets the same tag on every dyno and after every restart.
 *
 * <p>The gzip form is made the first time a client that accepts gzip asks for it, then kept: clients
 * that never ask (the notebook's older clients, load tests) cost no compression at all.
 */
public final class RenderedOutput {

    /** Text smaller than this is sent as it is: gzip would save less than its own headers. */
    static final int GZIP_MIN_BYTES = 512;
    private static final byte[] NOT_WORTH_IT = new byte[0];

    private final byte[] body;
    private final String etag;
    private final String gzipEtag;
    private final String mediaType;
    private volatile byte[] gzip;

    private RenderedOutput(byte[] body, String mediaType, boolean compressible) {
        this.body = body;
        this.mediaType = mediaType;
        String tag = tag(body);
        this.etag = "\"" + tag + "\"";
        boolean worthIt = compressible && body.length >= GZIP_MIN_BYTES;
        this.gzipEtag = worthIt ? "\"" + tag + "-gz\"" : null;
        this.gzip = worthIt ? null : NOT_WORTH_IT;
    }

    /** The media type of every page the site renders. */
    public static final String HTML = "text/html;charset=UTF-8";

    /** A rendered page. */
    public static RenderedOutput html(String page) {
        return text(page.getBytes(StandardCharsets.UTF_8), HTML);
    }

    /** HTML, JSON, SVG: offered gzipped to clients that accept it. */
    public static RenderedOutput text(byte[] body, String mediaType) {
        return new RenderedOutput(body, mediaType, true);
    }

    /** Already compressed (PNG): no gzip form. */
    public static RenderedOutput binary(byte[] body, String mediaType) {
        return new RenderedOutput(body, mediaType, false);
    }

    public byte[] body() {
        return body;
    }

    public String etag() {
        return etag;
    }

    /** The gzip form's tag, or null when there is no gzip form. */
    public String gzipEtag() {
        return gzipEtag;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether a gzip form may exist, so that answers must say {@code Vary: Accept-Encoding}. */
    public boolean compressible() {
        return gzipEtag != null;
    }

    /** The gzipped bytes, made on the first call; null when gzip would not pay. */
    public byte[] gzip() {
        byte[] made = gzip;
        if (made == null) {
            made = compress(body); // two threads may both compress once; either result is right
            if (made.length >= body.length * 9L / 10) {
                made = NOT_WORTH_IT;
            }
            gzip = made;
        }
        return made.length == 0 ? null : made;
    }

    /**
     * Bytes held in memory, for the output cache's budget: text reserves an eighth more for its gzip
     * form (grid pages and JSON gzip to 5–12 % of their size: rows of near-identical table cells).
     */
    public long weight() {
        return body.length + (compressible() ? body.length / 8 : 0) + 160L;
    }

    /**
     * CRC-32C, CRC-32 and the length (96 bits, base64url). A tag only has to change when the bytes do
     * and both checksums run on the CPU's CRC instructions even in the web dyno's C1-only JIT: a
     * 323 KB page takes microseconds, where SHA-256 took 2 ms per render there.
     */
    private static String tag(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body);
        CRC32 d = new CRC32();
        d.update(body);
        ByteBuffer bits = ByteBuffer.allocate(12).putInt((int) c.getValue()).putInt((int) d.getValue()).putInt(body.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits.array());
    }

    private static byte[] compress(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
