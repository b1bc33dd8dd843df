package org.ipythonblocks.grid;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One rendered output of a grid (its page, JSON, PNG, SVG, embed, preview), made once and served many
 * times: the bytes, their gzip form when that is worth having (text), and a strong {@code ETag} for
 * each form, derived from the bytes, so the same output gets the same tag on every dyno and after
 * every restart.
 */
public record GridOutput(byte[] body, byte[] gzip, String etag, String gzipEtag, String mediaType) {

    /** Text smaller than this is sent as it is: gzip would save less than its own headers. */
    static final int GZIP_MIN_BYTES = 512;

    public static GridOutput text(byte[] body, String mediaType) {
        byte[] gzip = body.length >= GZIP_MIN_BYTES ? gzip(body) : null;
        if (gzip != null && gzip.length >= body.length * 9L / 10) {
            gzip = null;
        }
        String tag = tag(body);
        return new GridOutput(body, gzip, "\"" + tag + "\"", gzip == null ? null : "\"" + tag + "-gz\"", mediaType);
    }

    /** Already compressed (PNG): no gzip form. */
    public static GridOutput binary(byte[] body, String mediaType) {
        return new GridOutput(body, null, "\"" + tag(body) + "\"", null, mediaType);
    }

    /** Bytes held in memory, for the output cache's budget. */
    long weight() {
        return body.length + (gzip == null ? 0 : gzip.length) + 160L;
    }

    /** 128 bits of SHA-256, base64url: collisions are out of reach, and the tag stays short. */
    private static String tag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
