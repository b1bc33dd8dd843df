package org.ipythonblocks.grid;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipythonblocks.Problem;

/**
 * A grid as people name it, and the one rule for which address names which grid: the page routes'.
 * A grid is named by its page's full URL ({@code http://www.ipythonblocks.org/bizkiL},
 * {@code …/secret/<id>}), by the URL of its embed ({@code …/embed/…}) or JSON ({@code …/get/…}), by
 * such a path ({@code /secret/<id>}, {@code secret/<id>}) or by a bare id.
 *
 * <ul>
 * <li>A secret grid is named only with {@code secret/} before its id, as its page is {@code /secret/<id>}:
 * a bare id, or a public-style address, names a public grid, whatever the id's shape (a secret token
 * there names no grid, exactly as {@code /<token>} is a 404).</li>
 * <li>A full URL names a grid only on this site's hosts; an address on another host is refused with
 * {@link OtherSiteException}, which names the host.</li>
 * </ul>
 */
public record GridRef(boolean secret, String id) {

    private static final Pattern FORM = Pattern.compile(
            "(?:[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*))?/*(?:(?:get|embed)/)?(secret/)?(" + GridIds.ID_REGEX + ")/*(?:[?#].*)?");

    /**
     * The grid {@code text} names, if any.
     *
     * @param ourHost whether a URL's host (lower case, without port or user) is this site's
     * @throws OtherSiteException when {@code text} is a URL on another host
     */
    public static Optional<GridRef> parse(String text, Predicate<String> ourHost) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1) != null) {
            String host = host(m.group(1));
            if (!ourHost.test(host)) {
                throw new OtherSiteException(host);
            }
        }
        return Optional.of(new GridRef(m.group(2) != null, m.group(3)));
    }

    /** The host of a URL's authority ({@code user@host:port}, {@code [v6]:port}), in lower case. */
    static String host(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /**
     * Whether {@code host} is the host of {@code baseUrl}, with or without {@code www.}: the old site
     * answered at both, and links to both are about.
     */
    public static boolean sameSite(String host, String baseUrl) {
        Matcher base = FORM_BASE.matcher(baseUrl);
        return base.lookingAt() && bare(host).equals(bare(host(base.group(1))));
    }

    private static final Pattern FORM_BASE = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*)");

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("www.") ? lower.substring(4) : lower;
    }

    @Override
    public String toString() {
        return secret ? "secret/" + id : id;
    }

    /**
     * An address on another site's host: it names none of our grids. A 404 that names the host, as JSON
     * or a page (the web layer maps every {@link Problem}).
     */
    public static final class OtherSiteException extends Problem {

        private final String host;

        OtherSiteException(String host) {
            super(404, "Not a grid of this site", "The address given is on " + Problem.shown(host, 60)
                    + ", not on this site, so it names none of our grids. Give the grid's address on this site, or its id.",
                    List.of(), "Not a grid of this site: the address is on " + Problem.shown(host, 60));
            this.host = host;
        }

        /** The host the address named, as written (a client's text: quote it with {@link Problem#shown}). */
        public String host() {
            return host;
        }
    }
}
