package org.ipythonblocks.grid;

/**
 * The grid asked for exists but has been hidden by the site's admins ({@code hide}): every route
 * answers 410 Gone. Thrown by {@link GridService}'s finders, so every page and API route inherits it.
 */
public class GridGoneException extends RuntimeException {

    public GridGoneException(String id) {
        super("The grid " + id + " has been taken down", null, false, false);
    }
}
