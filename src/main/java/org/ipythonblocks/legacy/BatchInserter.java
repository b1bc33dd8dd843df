package org.ipythonblocks.legacy;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The SQL side of an import: a batch of checked rows in one statement, the identities moved past the
 * highest id afterwards, and which database errors are the data's fault (so the batch is retried row
 * by row and the bad row rejected) rather than the database's (so the import stops).
 */
final class BatchInserter {

    /** What happened to one row of a batch. */
    enum Outcome {
        INSERTED, SAME, DIFFERENT, TOKEN_TAKEN
    }

    private final DataSource dataSource;

    BatchInserter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String INSERT = """
            with incoming as (
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::timestamptz[], ?::text[])
                    as t(id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, token)
            ), inserted as (
                insert into %1$s (id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret%2$s)
                select id, ipb_version, python_version::jsonb, grid_data::jsonb, code_cells::jsonb, ipb_class,
                       created_at, %3$s%4$s
                from incoming
                on conflict do nothing
                returning id
            )
            select i.id, inserted.id is not null, g.id is not null,
                   g.id is not null
                   and g.ipb_version = i.ipb_version
                   and g.ipb_class = i.ipb_class
                   and g.python_version = i.python_version::jsonb
                   and coalesce(g.code_cells, 'null'::jsonb) = coalesce(i.code_cells::jsonb, 'null'::jsonb)
                   and g.grid_data = i.grid_data::jsonb
                   %5$s
            from incoming i
            left join inserted on inserted.id = i.id
            left join %1$s g on g.id = i.id
            """;

    private static final String INSERT_PUBLIC = INSERT.formatted("public_grids", "", "false", "", "");
    private static final String INSERT_SECRET = INSERT.formatted("secret_grids", ", token", "true", ", token",
            "and g.token is not distinct from i.token");

    /**
     * One statement per batch: insert what is new ({@code on conflict do nothing} covers a taken id
     * and a taken token) and, for the rest, compare with what is stored. The comparison reads the
     * snapshot from before the insert, so a row inserted now is never compared with itself.
     */
    /** Inserts a batch in its own transaction: what happened to each row, by id. */
    Map<Long, Outcome> insert(GridTable table, List<ImportRow> rows) {
        return QuarkusTransaction.requiringNew().call(() -> insertStatement(table, rows));
    }

    /** Moves each table's identity past its highest id, so the next post gets a fresh one. */
    void moveIdentitiesPastMaxId() {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                for (GridTable table : GridTable.values()) {
                    moveIdentityPastMaxId(c, table);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not move the id sequences: " + e.getMessage(), e);
            }
        });
    }

    private Map<Long, Outcome> insertStatement(GridTable table, List<ImportRow> rows) throws SQLException {
        int n = rows.size();
        Long[] ids = new Long[n];
        String[] ipbVersions = new String[n];
        String[] pythonVersions = new String[n];
        String[] gridData = new String[n];
        String[] codeCells = new String[n];
        String[] ipbClasses = new String[n];
        String[] createdAt = new String[n];
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            ImportRow row = rows.get(i);
            ids[i] = row.id();
            ipbVersions[i] = row.ipbVersion();
            pythonVersions[i] = row.pythonVersionJson();
            gridData[i] = row.gridDataJson();
            codeCells[i] = row.codeCellsJson();
            ipbClasses[i] = row.ipbClass();
            createdAt[i] = row.createdAt().toString();
            tokens[i] = row.token();
        }
        Map<Long, Outcome> outcomes = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(table == GridTable.PUBLIC ? INSERT_PUBLIC : INSERT_SECRET)) {
            List<Array> arrays = List.of(c.createArrayOf("bigint", ids), c.createArrayOf("text", ipbVersions),
                    c.createArrayOf("text", pythonVersions), c.createArrayOf("text", gridData),
                    c.createArrayOf("text", codeCells), c.createArrayOf("text", ipbClasses),
                    c.createArrayOf("text", createdAt), c.createArrayOf("text", tokens));
            for (int i = 0; i < arrays.size(); i++) {
                st.setArray(i + 1, arrays.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Outcome outcome = rs.getBoolean(2) ? Outcome.INSERTED
                            : !rs.getBoolean(3) ? Outcome.TOKEN_TAKEN
                            : rs.getBoolean(4) ? Outcome.SAME : Outcome.DIFFERENT;
                    outcomes.put(id, outcome);
                }
            }
        }
        return outcomes;
    }

    /** Moves the identity past the highest id, never backwards. */
    static void moveIdentityPastMaxId(Connection c, GridTable table) throws SQLException {
        String sequence;
        long max;
        try (PreparedStatement st = c.prepareStatement("select pg_get_serial_sequence(?, 'id'), "
                + "(select coalesce(max(id), 0) from " + table.tableName + ")")) {
            st.setString(1, table.tableName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
                max = rs.getLong(2);
            }
        }
        long next;
        try (PreparedStatement st = c.prepareStatement("select last_value, is_called from " + sequence);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
        }
        if (max + 1 > next) {
            try (PreparedStatement st = c.prepareStatement("select setval(?::regclass, ?, false)")) {
                st.setString(1, sequence);
                st.setLong(2, max + 1);
                st.executeQuery().close();
            }
        }
    }

    static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** Data exceptions (22…), constraint violations (23…), program limits (54…): the row's fault, not the database's. */
    static boolean isAboutTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
