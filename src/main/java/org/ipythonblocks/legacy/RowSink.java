package org.ipythonblocks.legacy;

/** Where a source hands its rows: checked rows to import, and rows that cannot be read. */
interface RowSink {

    /**
     * The source knows, before reading a table, how many rows it has (for progress) and its highest id
     * (the import moves the table's identity past it before inserting anything, so no post takes an
     * id the import has yet to reach).
     */
    default void expect(GridTable table, long rows, long maxId) {
    }

    void row(ImportRow row);

    /**
     * A row that cannot be imported.
     *
     * @param table null when not even the table could be read (a broken JSON Lines line)
     * @param id    the row's id as read, or null
     * @param line  the JSON Lines line number, or 0 for SQLite
     */
    void reject(GridTable table, String id, long line, String reason);
}
