package org.ipythonblocks.web;

/**
 * A request the site cannot answer as asked (a bad {@code ?scale=}, a picture over the pixel cap, an
 * oEmbed request without a grid URL): 400, or {@code status}, with a title and a sentence that names
 * the problem, as JSON for the API and oEmbed and as a page for browsers.
 */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final int status;

    public InvalidRequestException(String title, String detail) {
        this(400, title, detail);
    }

    public InvalidRequestException(int status, String title, String detail) {
        super(detail, null, false, false);
        this.title = title;
        this.status = status;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /**
     * Text a client sent, fit to be quoted back in a message: at most {@code max} characters (then
     * "…"), and nothing but printable ASCII.
     */
    public static String shown(String text, int max) {
        String shown = text.length() > max ? text.substring(0, max) + "…" : text;
        return shown.replaceAll("[^\\x20-\\x7E…]", "?");
    }
}
