package org.ipythonblocks.legacy;

import java.time.OffsetDateTime;

/**
 * One row of the input, checked and ready to insert: the columns of {@code public_grids}/{@code secret_grids} with the three
 * jsonb columns as checked JSON text ({@code codeCellsJson} null means SQL NULL, "no code cells"), and
 * the takedown columns: {@code hiddenAt}, the delete token's SHA-256 as hex, or, for a deleted grid,
 * {@code deletedAt} and {@code deletedBy} with every posted column null (V11 keeps no more).
 * Built only by {@link RowChecks}, so every instance is a row the tables' checks accept.
 */
record ImportRow(GridTable table, long id, String token, OffsetDateTime createdAt, String ipbVersion,
        String pythonVersionJson, String ipbClass, String codeCellsJson, String gridDataJson,
        OffsetDateTime hiddenAt, String deleteTokenHashHex, OffsetDateTime deletedAt, String deletedBy) {

    /** The same grid with its takedown state. */
    ImportRow withTakedown(OffsetDateTime hidden, String tokenHashHex) {
        return new ImportRow(table, id, token, createdAt, ipbVersion, pythonVersionJson, ipbClass, codeCellsJson,
                gridDataJson, hidden, tokenHashHex, null, null);
    }

    boolean deleted() {
        return deletedAt != null;
    }
}
