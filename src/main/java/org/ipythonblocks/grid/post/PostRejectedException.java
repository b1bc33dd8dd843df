package org.ipythonblocks.grid.post;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A {@code POST /post} body we refuse; answered as JSON naming every problem, nothing stored, and
 * summed up in one line for the status line ({@link #reasonPhrase}), which is all a notebook shows.
 */
public class PostRejectedException extends RuntimeException {

    /**
     * One problem: where in the body ({@code grid_data.blocks[2][0]}) and what is wrong, in plain words.
     * Jackson writes it inside the error body's map, where Quarkus cannot see its type, so a native
     * executable is told to keep its accessors.
     */
    @RegisterForReflection
    public record Violation(String field, String message) {
    }

    private final int status;
    private final List<Violation> violations;
    private final String reasonPhrase;

    public PostRejectedException(int status, String title, List<Violation> violations, String reasonPhrase) {
        super(title, null, false, false);
        this.status = status;
        this.violations = List.copyOf(violations);
        this.reasonPhrase = reasonPhrase;
    }

    /** A refusal summed up by its first problem and how many more there are ({@code total} in all). */
    public static PostRejectedException invalid(String title, List<Violation> violations, int total) {
        Violation first = violations.get(0);
        int rest = total - 1;
        return new PostRejectedException(400, title, violations, "Grid not stored: " + first.field() + " " + first.message()
                + (rest == 0 ? "" : " (and " + rest + " more problem" + (rest == 1 ? "" : "s") + ")"));
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The line for the HTTP status line; long or odd text is cut and cleaned by {@code ReasonPhrases.safe}. */
    public String reasonPhrase() {
        return reasonPhrase;
    }
}
