package org.ipythonblocks.legacy;

import java.time.OffsetDateTime;

/**
 * One row of the input, checked and ready to insert: the columns of {@code public_grids}/{@code secret_grids} with the three
 * jsonb columns as checked JSON text ({@code codeCellsJson} null means SQL NULL, "no code cells").
 * Built only by {@link RowChecks}, so every instance reads back as a {@code GridColumns} entity.
 */
record ImportRow(GridTable table, long id, String token, OffsetDateTime createdAt, String ipbVersion,
        String pythonVersionJson, String ipbClass, String codeCellsJson, String gridDataJson) {
}
