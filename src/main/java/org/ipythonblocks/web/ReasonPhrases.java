package org.ipythonblocks.web;

import java.util.Locale;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * The HTTP/1.1 reason phrase of an error answer, in words a notebook user can act on. The unmodified
 * client calls {@code raise_for_status()}, and {@code requests} shows only
 * {@code "413 Client Error: <reason> for url: <url>"}: the JSON body, however clear, is never seen.
 *
 * <ul>
 * <li>{@link #safe} is the one rule for what may go on the status line: printable ISO-8859-1 only (here
 * printable ASCII: {@code http.client} decodes the line as Latin-1, other clients as ASCII), no
 * control characters, at most {@value #MAX_LENGTH} characters. Client input quoted in a phrase passes
 * through it too, so it can never break the status line or forge a header.</li>
 * <li>Every answer sets it on the Vert.x response with {@link #set}, before the answer is written:
 * Quarkus REST writes only the standard phrase, and drops a {@code Response.StatusType}'s own
 * phrase on the way out of an exception mapper. Vert.x keeps a phrase set this way when the
 * status code is set after it.</li>
 * <li>HTTP/2 has no reason phrase: there, only the JSON body explains.</li>
 * </ul>
 */
public final class ReasonPhrases {

    public static final int MAX_LENGTH = 160;

    private ReasonPhrases() {
    }

    /** The text made safe for a status line: printable ASCII, single spaces, at most {@value #MAX_LENGTH} characters. */
    public static String safe(String text) {
        if (text == null || text.isBlank()) {
            return "Error";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 8));
        for (int i = 0; i < text.length() && out.length() <= MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '\u00d7') {
                out.append('x');
            } else if (c == '\u2026') {
                out.append("...");
            } else if (c == '\u2013' || c == '\u2014') {
                out.append('-');
            } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        String phrase = out.toString().strip();
        return phrase.length() <= MAX_LENGTH ? phrase : phrase.substring(0, MAX_LENGTH - 3).strip() + "...";
    }

    /** Sets the phrase of the answer to {@code request} (HTTP/1.x only; nothing once the head is written). */
    public static void set(HttpServerRequest request, String reason) {
        if (request != null && request.version() != HttpVersion.HTTP_2 && !request.response().headWritten()) {
            request.response().setStatusMessage(safe(reason));
        }
    }

    /** {@code 8 MiB}, {@code 13.4 MiB}, {@code 512 KiB}, {@code 300 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20) {
            return number(bytes / (1024.0 * 1024.0)) + " MiB";
        }
        if (bytes >= 1 << 10) {
            return number(bytes / 1024.0) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
