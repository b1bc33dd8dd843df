package org.ipythonblocks.grid;

import java.util.Optional;
import java.util.OptionalLong;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Which row a grid's URL id names: the one place that knows the id rules. A secret token is looked
 * up by token; a legacy secret id by the hash of its row id, and only among rows without a token (so
 * a new secret grid is never reachable by its row's hash); a public id by the hash of its row id.
 * Empty when the id cannot name any row. The row is then read as an entity ({@link #entity()}, through
 * the entity's finder) or in SQL ({@link #query}); both use the condition the entity states.
 */
record GridRowLookup(Kind kind, Object key) {

    /** The three ways an id names a row: a table, and the condition (HQL and SQL alike) on {@code :key}. */
    enum Kind {
        PUBLIC("public_grids", PublicGrid.BY_ID),
        SECRET_TOKEN("secret_grids", SecretGrid.BY_TOKEN),
        LEGACY_SECRET("secret_grids", SecretGrid.LEGACY);

        final String table;
        final String where;

        Kind(String table, String where) {
            this.table = table;
            this.where = where;
        }
    }

    static Optional<GridRowLookup> of(GridIds ids, GridRef ref) {
        if (ref.secret() && GridIds.isToken(ref.id())) {
            return Optional.of(new GridRowLookup(Kind.SECRET_TOKEN, ref.id()));
        }
        OptionalLong rowId = ref.secret() ? ids.decodeLegacySecret(ref.id()) : ids.decodePublic(ref.id());
        if (rowId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GridRowLookup(ref.secret() ? Kind.LEGACY_SECRET : Kind.PUBLIC, rowId.getAsLong()));
    }

    /** The row as an entity, hidden or not. */
    Optional<Grid> entity() {
        return switch (kind) {
            case PUBLIC -> PublicGrid.<PublicGrid>findByIdOptional(key).map(Grid.class::cast);
            case SECRET_TOKEN -> SecretGrid.findByToken((String) key).map(Grid.class::cast);
            case LEGACY_SECRET -> SecretGrid.findLegacy((Long) key).map(Grid.class::cast);
        };
    }

    /** {@code sql} with {@code %s} for the table and for the condition, bound to this row. */
    Query query(EntityManager em, String sql) {
        return em.createNativeQuery(String.format(sql, kind.table, kind.where)).setParameter("key", key);
    }
}
