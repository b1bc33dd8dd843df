package org.ipythonblocks.grid;

/**
 * The grid asked for exists, or existed, and is gone: every route answers 410 Gone and says why.
 * Thrown by {@link GridService}'s finders, so every page and API route inherits it.
 */
public class GridGoneException extends RuntimeException {

    /** Why the grid is gone, in the words every 410 uses. */
    public enum Reason {
        /** Hidden by the site's admins ({@code hide}). */
        TAKEN_DOWN("taken down"),
        /** Deleted with the delete token its poster was given. */
        REMOVED_BY_POSTER("removed by its poster"),
        /** Deleted by the site's admins ({@code delete}). */
        DELETED("deleted");

        public final String words;

        Reason(String words) {
            this.words = words;
        }

        /** The reason of a row's {@code deleted_by} ({@code poster} or {@code admin}). */
        static Reason deletedBy(String who) {
            return "poster".equals(who) ? REMOVED_BY_POSTER : DELETED;
        }
    }

    private final Reason reason;

    public GridGoneException(GridRef ref, Reason reason) {
        super("The grid " + ref + " has been " + reason.words, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
