package org.ipythonblocks.grid;

import java.util.Optional;
import java.util.OptionalLong;

import jakarta.persistence.Query;

/**
 * The row a grid's URL id names, as SQL: its table and the condition that finds it. The one place
 * that knows the id rules: a secret token is looked up by token; a legacy secret id by the hash of
 * its row id, and only among rows without a token (so a new secret grid is never reachable by its
 * row's hash); a public id by the hash of its row id. Empty when the id cannot name any row.
 */
record GridRowLookup(String table, String where, Object key) {

    static Optional<GridRowLookup> of(GridIds ids, GridRef ref) {
        if (ref.secret() && GridIds.isToken(ref.id())) {
            return Optional.of(new GridRowLookup("secret_grids", "token = :key", ref.id()));
        }
        OptionalLong rowId = ref.secret() ? ids.decodeLegacySecret(ref.id()) : ids.decodePublic(ref.id());
        if (rowId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ref.secret()
                ? new GridRowLookup("secret_grids", "id = :key and token is null", rowId.getAsLong())
                : new GridRowLookup("public_grids", "id = :key", rowId.getAsLong()));
    }

    /** {@code sql} with {@code %s} for the table and for the condition, bound to this row. */
    Query query(jakarta.persistence.EntityManager em, String sql) {
        return em.createNativeQuery(String.format(sql, table, where)).setParameter("key", key);
    }
}
