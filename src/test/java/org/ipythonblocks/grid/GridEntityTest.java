package org.ipythonblocks.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The schema Flyway builds, and grids through the entities with their jsonb columns intact. */
@QuarkusTest
class GridEntityTest {

    @Inject
    EntityManager em;

    @Inject
    Flyway flyway;

    @Test
    void everyMigrationAppliedToTheEmptyDatabase() {
        // Not in a test transaction: Flyway needs its own auto-commit connection.
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).extracting(m -> m.getVersion().getVersion()).containsSubsequence("1", "2", "3", "10");
        assertThat(flyway.info().pending()).isEmpty();
        // Hibernate's schema validation ran at start-up (schema-management.strategy=validate) and passed,
        // or no test would run; this checks the column types it relies on.
        @SuppressWarnings("unchecked")
        List<Object> types = em.createNativeQuery("""
                select column_name || ' ' || data_type from information_schema.columns
                where table_name = 'public_grids' order by column_name""").getResultList();
        assertThat(types).contains("id bigint", "grid_data jsonb", "python_version jsonb", "code_cells jsonb",
                "created_at timestamp with time zone", "ipb_version text", "ipb_class text", "secret boolean");
    }

    @Test
    @TestTransaction
    void aLargeGridWithNonAsciiCodeRoundTrips() {
        GridData data = new GridData(100, 100, false, TestBlocks.rows(100, 100), Map.of("note", JsonNodeFactory.instance.textNode("ñ")));
        PublicGrid grid = new PublicGrid();
        grid.ipbVersion = "1.9.1";
        grid.ipbClass = "ImageGrid";
        grid.pythonVersion = List.of(3, 12, 1, "final", 0);
        grid.codeCells = List.of("grid[0, 0] = (255, 0, 0)  # 日本語 ünïcödé 🎨", "</pre><script>alert(1)</script>");
        grid.gridData = data;
        grid.persist();
        em.flush();
        em.clear();

        PublicGrid back = PublicGrid.<PublicGrid>findByIdOptional(grid.id).orElseThrow();
        assertThat(back).isNotSameAs(grid);
        assertThat(back.gridData).isEqualTo(data);
        assertThat(back.gridData.size(99, 99)).isEqualTo(data.size(99, 99));
        assertThat(back.codeCells).isEqualTo(grid.codeCells);
        assertThat(back.pythonVersion).containsExactly(3, 12, 1, "final", 0);
        assertThat(back.createdAt).isNotNull();
        Object stored = em.createNativeQuery("select jsonb_array_length(grid_data -> 'blocks') from public_grids where id = :id")
                .setParameter("id", grid.id).getSingleResult();
        assertThat(((Number) stored).intValue()).isEqualTo(100);
        Object cell = em.createNativeQuery("select code_cells ->> 0 from public_grids where id = :id")
                .setParameter("id", grid.id).getSingleResult();
        assertThat(cell).isEqualTo("grid[0, 0] = (255, 0, 0)  # 日本語 ünïcödé 🎨");
    }

    @Test
    @TestTransaction
    void nullCodeCellsStayNull() {
        SecretGrid grid = new SecretGrid();
        grid.ipbVersion = "1.6.0";
        grid.ipbClass = "BlockGrid";
        grid.pythonVersion = List.of(2, 7, 6, "final", 0);
        grid.gridData = GridData.filled(1, 1, true, 1, 2, 3, 20);
        grid.secret = true;
        grid.token = "0123456789abcdefABCD";
        grid.persist();
        em.flush();
        em.clear();
        SecretGrid back = SecretGrid.findByToken("0123456789abcdefABCD").orElseThrow();
        assertThat(back.codeCells).isNull();
        assertThat(back.gridData.red(0, 0)).isEqualTo(1);
        assertThat(SecretGrid.findLegacy(back.id)).isEmpty();
    }

    @Test
    @TestTransaction
    void randomFindsNothingInAnEmptyTableAndTheOnlyGridInATableOfOne() {
        assertThat(PublicGrid.findRandomIds(5)).isEmpty();
        PublicGrid grid = new PublicGrid();
        grid.ipbVersion = "1.9.1";
        grid.ipbClass = "BlockGrid";
        grid.pythonVersion = List.of(3, 11, 2, "final", 0);
        grid.gridData = GridData.filled(2, 2, true, 0, 0, 0, 20);
        grid.persist();
        em.flush();
        assertThat(PublicGrid.findRandomIds(5)).hasSize(5).containsOnly(grid.id);
    }

    @Test
    @TestTransaction
    void randomDrawsCoverTheTableAndSkipGaps() {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            PublicGrid grid = new PublicGrid();
            grid.ipbVersion = "1.9.1";
            grid.ipbClass = "BlockGrid";
            grid.pythonVersion = List.of(3, 11, 2, "final", 0);
            grid.gridData = GridData.filled(1, 1, true, i, 0, 0, 20);
            grid.persist();
            ids.add(grid.id);
        }
        em.flush();
        // a gap in the middle: draws landing in it move on to the next id that exists
        PublicGrid.delete("id between ?1 and ?2", ids.get(10), ids.get(29));
        em.flush();
        List<Long> drawn = PublicGrid.findRandomIds(400);
        assertThat(drawn).hasSize(400);
        assertThat(ids.subList(10, 30)).doesNotContainAnyElementsOf(drawn);
        assertThat(new java.util.HashSet<>(drawn)).as("draws spread over the table").hasSizeGreaterThan(15);
    }

    /** Blocks that differ in every position. */
    static final class TestBlocks {
        static int[][] rows(int width, int height) {
            int[][] rows = new int[height][width * 4];
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    rows[r][c * 4] = (r + c) % 256;
                    rows[r][c * 4 + 1] = (r * 3) % 256;
                    rows[r][c * 4 + 2] = (c * 5) % 256;
                    rows[r][c * 4 + 3] = 1 + (r + c) % 30;
                }
            }
            return rows;
        }
    }
}
