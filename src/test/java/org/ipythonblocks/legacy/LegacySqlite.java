package org.ipythonblocks.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Writes SQLite files (for the importer's tests and the packaged app's)  the way the 2014 site's {@code dataset} did (spec §4.1): JSON as text. */
public final class LegacySqlite implements AutoCloseable {

    private final Connection db;

    public LegacySqlite(Path file) throws SQLException {
        db = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
        try (Statement st = db.createStatement()) {
            for (String table : new String[] { "public_grids", "secret_grids" }) {
                // What dataset (SQLAlchemy) created from the site's first insert.
                st.execute("CREATE TABLE " + table + " (\n"
                        + "\tid INTEGER NOT NULL, \n"
                        + "\tipb_version TEXT, \n"
                        + "\tpython_version TEXT, \n"
                        + "\tgrid_data TEXT, \n"
                        + "\tsecret BOOLEAN, \n"
                        + "\tcode_cells TEXT, \n"
                        + "\tipb_class TEXT, \n"
                        + "\tPRIMARY KEY (id), \n"
                        + "\tCHECK (secret IN (0, 1))\n)");
            }
        }
    }

    public LegacySqlite row(String table, long id, String gridData, String codeCells) throws SQLException {
        return row(table, id, "1.6.0", "[2, 7, 6, \"final\", 0]", gridData, codeCells, "BlockGrid");
    }

    LegacySqlite row(String table, long id, String ipbVersion, String pythonVersion, String gridData, String codeCells,
            String ipbClass) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO " + table
                + " (id, ipb_version, python_version, grid_data, secret, code_cells, ipb_class) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, id);
            st.setString(2, ipbVersion);
            st.setString(3, pythonVersion);
            st.setString(4, gridData);
            st.setBoolean(5, table.equals("secret_grids"));
            st.setString(6, codeCells);
            st.setString(7, ipbClass);
            st.executeUpdate();
        }
        return this;
    }

    /** {@code json.dumps(grid_data)} of a grid whose colours vary with position. */
    public static String grid(int width, int height, boolean linesOn) {
        StringBuilder json = new StringBuilder("{\"width\": ").append(width).append(", \"height\": ").append(height)
                .append(", \"lines_on\": ").append(linesOn ? "true" : "false").append(", \"blocks\": [");
        for (int r = 0; r < height; r++) {
            json.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < width; c++) {
                json.append(c == 0 ? "" : ", ").append('[').append((r * 7 + c) % 256).append(", ")
                        .append((c * 13) % 256).append(", ").append((r * 31 + c * 3) % 256).append(", 20]");
            }
            json.append(']');
        }
        return json.append("]}").toString();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
