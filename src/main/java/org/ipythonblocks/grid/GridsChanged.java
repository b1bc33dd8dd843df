package org.ipythonblocks.grid;

/**
 * The one signal that grids changed, observed by every cache of grids and by nothing else's own
 * mechanism: a grid posted, hidden, shown again or deleted in this process (fired inside the change's
 * transaction; caches observe {@code during = AFTER_SUCCESS}, so they hear it only once it committed),
 * a takedown another process announced, and "anything may have changed" when the takedown listener
 * (re)connects or hears a payload it cannot read. Caches put a value only if no change came while it
 * was read ({@link ChangeCount}).
 *
 * @param change what happened
 * @param grid the grid, or null when any grid may have changed
 * @param rowId the grid's row id in its table, or 0 when not known (a change another process announced)
 */
public record GridsChanged(Change change, GridRef grid, long rowId) {

    public enum Change {
        /** A grid was stored: lists and counts of grids change, no grid's own output does. */
        POSTED,
        /** Hidden or deleted here: its output is gone, its open reports close. */
        TAKEN_DOWN,
        /** Shown again here ({@code unhide}). */
        SHOWN_AGAIN,
        /** Hidden, shown again or deleted by another process, or (grid null) anything at all. */
        ELSEWHERE
    }

    /** Anything may have changed: every cache forgets everything. */
    public static GridsChanged anything() {
        return new GridsChanged(Change.ELSEWHERE, null, 0);
    }

    /** Whether what lists or counts public grids (the gallery, the home page, the sitemap) may show something else now. */
    public boolean publicListsChanged() {
        return grid == null || !grid.secret();
    }

    /** Whether a grid's own output (its page, JSON, pictures) may have changed: every change but a post. */
    public boolean outputChanged() {
        return change != Change.POSTED;
    }
}
