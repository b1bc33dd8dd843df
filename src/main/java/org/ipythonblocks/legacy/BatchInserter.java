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
 * The SQL side of an import: a batch of checked rows in one statement, the identity moved past the
 * batch's highest id before it, and which database errors are the data's fault (so the batch is retried row
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

    /**
     * One statement per batch: insert what is new ({@code on conflict do nothing} covers a taken id
     * and a taken token) and, for the rest, compare with what is stored: the grid, and whether it is
     * deleted (a stored row's hiding and delete token are the database's, never changed). The
     * comparison reads the snapshot from before the insert, so a row inserted now is never compared
     * with itself.
     */
    private static final String INSERT = """
            with incoming as (
                select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[])
                    as t(id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, token,
                         hidden_at, delete_token_hash, deleted_at, deleted_by)
            ), inserted as (
                insert into %1$s (id, ipb_version, python_version, grid_data, code_cells, ipb_class, created_at, secret%2$s,
                                  hidden_at, delete_token_hash, deleted_at, deleted_by)
                select id, ipb_version, python_version::jsonb, grid_data::jsonb, code_cells::jsonb, ipb_class,
                       created_at, %3$s%4$s, hidden_at, decode(delete_token_hash, 'hex'), deleted_at, deleted_by
                from incoming
                on conflict do nothing
                returning id
            )
            select i.id, inserted.id is not null, g.id is not null,
                   g.id is not null
                   and (g.deleted_at is null) = (i.deleted_at is null)
                   and g.ipb_version is not distinct from i.ipb_version
                   and g.ipb_class is not distinct from i.ipb_class
                   and g.python_version is not distinct from i.python_version::jsonb
                   and coalesce(g.code_cells, 'null'::jsonb) = coalesce(i.code_cells::jsonb, 'null'::jsonb)
                   and g.grid_data is not distinct from i.grid_data::jsonb
                   %5$s
            from incoming i
            left join inserted on inserted.id = i.id
            left join %1$s g on g.id = i.id
            """;

    private static final String INSERT_PUBLIC = INSERT.formatted("public_grids", "", "false", "", "");
    private static final String INSERT_SECRET = INSERT.formatted("secret_grids", ", token", "true", ", token",
            "and g.token is not distinct from i.token");

    /**
     * Inserts a batch in its own transaction: what happened to each row, by id. First, in a short
     * transaction of its own, the table's identity is moved past the batch's highest id. A sequence
     * change is never undone, so however the import ends (a database error, a kill, a dropped
     * session), no id that any batch may have stored is handed to a post.
     */
    Map<Long, Outcome> insert(GridTable table, List<ImportRow> rows) {
        moveIdentityPast(table, rows.stream().mapToLong(ImportRow::id).max().orElse(0));
        return QuarkusTransaction.requiringNew().call(() -> insertStatement(table, rows));
    }

    /** Moves {@code table}'s identity past {@code id}, so no post takes it (before an import reaches it). */
    void moveIdentityPast(GridTable table, long id) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                moveIdentityPast(c, table, id);
            } catch (SQLException e) {
                throw new IllegalStateException("could not move the id sequence of " + table.tableName + ": " + e.getMessage(), e);
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
        String[] hiddenAt = new String[n];
        String[] tokenHashes = new String[n];
        String[] deletedAt = new String[n];
        String[] deletedBy = new String[n];
        for (int i = 0; i < n; i++) {
            ImportRow row = rows.get(i);
            ids[i] = row.id();
            ipbVersions[i] = row.ipbVersion();
            pythonVersions[i] = row.pythonVersionJson();
            gridData[i] = row.gridDataJson();
            codeCells[i] = row.codeCellsJson();
            ipbClasses[i] = row.ipbClass();
            createdAt[i] = text(row.createdAt());
            tokens[i] = row.token();
            hiddenAt[i] = text(row.hiddenAt());
            tokenHashes[i] = row.deleteTokenHashHex();
            deletedAt[i] = text(row.deletedAt());
            deletedBy[i] = row.deletedBy();
        }
        Map<Long, Outcome> outcomes = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(table == GridTable.PUBLIC ? INSERT_PUBLIC : INSERT_SECRET)) {
            List<Array> arrays = List.of(c.createArrayOf("bigint", ids), c.createArrayOf("text", ipbVersions),
                    c.createArrayOf("text", pythonVersions), c.createArrayOf("text", gridData),
                    c.createArrayOf("text", codeCells), c.createArrayOf("text", ipbClasses),
                    c.createArrayOf("text", createdAt), c.createArrayOf("text", tokens),
                    c.createArrayOf("text", hiddenAt), c.createArrayOf("text", tokenHashes),
                    c.createArrayOf("text", deletedAt), c.createArrayOf("text", deletedBy));
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

    private static String text(java.time.OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    /**
     * Moves the identity past {@code id}, never backwards. The import's insert threads take the same
     * transaction-scoped advisory lock first (held for this alone, in its own short transaction), so
     * one never sets the sequence below what another set.
     */
    static void moveIdentityPast(Connection c, GridTable table, long id) throws SQLException {
        String sequence;
        try (PreparedStatement st = c.prepareStatement("select pg_get_serial_sequence(?, 'id'), "
                + "pg_advisory_xact_lock(hashtext(?))")) {
            st.setString(1, table.tableName);
            st.setString(2, "ipythonblocks import identity " + table.tableName);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                sequence = rs.getString(1);
            }
        }
        long next;
        try (PreparedStatement st = c.prepareStatement("select last_value, is_called from " + sequence);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            next = rs.getBoolean(2) ? rs.getLong(1) + 1 : rs.getLong(1);
        }
        if (id + 1 > next) {
            try (PreparedStatement st = c.prepareStatement("select setval(?::regclass, ?, false)")) {
                st.setString(1, sequence);
                st.setLong(2, id + 1);
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
