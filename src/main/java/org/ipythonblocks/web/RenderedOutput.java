package org.ipythonblocks.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered answer (a grid's page, JSON, PNG, SVG, embed or preview; the home and about pages),
 * made once and served many times: the bytes, their gzip form for text, and a strong {@code ETag} for each form, derived from
 * the bytes, so the same output gets the same tag on every dyno and after every restart.
 *
 * <p>The gzip form is made the first time a client that accepts gzip asks for it, then kept: clients
 * that never ask (the notebook's older clients, load tests) cost no compression at all. It is kept
 * only when it is at most {@value #GZIP_KEPT_FRACTION_PERCENT} % of the body (grid pages and JSON
 * gzip to 5–12 %: rows of near-identical cells); a body that compresses worse is sent as it is. So
 * the memory an output will ever hold is known when a cache weighs it ({@link #weight}), however
 * late its gzip form is made.
 */
public final class RenderedOutput {

    /** Text smaller than this is sent as it is: gzip would save less than its own headers. */
    static final int GZIP_MIN_BYTES = 512;
    /** The largest gzip form kept, as a share of the body, in percent. */
    static final int GZIP_KEPT_FRACTION_PERCENT = 50;
    /** The object, its fields, and the two tags' strings: what an output holds beside its bytes. */
    static final int OVERHEAD_BYTES = 256;
    private static final byte[] NOT_WORTH_IT = new byte[0];

    /** Null in a {@link #compact} output, which keeps only its gzip form. */
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

    private RenderedOutput(RenderedOutput full, byte[] gzip) {
        this.body = null;
        this.mediaType = full.mediaType;
        this.etag = full.etag;
        this.gzipEtag = full.gzipEtag;
        this.gzip = gzip;
    }

    /**
     * This output holding its gzip form only, with the same tags: for a cache of many small pages that
     * browsers take gzipped (the gallery's older pages), a fifth of the weight; the body is inflated
     * again for each client that does not accept gzip. Itself when it keeps no gzip form.
     */
    public RenderedOutput compact() {
        byte[] made = body == null ? null : gzip();
        return made == null ? this : new RenderedOutput(this, made);
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
        return body != null ? body : inflate(gzip);
    }

    /** The bytes this output holds now: its body (unless {@link #compact}) and its gzip form once made. */
    public long heldBytes() {
        byte[] made = gzip;
        return (body == null ? 0 : body.length) + (made == null ? 0 : made.length);
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
            if (made.length > gzipRoom()) {
                made = NOT_WORTH_IT;
            }
            gzip = made;
        }
        return made.length == 0 ? null : made;
    }

    /**
     * The most bytes this output will ever hold, for the caches' budgets: the body, the room its gzip
     * form may take (made or not yet), and the tags.
     */
    public long weight() {
        return body == null ? gzip.length + OVERHEAD_BYTES : body.length + gzipRoom() + OVERHEAD_BYTES;
    }

    /** A cache entry's weight for Caffeine: the output's {@link #weight} and its key's string. */
    public static int weigh(String key, RenderedOutput value) {
        return (int) Math.min(Integer.MAX_VALUE, value.weight() + 2L * key.length() + 96);
    }

    /** The largest gzip form this output may keep: none for binary or small bodies. */
    private long gzipRoom() {
        return compressible() ? body.length * (long) GZIP_KEPT_FRACTION_PERCENT / 100 : 0;
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

    private static byte[] inflate(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
