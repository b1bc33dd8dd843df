package org.ipythonblocks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.ipythonblocks.grid.GridsChanged;

import io.agroal.api.AgroalDataSource;

/**
 * Test fixtures: bodies as the real client builds them ({@code grid.post_to_web()}, see the spec's
 * §5.3), and committed clean-up for HTTP tests.
 */
@ApplicationScoped
public class TestGrids {

    @Inject
    EntityManager em;

    @Inject
    Event<GridsChanged> changed;

    /**
     * Deletes every grid and restarts both id sequences, so each HTTP test starts from empty tables.
     * Ids are reused after that (never in production), so every cache hears that anything changed,
     * once the truncation committed.
     */
    @Transactional
    public void deleteAll() {
        em.createNativeQuery("truncate public_grids, secret_grids, reports restart identity").executeUpdate();
        changed.fire(GridsChanged.anything());
    }

    /**
     * A secret grid as the old site stored it: no token, reachable only by its legacy hash id
     * (row 1 = {@code MiXoi4} with the test salt). Moves the identity past it, as the importer does.
     */
    @Transactional
    public void insertLegacySecretGrid(long id) {
        em.createNativeQuery("""
                insert into secret_grids (id, ipb_version, python_version, grid_data, code_cells, ipb_class, secret)
                values (:id, '1.6.0', '[2, 7, 6, "final", 0]',
                        '{"width": 4, "height": 1, "lines_on": false, "blocks": [[[1, 2, 3, 20], [1, 2, 3, 20], [1, 2, 3, 20], [1, 2, 3, 20]]]}',
                        'null', 'BlockGrid', true)""").setParameter("id", id).executeUpdate();
        em.createNativeQuery("select setval(pg_get_serial_sequence('secret_grids', 'id'), (select max(id) from secret_grids))")
                .getSingleResult();
    }

    /**
     * A public grid row written directly, for data the API would refuse today but old rows may hold
     * (ragged {@code blocks}, for one). Answers the row id; with the test salt id 1 is {@code bizkiL}.
     */
    @Transactional
    public long insertPublicGrid(String gridDataJson, String codeCellsJson, String ipbClass) {
        return ((Number) em.createNativeQuery("""
                insert into public_grids (ipb_version, python_version, grid_data, code_cells, ipb_class, secret)
                values ('1.6.0', '[2, 7, 6, "final", 0]', cast(:grid as jsonb), cast(:cells as jsonb), :cls, false)
                returning id""")
                .setParameter("grid", gridDataJson).setParameter("cells", codeCellsJson).setParameter("cls", ipbClass)
                .getSingleResult()).longValue();
    }

    /**
     * {@code count} small public grids in one statement ({@code generate_series}), posted on
     * 2026-12-01 UTC: fast enough for tens of thousands of rows. Answers the highest row id.
     */
    @Transactional
    public long insertPublicGrids(int count) {
        em.createNativeQuery("""
                insert into public_grids (ipb_version, python_version, grid_data, code_cells, ipb_class, secret, created_at)
                select '1.9.1', '[3, 11, 2, "final", 0]',
                       '{"width": 1, "height": 1, "lines_on": true, "blocks": [[[12, 34, 56, 20]]]}', null, 'BlockGrid', false,
                       timestamptz '2026-12-01 12:00:00+00'
                from generate_series(1, :count)""").setParameter("count", count).executeUpdate();
        return ((Number) em.createNativeQuery("select max(id) from public_grids").getSingleResult()).longValue();
    }

    /** Hides a public grid, as the admin command {@code hide} does. */
    @Transactional
    public void hidePublicGrid(long id) {
        em.createNativeQuery("update public_grids set hidden_at = now() where id = :id").setParameter("id", id).executeUpdate();
    }

    /** Deletes a public grid as the admin command {@code delete} leaves it: the row kept, its data erased. */
    @Transactional
    public void deletePublicGrid(long id) {
        em.createNativeQuery("""
                update public_grids set deleted_at = now(), deleted_by = 'admin', ipb_version = null, python_version = null,
                    grid_data = null, code_cells = null, ipb_class = null, created_at = null, hidden_at = null, delete_token_hash = null
                where id = :id""").setParameter("id", id).executeUpdate();
    }

    @Inject
    AgroalDataSource dataSource;

    /** The first column of every row a query returns, as text: for checks straight against the tables. */
    public List<String> firstColumn(String query) {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(query);
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
        return values;
    }

    @Transactional
    public long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }

    /** Blocks whose colours vary with position, so a transposed or shifted grid shows. */
    public static List<List<int[]>> blocks(int width, int height, int size) {
        List<List<int[]>> rows = new ArrayList<>();
        for (int r = 0; r < height; r++) {
            List<int[]> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                row.add(new int[] { (r * 7 + c) % 256, (c * 13) % 256, (r * 31 + c * 3) % 256, size });
            }
            rows.add(row);
        }
        return rows;
    }

    /** The payload the client posts: the six top-level keys in the client's order. */
    public static Map<String, Object> payload(String ipbClass, int width, int height, boolean secret, List<String> codeCells) {
        Map<String, Object> gridData = new LinkedHashMap<>();
        gridData.put("lines_on", true);
        gridData.put("width", width);
        gridData.put("height", height);
        gridData.put("blocks", blocks(width, height, 20));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("python_version", List.of(3, 11, 2, "final", 0));
        body.put("ipb_version", "1.9.1");
        body.put("ipb_class", ipbClass);
        body.put("code_cells", codeCells);
        body.put("secret", secret);
        body.put("grid_data", gridData);
        return body;
    }

    public static String body(String ipbClass, int width, int height, boolean secret, List<String> codeCells) {
        return PythonJson.dumps(payload(ipbClass, width, height, secret, codeCells));
    }
}
