package org.ipythonblocks.grid;

import java.util.List;
import java.util.Optional;

import org.ipythonblocks.Problem;

/**
 * The grid asked for exists, or existed, and is gone: every route answers 410 Gone and says why.
 * Thrown by {@link GridService}'s finders, so every page and API route inherits it. A {@link Problem}
 * like every other error; its own type because callers (the takedown commands) ask why the grid is
 * gone, and browsers get the "gone" page rather than the generic one.
 */
public class GridGoneException extends Problem {

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

        /**
         * The one rule for whether a stored grid is gone: deleted (by {@code deletedBy}, the row's
         * {@code deleted_by}) or hidden; empty when it is visible.
         */
        static Optional<Reason> of(boolean hidden, String deletedBy) {
            return deletedBy != null ? Optional.of(deletedBy(deletedBy)) : hidden ? Optional.of(TAKEN_DOWN) : Optional.empty();
        }
    }

    private final Reason reason;

    public GridGoneException(Reason reason) {
        super(410, "Gone", "This grid has been " + reason.words + ".", List.of(), "Gone: this grid has been " + reason.words);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
