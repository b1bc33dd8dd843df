package org.ipythonblocks;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one error a request or the domain answers with: a status, a title and either a sentence that
 * names the problem ({@link #detail}) or, for a body the site refuses ({@code /post}, {@code /delete}),
 * every field and what is wrong with it ({@link #violations}), nothing stored. Optionally a line for
 * the HTTP status line ({@link #reasonPhrase}), which is all a notebook shows. Mapped once, in the web
 * layer: problem JSON for the API and oEmbed, a page for browsers. Nothing here knows HTTP beyond the
 * status number.
 */
public class Problem extends RuntimeException {

    /**
     * One problem with a body: where in it ({@code grid_data.blocks[2][0]}) and what is wrong, in plain
     * words. Jackson writes it inside the error body's map, where Quarkus cannot see its type, so a
     * native executable is told to keep its accessors.
     */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }

    private final int status;
    private final String title;
    private final String detail;
    private final List<Violation> violations;
    private final String reasonPhrase;

    public Problem(String title, String detail) {
        this(400, title, detail);
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of(), null);
    }

    /** A body refused: every problem named ({@code violations}), summed up in {@code reasonPhrase}. */
    public Problem(int status, String title, List<Violation> violations, String reasonPhrase) {
        this(status, title, null, violations, reasonPhrase);
    }

    /** A problem with a short summary of its own on the status line ({@code reasonPhrase}). */
    public Problem(int status, String title, String detail, String reasonPhrase) {
        this(status, title, detail, List.of(), reasonPhrase);
    }

    protected Problem(int status, String title, String detail, List<Violation> violations, String reasonPhrase) {
        super(detail != null ? detail : title, null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.violations = List.copyOf(violations);
        this.reasonPhrase = reasonPhrase;
    }

    /** A refused body summed up by its first problem and how many more there are ({@code total} in all). */
    public static Problem invalidBody(String title, List<Violation> violations, int total) {
        Violation first = violations.get(0);
        int rest = total - 1;
        return new Problem(400, title, violations, "Grid not stored: " + first.field() + " " + first.message()
                + (rest == 0 ? "" : " (and " + rest + " more problem" + (rest == 1 ? "" : "s") + ")"));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The sentence that names the problem; null when {@link #violations} name them instead. */
    public String detail() {
        return detail;
    }

    /** Every problem with a refused body; empty when {@link #detail} names the problem. */
    public List<Violation> violations() {
        return violations;
    }

    /** The line for the HTTP status line (cut and cleaned by {@code ReasonPhrases.safe}); empty for the status' own words. */
    public Optional<String> reasonPhrase() {
        return Optional.ofNullable(reasonPhrase);
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
