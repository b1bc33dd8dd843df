package org.ipythonblocks.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.ipythonblocks.CommandException;
import org.sqlite.SQLiteConfig;

/**
 * The 2014 site's database: a SQLite file written by {@code dataset}, tables {@code public_grids} and
 * {@code secret_grids} with the JSON columns stored as text (spec §4.1). Read with plain JDBC, read-only.
 * A table the file lacks is simply empty ({@code dataset} created a table on its first insert, so a
 * site that never saw a secret grid has no {@code secret_grids}).
 */
final class SqliteSource {

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    static final List<String> COLUMNS = List.of("id", "ipb_version", "python_version", "grid_data", "code_cells",
            "ipb_class");

    private final Path file;
    /** The 2014 database kept no creation times; every row gets the time of the import, as in 2017. */
    private final OffsetDateTime importTime;

    SqliteSource(Path file, OffsetDateTime importTime) {
        this.file = file;
        this.importTime = importTime;
    }

    static boolean isSqlite(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(HEADER.length);
            return java.util.Arrays.equals(start, HEADER);
        }
    }

    void read(RowSink sink) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Properties props = config.toProperties();
        try (Connection db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), props)) {
            List<GridTable> present = new ArrayList<>();
            for (GridTable table : GridTable.values()) {
                if (hasTable(db, table)) {
                    checkColumns(db, table);
                    present.add(table);
                }
            }
            if (present.isEmpty()) {
                throw new CommandException(file + " is a SQLite database but has neither public_grids nor secret_grids");
            }
            for (GridTable table : present) {
                try (Statement st = db.createStatement();
                        ResultSet rs = st.executeQuery("select count(*), max(case when typeof(id) = 'integer' then id end) from "
                                + table.tableName)) {
                    if (rs.next()) {
                        sink.expect(table, rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            for (GridTable table : present) {
                readTable(db, table, sink);
            }
        } catch (SQLException e) {
            throw new CommandException("cannot read the SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection db, GridTable table) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("select 1 from sqlite_master where type = 'table' and name = ?")) {
            st.setString(1, table.tableName);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void checkColumns(Connection db, GridTable table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("pragma table_info(" + table.tableName + ")")) {
            while (rs.next()) {
                columns.add(rs.getString("name"));
            }
        }
        List<String> missing = COLUMNS.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new CommandException(file + ": table " + table.tableName + " has no column " + String.join(", ", missing)
                    + "; is this the ipythonblocks.org database?");
        }
    }

    private void readTable(Connection db, GridTable table, RowSink sink) throws SQLException {
        String select = "select " + String.join(", ", COLUMNS) + " from " + table.tableName + " order by id";
        try (Statement st = db.createStatement()) {
            st.setFetchSize(500);
            try (ResultSet rs = st.executeQuery(select)) {
                while (rs.next()) {
                    Object id = rs.getObject(1);
                    if (!(id instanceof Integer || id instanceof Long)) {
                        sink.reject(table, String.valueOf(id), 0, "id " + id + " is not an integer");
                        continue;
                    }
                    long rowId = ((Number) id).longValue();
                    try {
                        sink.row(RowChecks.check(table, rowId, null, importTime, rs.getString(2), rs.getString(3),
                                rs.getString(6), rs.getString(5), rs.getString(4)));
                    } catch (RowProblem problem) {
                        sink.reject(table, Long.toString(rowId), 0, problem.getMessage());
                    }
                }
            }
        }
    }
}
