package org.ipythonblocks.legacy;

import java.util.Optional;

/** The two grid tables, as named in the 2014 SQLite file, the 2017 database, today's schema and exports. */
public enum GridTable {
    PUBLIC("public_grids"),
    SECRET("secret_grids");

    public final String tableName;

    GridTable(String tableName) {
        this.tableName = tableName;
    }

    public static Optional<GridTable> named(String name) {
        for (GridTable t : values()) {
            if (t.tableName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
