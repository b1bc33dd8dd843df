package org.ipythonblocks.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The one reading of the headers a client negotiates with ({@code Accept}, {@code Accept-Language},
 * {@code Accept-Charset}, {@code Accept-Encoding}), tolerant of what a client gets wrong. Every element
 * that is not well formed ({@code text/html;q=x}, {@code a/b;q=}, {@code ;;;}, {@code *}{@code /*;q=NaN},
 * a quoted parameter) is ignored, as if it had not been sent; a header with nothing left is as if
 * absent (anything is acceptable).
 *
 * <p>A Vert.x filter applies it to every request before anything else reads these headers: a header
 * with an element dropped is replaced by the elements that remain. So Quarkus REST's matching of
 * {@code @Produces}, Qute's choice of a template variant (which reads all four) and the error pages only
 * ever see well-formed values, and a malformed header can no longer make them throw (a 500 with the
 * framework's page). The error pages ask {@link #prefersJson} rather than parse {@code Accept} again.
 */
@ApplicationScoped
public class AcceptHeaders {

    private static final Pattern QVALUE = Pattern.compile("[01](\\.[0-9]{0,3})?");
    private static final Pattern LANGUAGE_RANGE = Pattern.compile("[a-z]{1,8}(-[a-z0-9]{1,8})*");

    void register(@Observes Filters filters) {
        filters.register(AcceptHeaders::normalise, Routes.Order.ACCEPT_HEADERS_FILTER);
    }

    private static void normalise(RoutingContext rc) {
        MultiMap headers = rc.request().headers();
        normalise(headers, HttpHeaders.ACCEPT, AcceptHeaders::mediaRange);
        normalise(headers, HttpHeaders.ACCEPT_LANGUAGE, AcceptHeaders::languageRange);
        normalise(headers, HttpHeaders.ACCEPT_CHARSET, AcceptHeaders::tokenOrAny);
        normalise(headers, HttpHeaders.ACCEPT_ENCODING, AcceptHeaders::tokenOrAny);
        rc.next();
    }

    private static void normalise(MultiMap headers, CharSequence name, Grammar grammar) {
        List<String> values = headers.getAll(name);
        if (values.isEmpty()) {
            return;
        }
        Parsed parsed = parse(String.join(",", values), grammar);
        if (parsed.dropped || values.size() > 1) {
            if (parsed.elements.isEmpty()) {
                headers.remove(name);
            } else {
                headers.set(name, String.join(", ", parsed.elements.stream().map(Element::text).toList()));
            }
        }
    }

    /**
     * Whether a client that sent this {@code Accept} wants JSON rather than a page: its most preferred
     * media range is JSON's or {@code application/*} (a wildcard {@code *}{@code /*} first means a browser
     * or a script that takes anything, which gets the page).
     */
    public static boolean prefersJson(String accept) {
        if (accept == null) {
            return false;
        }
        List<Element> ranges = parse(accept, AcceptHeaders::mediaRange).elements;
        if (ranges.isEmpty()) {
            return false;
        }
        Element first = ranges.stream().sorted(Comparator.comparingInt(Element::quality).reversed()
                .thenComparing(Comparator.comparingInt(Element::specificity).reversed())).findFirst().orElseThrow();
        return first.quality() > 0 && first.value().startsWith("application/")
                && (first.value().equals("application/json") || first.value().equals("application/*"));
    }

    /** One well-formed element: its value (lower case), its parameters as written, its weight in thousandths. */
    record Element(String value, String parameters, int quality) {

        String text() {
            return value + parameters + (quality == 1000 ? "" : ";q=" + (quality / 1000) + "." + String.format(Locale.ROOT, "%03d", quality % 1000));
        }

        /** {@code type/subtype} before {@code type/*} before {@code *}{@code /*}. */
        int specificity() {
            return value.startsWith("*") ? 0 : value.endsWith("/*") ? 1 : 2;
        }
    }

    record Parsed(List<Element> elements, boolean dropped) {
    }

    /** Checks the value of one element, lower-cased; false if it is not of the header's grammar. */
    interface Grammar {
        boolean valid(String value);
    }

    /**
     * Splits a header into its comma-separated elements and keeps the well-formed ones. An element is
     * {@code value *(OWS ";" OWS [name "=" token])} with at most one {@code q} parameter, which must be a
     * qvalue ({@code 0}, {@code 0.5}, {@code 1.000}: RFC 9110, section 12.4.2); empty elements and empty
     * parameters are allowed and left out.
     */
    static Parsed parse(String header, Grammar grammar) {
        List<Element> elements = new ArrayList<>();
        boolean dropped = false;
        for (String raw : header.split(",", -1)) {
            String element = raw.strip();
            if (element.isEmpty()) {
                continue;
            }
            Element parsed = element(element, grammar);
            if (parsed == null) {
                dropped = true;
            } else {
                elements.add(parsed);
            }
        }
        return new Parsed(elements, dropped);
    }

    private static Element element(String element, Grammar grammar) {
        String[] parts = element.split(";", -1);
        String value = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!grammar.valid(value)) {
            return null;
        }
        StringBuilder parameters = new StringBuilder();
        int quality = 1000;
        boolean weighted = false;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            if (equals <= 0 || !isToken(parameter.substring(0, equals)) || !isToken(parameter.substring(equals + 1))) {
                return null;
            }
            String name = parameter.substring(0, equals).toLowerCase(Locale.ROOT);
            if (name.equals("q")) {
                quality = qvalue(parameter.substring(equals + 1));
                if (quality < 0 || weighted) {
                    return null;
                }
                weighted = true;
            } else if (weighted) {
                return null; // parameters after the weight are extensions nobody sends: not worth keeping
            } else {
                parameters.append(';').append(name).append('=').append(parameter.substring(equals + 1));
            }
        }
        return new Element(value, parameters.toString(), quality);
    }

    /** A qvalue in thousandths, or -1 when it is not one. */
    static int qvalue(String text) {
        if (!QVALUE.matcher(text).matches()) {
            return -1;
        }
        String decimals = text.length() > 2 ? text.substring(2) : "";
        int thousandths = (text.charAt(0) - '0') * 1000 + (decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3)));
        return thousandths > 1000 ? -1 : thousandths;
    }

    /** {@code *}{@code /*}, {@code type/*} or {@code type/subtype}, each a token. */
    static boolean mediaRange(String value) {
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            return false;
        }
        String type = value.substring(0, slash);
        String subtype = value.substring(slash + 1);
        return isToken(type) && isToken(subtype) && (!type.equals("*") || subtype.equals("*"));
    }

    /** {@code *} or a language tag's shape: {@code 1*8ALPHA *("-" 1*8alphanum)}. */
    static boolean languageRange(String value) {
        return value.equals("*") || LANGUAGE_RANGE.matcher(value).matches();
    }

    /** A charset or a content coding ({@code utf-8}, {@code gzip}), or {@code *}. */
    static boolean tokenOrAny(String value) {
        return isToken(value);
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
