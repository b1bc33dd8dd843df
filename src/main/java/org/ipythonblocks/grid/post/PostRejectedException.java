package org.ipythonblocks.grid.post;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A {@code POST /post} body we refuse; answered as JSON naming every problem, nothing stored. */
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

    public PostRejectedException(int status, String title, List<Violation> violations) {
        super(title, null, false, false);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public int status() {
        return status;
    }

    public List<Violation> violations() {
        return violations;
    }
}
